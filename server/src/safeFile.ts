import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { notRegular, ReadRefusal, tooLarge } from './io/read';

/** A file the tool will not read or write, with the reason in both languages: the safe reader's refusal. */
export { ReadRefusal as FileRefusal };

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK } = fs.constants;

/**
 * Opens a regular file for reading, never waiting on a FIFO or a device (O_NONBLOCK) and, unless
 * `follow`, never following a link in its last part; anything but a regular file is refused before
 * a byte is read.
 */
export function openRegularFile(file: string, options: { follow?: boolean } = {}): { fd: number; stat: fs.Stats } {
  const fd = fs.openSync(file, O_RDONLY | O_NONBLOCK | (options.follow ? 0 : O_NOFOLLOW));
  const stat = fs.fstatSync(fd);
  if (!stat.isFile()) {
    fs.closeSync(fd);
    throw notRegular(stat);
  }
  return { fd, stat };
}

/** All of an open file's bytes, from the start, refused beyond `maxBytes`. */
export function readAll(fd: number, size: number, maxBytes = Number.MAX_SAFE_INTEGER): Buffer {
  if (size > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let total = 0;
  // The size is a hint: the file may have grown since fstat; read to its end, within the bound.
  for (let pos = 0; ;) {
    // One byte more than the size: a short read of a regular file is its end, so a file read whole needs no second read.
    const buf = Buffer.allocUnsafe(Math.max(64 * 1024, Math.min(size - pos + 1, 16 * 1024 * 1024)));
    const n = fs.readSync(fd, buf, 0, buf.length, pos);
    if (n > 0) chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    total += n;
    pos += n;
    if (total > maxBytes) throw tooLarge(maxBytes);
    if (n < buf.length) break;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/** A regular file's bytes and the status of the very file they were read from. */
export function readRegularFile(file: string, maxBytes?: number): { bytes: Buffer; stat: fs.Stats } {
  const { fd, stat } = openRegularFile(file);
  try {
    return { bytes: readAll(fd, stat.size, maxBytes), stat };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A new file beside `file` under a name nobody can guess, created exclusively and without following
 * a link (O_EXCL | O_NOFOLLOW), so that nothing planted at that name is written through.
 */
export function createTempBeside(file: string, mode = 0o600): { temp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(12).toString('hex')}.tmp`);
    try {
      return { temp, fd: fs.openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw e;
    }
  }
}

/** Writes all of `bytes`, at `position` when given (from the file's current offset otherwise). */
export function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at, bytes.length - at, position === undefined ? null : position + at);
}

/** Removes a temporary file, when it is there; nothing more can be done about one that cannot be removed. */
export function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Left behind: its name says what it is.
  }
}
