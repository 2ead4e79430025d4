import * as fs from 'fs';
import * as path from 'path';
import type { Message } from '../rules/types';

/**
 * Reading a file that a client, a document or a configuration names: only a regular file is read,
 * and only up to a limit, so that a FIFO, a device (`/dev/zero`), a socket or a huge file is refused
 * in milliseconds instead of hanging the process or filling its memory.
 */

/** A text document: far above any referat (the longest real one is under 1 MB), far below what would strain memory. */
export const DOCUMENT_LIMIT = 50 * 1024 * 1024;
/** A published file (PDF, Word, web page): larger for the images they carry; what they expand to is the format readers' bound. */
export const PUBLISHED_LIMIT = 100 * 1024 * 1024;
/** A configuration file: real ones are a few hundred bytes. */
export const CONFIG_LIMIT = 1024 * 1024;

/** Why a file was not read, in both languages, without the file's name (the caller adds it where it fits). */
export class ReadRefusal extends Error {
  constructor(readonly reason: Message) {
    super(reason.en);
  }
}

/** Open flags: O_NONBLOCK makes opening a FIFO return at once (Windows has neither FIFOs nor the flag). */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

function kindOf(stat: fs.Stats): Message {
  if (stat.isDirectory()) return { da: 'en mappe', en: 'a folder' };
  if (stat.isFIFO()) return { da: 'en FIFO', en: 'a FIFO' };
  if (stat.isSocket()) return { da: 'en socket', en: 'a socket' };
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return { da: 'en enhed', en: 'a device' };
  return { da: 'ingen almindelig fil', en: 'not a regular file' };
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** The refusal of what is not a regular file, naming what it is. */
export function notRegular(stat: fs.Stats): ReadRefusal {
  const kind = kindOf(stat);
  return new ReadRefusal({ da: `ikke en almindelig fil (${kind.da})`, en: `not a regular file (${kind.en})` });
}

/** The refusal of a file over `limit` bytes. */
export function tooLarge(limit: number): ReadRefusal {
  return new ReadRefusal({
    da: `filen er større end ${megabytes(limit)} og læses ikke`,
    en: `the file is larger than ${megabytes(limit)} and is not read`,
  });
}

/** Checks what was opened (not what the name led to a moment before), then reads at most `max` bytes; with `refuseLarger`, a larger file is refused. */
function readOpened(fd: number, max: number, refuseLarger: boolean): Buffer {
  const stat = fs.fstatSync(fd);
  if (!stat.isFile()) throw notRegular(stat);
  if (refuseLarger && stat.size > max) throw tooLarge(max);
  // One byte past the limit tells a file that grew after fstat.
  const cap = refuseLarger ? max + 1 : max;
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < cap) {
    const buf = Buffer.allocUnsafe(Math.min(cap - total, Math.max(stat.size - total + 1, 64 * 1024)));
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
  }
  if (refuseLarger && total > max) throw tooLarge(max);
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

function withOpened<T>(file: string | Buffer, use: (fd: number) => T): T {
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    return use(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The bytes of a regular file of at most `limit` bytes. Throws a ReadRefusal for anything else
 * (a FIFO, a device, a socket, a folder, a larger file) and the file system's error when it
 * cannot be opened.
 */
export function readRegularFile(file: string | Buffer, limit: number): Buffer {
  return withOpened(file, (fd) => readOpened(fd, limit, true));
}

/** The first `bytes` of a regular file (any size); the same refusals as readRegularFile otherwise. */
export function readRegularHead(file: string | Buffer, bytes: number): Buffer {
  return withOpened(file, (fd) => readOpened(fd, bytes, false));
}

/**
 * The real path of `file` when it lies inside one of `folders` once links are resolved on both
 * sides, or undefined (also when it does not exist). A link inside a folder that leads out of it
 * is outside.
 */
export function realPathInside(file: string, folders: readonly string[]): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return undefined;
  }
  for (const folder of folders) {
    let root: string;
    try {
      root = fs.realpathSync(folder);
    } catch {
      continue;
    }
    if (isInside(real, root)) return real;
  }
  return undefined;
}

/** The path with every link resolved; a part that does not exist yet is kept as named below the last one that does. */
export function realPathOf(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realPathOf(parent), path.basename(abs));
  }
}

/** Whether `file` is `folder` or below it; both are absolute, resolved paths. */
export function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}
