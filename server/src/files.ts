import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isUtf8 } from 'buffer';
import ignore, { type Ignore } from 'ignore';
import { looksLikeReferat } from './core/detect';
import type { IgnoreRules } from './configFile';
import {
  EXTRACT_MESSAGES,
  ExtractError,
  extractData,
  publishedFormatOf,
  type ExtractedDocument,
  type ExtractOptions,
  type PublishedFormat,
} from './formats';
import { CONFIG_LIMIT, DOCUMENT_LIMIT, PUBLISHED_LIMIT, readRegularFile, readRegularHead, ReadRefusal, tooLarge } from './io/read';
import type { Message } from './rules/types';
import { createTempBeside, FileRefusal, openRegularFile, readAll, removeQuietly, writeAll } from './safeFile';

/** A file or folder that cannot be read as a referat: the CLI reports it and exits 2 at the end. */
export class InputError extends Error {
  constructor(
    message: string,
    /** The same message in both languages, when there is one. */
    readonly both?: Message,
  ) {
    super(message);
  }
}

export const IGNORE_FILE_NAME = '.referatignore';

/** Names that are referater by their ending; `.md`/`.txt` files are referater when their first lines say so. */
export const REFERAT_EXT = /\.referat(\.md|\.txt)?$/i;
export const MAYBE_EXT = /\.(md|txt)$/i;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A file name as it can be printed on one line: control characters (a newline in a name would
 * break `file:line:col`) and backslashes are escaped, as in a JSON string.
 */
export function printableName(name: string): string {
  return name.replace(/[\\\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A name that is not valid UTF-8, printed with its undecodable bytes as \xNN. */
function printableBytes(name: Buffer): string {
  let out = '';
  for (let i = 0; i < name.length;) {
    const width = utf8Width(name, i);
    if (width === 0) {
      out += `\\x${name[i].toString(16).padStart(2, '0')}`;
      i++;
    } else {
      out += printableName(name.subarray(i, i + width).toString('utf8'));
      i += width;
    }
  }
  return out;
}

/** The length of the valid UTF-8 sequence at `i`, or 0 when there is none. */
function utf8Width(b: Buffer, i: number): number {
  const c = b[i];
  const width = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (width <= 1 || i + width > b.length) return width === 1 ? 1 : 0;
  const piece = b.subarray(i, i + width);
  return Buffer.from(piece.toString('utf8'), 'utf8').equals(piece) ? width : 0;
}

/** The first 4 KB of a regular file, as text: enough for looksLikeReferat. */
export function readHead(file: string | Buffer): string {
  return readRegularHead(file, 4096).toString('utf8');
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? String((e as Error)?.message ?? e);
}

/** A published file's text, its bytes read as a document's are: a regular file under PUBLISHED_LIMIT. */
export async function extractFile(file: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const format = publishedFormatOf(file);
  if (!format) throw new Error(`${file} is not a PDF, Word or HTML file`);
  return extractData(readRegularFile(file, PUBLISHED_LIMIT), format, options);
}

/** Paths compared by code point (UTF-8 bytes compare that way), the same on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export interface FindOptions {
  /** The folder `.referatignore` and relative inputs are read from. */
  cwd?: string;
  /** Apply `.referatignore` and the configuration's `ignores` (true unless --no-ignore). */
  useIgnores?: boolean;
  /** The configuration's ignore rules that apply in a folder. */
  configIgnores?: (dir: string) => readonly IgnoreRules[];
}

export interface FoundFiles {
  /** Files to lint, by path in code-point order, each real file once; `-` stands for standard input. */
  files: string[];
  /** Inputs that matched nothing. */
  unmatched: string[];
  /** Files and folders that could not be read or named: linting goes on without them. */
  problems: Message[];
  /** Files named on the command line that an ignore pattern leaves out. */
  ignored: string[];
  /** Files named on the command line that are the same real file as another one kept (through a link): each is linted once, under the name kept. */
  sameFiles: Array<{ file: string; as: string }>;
  /** Links to folders outside the named folders, not followed: the user can name them to lint them. */
  linksOut: string[];
}

/** Ignore patterns relative to a folder, compiled once. */
class IgnoreSet {
  private readonly compiled = new Map<string, Ignore>();

  constructor(
    private readonly cwd: string,
    private readonly enabled: boolean,
    private readonly configIgnores?: (dir: string) => readonly IgnoreRules[],
  ) {
    if (!enabled) return;
    const file = path.join(cwd, IGNORE_FILE_NAME);
    let text: string | undefined;
    try {
      text = readRegularFile(file, CONFIG_LIMIT).toString('utf8');
    } catch {
      // No ignore file (or a FIFO, a device, a huge file by that name): nothing is ignored by it.
    }
    if (text !== undefined) this.compiled.set(cwd, ignore().add(text));
  }

  private rulesFor(dir: string, patterns: readonly string[]): Ignore {
    const key = `${dir}\0${patterns.join('\0')}`;
    let ig = this.compiled.get(key);
    if (!ig) {
      ig = ignore().add(patterns as string[]);
      this.compiled.set(key, ig);
    }
    return ig;
  }

  /** Whether a file or (with isDir) a folder is ignored. */
  ignores(p: string, isDir: boolean): boolean {
    if (!this.enabled) return false;
    const abs = path.resolve(this.cwd, p);
    const test = (base: string, ig: Ignore | undefined): boolean => {
      if (!ig) return false;
      const rel = path.relative(base, abs);
      // The ignore package takes paths inside its folder only.
      if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
      return ig.ignores(rel.split(path.sep).join('/') + (isDir ? '/' : ''));
    };
    if (test(this.cwd, this.compiled.get(this.cwd))) return true;
    const rules = this.configIgnores?.(path.dirname(abs)) ?? [];
    return rules.some((r) => test(r.dir, this.rulesFor(r.dir, r.patterns)));
  }
}

/**
 * Expands the inputs to the files to lint: folders are walked for referater, glob patterns are
 * expanded, ignore patterns apply (to files named outright too), and every real file is linted
 * once, however many links lead to it. A folder or file that cannot be read is one problem and
 * the rest goes on. Each real folder is walked once (known by device and inode), and a link to a
 * folder is followed only where the folder lies inside a folder named on the command line, after
 * the real folders, so that a file keeps the path without the link where it has one.
 */
export function findFiles(inputs: readonly string[], options: FindOptions = {}): FoundFiles {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const ignores = new IgnoreSet(cwd, options.useIgnores !== false, options.configIgnores);
  const found: string[] = [];
  const problems: Message[] = [];
  const unmatched: string[] = [];
  const ignored: string[] = [];
  const named = new Set<string>();

  const problem = (da: string, en: string): void => {
    problems.push({ da, en });
  };
  const isCandidate = (p: string | Buffer, name: string): boolean => {
    // A published file (PDF, Word, web page) is judged by its text later, in keepReferater.
    if (REFERAT_EXT.test(name) || publishedFormatOf(name)) return true;
    if (!MAYBE_EXT.test(name)) return false;
    try {
      return looksLikeReferat(readHead(p));
    } catch (e) {
      const shown = typeof p === 'string' ? printableName(p) : printableBytes(p);
      const why = e instanceof ReadRefusal ? e.reason : { da: errorCode(e), en: errorCode(e) };
      problem(`kan ikke læse ${shown}: ${why.da}`, `cannot read ${shown}: ${why.en}`);
      return false;
    }
  };

  // The named folders, resolved: a link that leads out of all of them is not followed.
  const roots: string[] = [];
  for (const input of inputs) {
    try {
      if (input !== '-' && fs.statSync(input).isDirectory()) roots.push(fs.realpathSync(input));
    } catch {
      // Not a folder: nothing to stay inside.
    }
  }
  const insideRoots = (real: string): boolean => roots.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
  const visited = new Set<string>();
  const linkedFolders: string[] = [];
  const linksOut: string[] = [];
  /** Whether to walk a folder: not yet walked, and (reached through a link) inside a named folder. */
  const enter = (dir: string, throughLink: boolean): boolean => {
    let real: string;
    let stat: fs.Stats;
    try {
      real = fs.realpathSync(dir);
      stat = fs.statSync(real);
    } catch (err) {
      problem(
        `kan ikke læse mappen ${printableName(dir)}: ${errorCode(err)}`,
        `cannot read the folder ${printableName(dir)}: ${errorCode(err)}`,
      );
      return false;
    }
    if (throughLink && !insideRoots(real)) {
      linksOut.push(dir);
      return false;
    }
    const key = `${stat.dev}:${stat.ino}`;
    if (visited.has(key)) return false;
    visited.add(key);
    return true;
  };
  const walk = (dir: string): void => {
    let entries: fs.Dirent<Buffer>[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      problem(
        `kan ikke læse mappen ${printableName(dir)}: ${errorCode(e)}`,
        `cannot read the folder ${printableName(dir)}: ${errorCode(e)}`,
      );
      return;
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const e of entries) {
      const name = e.name.toString('utf8');
      if (name.startsWith('.') || name === 'node_modules') continue;
      if (!Buffer.from(name, 'utf8').equals(e.name)) {
        const raw = Buffer.concat([Buffer.from(dir + path.sep, 'utf8'), e.name]);
        if (e.isDirectory() || (e.isFile() && isCandidate(raw, name))) {
          const shown = printableBytes(raw);
          problem(`${shown}: navnet er ikke gyldig UTF-8 og springes over`, `${shown}: the name is not valid UTF-8 and is skipped`);
        }
        continue;
      }
      const p = path.join(dir, name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const target = fs.statSync(p);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          // A dangling link leads to nothing to lint.
          continue;
        }
      }
      if (ignores.ignores(p, isDir)) continue;
      if (isDir && e.isSymbolicLink()) linkedFolders.push(p);
      else if (isDir) {
        if (enter(p, false)) walk(p);
      } else if (isFile && isCandidate(p, name)) found.push(p);
    }
  };

  const folderInputs: string[] = [];
  for (const input of inputs) {
    const before = found.length;
    if (input === '-') {
      found.push(input);
      continue;
    }
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(input);
    } catch {
      // Not a path: maybe a glob pattern.
    }
    if (stat?.isDirectory()) {
      folderInputs.push(input);
      if (enter(input, false)) walk(input);
      continue;
    } else if (stat) {
      if (ignores.ignores(input, false)) ignored.push(input);
      else {
        found.push(input);
        named.add(input);
      }
      continue;
    } else if (glob().isDynamicPattern(input)) {
      const fsOnce = readEachFolderOnce(path.resolve(cwd, staticBase(input)));
      for (const match of glob().globSync(input, {
        cwd,
        dot: false,
        onlyFiles: true,
        followSymbolicLinks: true,
        expandDirectories: false,
        ignore: ['**/node_modules/**'],
        fs: fsOnce,
      })) {
        const p = path.isAbsolute(input) ? match : path.relative(cwd, path.resolve(cwd, match)) || match;
        if (ignores.ignores(p, false)) continue;
        const base = path.basename(p);
        if (MAYBE_EXT.test(base) ? isCandidate(p, base) : true) found.push(p);
      }
    } else {
      problem(
        `kan ikke læse ${printableName(input)}: filen eller mappen findes ikke`,
        `cannot read ${printableName(input)}: no such file or directory`,
      );
      continue;
    }
    if (found.length === before) unmatched.push(input);
  }
  // Linked folders last, each once: a folder also reached without a link has been walked by then.
  for (let i = 0; i < linkedFolders.length; i++) if (enter(linkedFolders[i], true)) walk(linkedFolders[i]);
  const sameFiles: FoundFiles['sameFiles'] = [];
  const files = onePerRealFile(found, (file, as) => {
    if (named.has(file)) sameFiles.push({ file, as });
  });
  // A named folder matched when a file lies below it, by its path or (when walked under another name) by its real path.
  const reals = folderInputs.length > 0 ? files.map(safeRealpath) : [];
  for (const input of folderInputs) {
    const below = path.join(input, path.sep);
    const real = path.join(safeRealpath(input), path.sep);
    if (!files.some((f, i) => f.startsWith(below) || reals[i].startsWith(real))) unmatched.push(input);
  }
  return { files, unmatched: inputs.filter((i) => unmatched.includes(i)), problems, ignored, linksOut, sameFiles };
}

/** tinyglobby, loaded on first use: its file walker cannot be initialised inside the server's bundle, which never expands globs. */
function glob(): typeof import('tinyglobby') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require('tinyglobby') as typeof import('tinyglobby');
}

/** The folder a glob pattern starts from: its leading path segments without glob syntax (`referater/2025/**` → `referater/2025`). */
function staticBase(pattern: string): string {
  const parts = pattern.split('/');
  let i = 0;
  while (i < parts.length - 1 && !glob().isDynamicPattern(parts[i])) i++;
  return parts.slice(0, i).join('/') || (pattern.startsWith('/') ? '/' : '.');
}

/**
 * The file system a glob expansion reads folders through: each real folder once (known by device
 * and inode), none outside `base`, so that links neither make it exponential nor lead it out.
 */
function readEachFolderOnce(base: string): { readdirSync: typeof fs.readdirSync } {
  const root = safeRealpath(base);
  const seen = new Set<string>();
  const readdirOnce = (dir: fs.PathLike, options?: unknown): unknown => {
    try {
      const real = fs.realpathSync(dir);
      const stat = fs.statSync(real);
      const key = `${stat.dev}:${stat.ino}`;
      const inside = real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
      if (seen.has(key) || !inside) return [];
      seen.add(key);
    } catch {
      // The read below reports what is wrong with the folder.
    }
    return fs.readdirSync(dir, options as fs.ObjectEncodingOptions);
  };
  return { readdirSync: readdirOnce as typeof fs.readdirSync };
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Sorted by path, and a file reached by several paths (links) kept under the first; `dropped` hears of each other path. */
function onePerRealFile(files: readonly string[], dropped: (file: string, as: string) => void): string[] {
  const sorted = [...files].sort(comparePaths);
  const kept = new Map<string, string>();
  return sorted.filter((f) => {
    const real = f === '-' ? f : safeRealpath(f);
    const first = kept.get(real);
    if (first !== undefined) {
      if (first !== f) dropped(f, first);
      return false;
    }
    kept.set(real, f);
    return true;
  });
}

/** The files of the inputs, as `findFiles` finds them, without ignore files; unreadable ones are left out. */
export function collectFiles(inputs: readonly string[]): string[] {
  return findFiles(inputs, { useIgnores: false }).files;
}

/**
 * How a text file's bytes are read and written back: UTF-8 with or without BOM, UTF-16 with its
 * BOM (written back as it came), and two that --fix never writes: Windows-1252 (what a file that is
 * not UTF-8 but only holds that code page's printable bytes is read as) and UTF-8 that is not valid.
 */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'windows-1252' | 'invalid-utf8';

/** Bytes a Windows-1252 text never holds: the five code points the code page leaves undefined. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Whether bytes that are not valid UTF-8 read as Windows-1252 text: every byte printable in that
 * code page (or a tab, line end or form feed), and fewer well-formed UTF-8 sequences than stray
 * high bytes (a UTF-8 file with one damaged byte is no Windows-1252 file).
 */
function looksLikeWindows1252(buf: Buffer): boolean {
  let utf8Sequences = 0;
  let stray = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c < 0x20) {
      if (c !== 9 && c !== 10 && c !== 12 && c !== 13) return false;
      continue;
    }
    if (c < 0x80) continue;
    if (CP1252_UNDEFINED.has(c)) return false;
    const width = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let k = 1;
    while (width > 0 && k < width && i + k < buf.length && (buf[i + k] & 0xc0) === 0x80) k++;
    if (width > 0 && k === width) {
      utf8Sequences++;
      i += width - 1;
    } else stray++;
  }
  return stray > utf8Sequences;
}

/** Refused as "not a text file", with the reason. */
function notText(file: string, da: string, en: string): InputError {
  const shown = printableName(file);
  return new InputError(`${shown}: not a text file (${en})`, {
    da: `${shown}: ikke en tekstfil (${da})`,
    en: `${shown}: not a text file (${en})`,
  });
}

/** A document's bytes as text, with the encoding they were read in; a file that is not text is refused with a reason. */
export function decodeDocument(buf: Buffer, file: string): { text: string; encoding: TextEncoding } {
  if (buf[0] === 0xff && buf[1] === 0xfe) {
    if (buf.length % 2 !== 0) throw notText(file, 'UTF-16 med et ulige antal bytes', 'UTF-16 with an odd number of bytes');
    return { text: buf.toString('utf16le', 2), encoding: 'utf16le' };
  }
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    if (buf.length % 2 !== 0) throw notText(file, 'UTF-16 med et ulige antal bytes', 'UTF-16 with an odd number of bytes');
    return { text: Buffer.from(buf.subarray(2)).swap16().toString('utf16le'), encoding: 'utf16be' };
  }
  if (buf.includes(0)) throw notText(file, 'den indeholder NUL-bytes', 'it contains NUL bytes');
  const bom = buf.subarray(0, 3).equals(UTF8_BOM);
  const body = bom ? buf.subarray(3) : buf;
  if (isUtf8(body)) return { text: body.toString('utf8'), encoding: bom ? 'utf8-bom' : 'utf8' };
  if (!bom && looksLikeWindows1252(buf)) return { text: new TextDecoder('windows-1252').decode(buf), encoding: 'windows-1252' };
  return { text: body.toString('utf8'), encoding: 'invalid-utf8' };
}

/** The bytes of a text in an encoding --fix writes, BOM included; undefined for the encodings it never writes. */
export function encodeDocument(text: string, encoding: TextEncoding): Buffer | undefined {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    default:
      return undefined;
  }
}

/** Why --fix does not write a file read in `encoding`, or undefined when it does. */
export function unwritableEncoding(encoding: TextEncoding): Message | undefined {
  if (encoding === 'windows-1252')
    return {
      da: 'er ikke UTF-8 (den er læst som Windows-1252), og --fix skriver kun UTF-8- og UTF-16-filer',
      en: 'is not UTF-8 (it was read as Windows-1252), and --fix writes UTF-8 and UTF-16 files only',
    };
  if (encoding === 'invalid-utf8')
    return {
      da: 'er ikke gyldig UTF-8, og --fix skriver ikke en fil hvis bytes den ikke kan gengive',
      en: 'is not valid UTF-8, and --fix does not write a file whose bytes it cannot reproduce',
    };
  return undefined;
}

/** What a file was when it was read: a later write goes ahead only if it is still that file with those bytes. */
export interface FileStamp {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  /** SHA-256 of its bytes. */
  digest: string;
}

function stampOf(stat: fs.BigIntStats, bytes: Buffer): FileStamp {
  return { dev: stat.dev, ino: stat.ino, size: stat.size, mtimeNs: stat.mtimeNs, digest: createHash('sha256').update(bytes).digest('hex') };
}

function sameStat(a: fs.BigIntStats, b: Omit<FileStamp, 'digest'>): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/** A document's text as read, with its encoding, and (but for standard input) the stamp of the file it came from. */
export interface ReadText {
  text: string;
  encoding: TextEncoding;
  stamp?: FileStamp;
}

/**
 * Reads a document's bytes and decodes them (see decodeDocument). Only a regular file is read, and
 * never by waiting: a FIFO or device is refused. Standard input is read as it comes.
 */
export function readDocumentText(file: string): ReadText & { bytes: Buffer } {
  if (file === '-') {
    const bytes = fs.readFileSync(0);
    return { ...decodeDocument(bytes, file), bytes };
  }
  let opened: { fd: number; stat: fs.Stats };
  try {
    opened = openRegularFile(file, { follow: true });
  } catch (e) {
    if (e instanceof FileRefusal)
      throw new InputError(`${printableName(file)}: ${e.reason.en}`, {
        da: `${printableName(file)}: ${e.reason.da}`,
        en: `${printableName(file)}: ${e.reason.en}`,
      });
    throw e;
  }
  try {
    const stat = fs.fstatSync(opened.fd, { bigint: true });
    if (stat.size > BigInt(DOCUMENT_LIMIT)) {
      const { da, en } = tooLarge(DOCUMENT_LIMIT).reason;
      throw new InputError(`${printableName(file)}: ${en}`, { da: `${printableName(file)}: ${da}`, en: `${printableName(file)}: ${en}` });
    }
    const bytes = readAll(opened.fd, Number(stat.size), DOCUMENT_LIMIT);
    return { ...decodeDocument(bytes, file), stamp: stampOf(stat, bytes), bytes };
  } finally {
    fs.closeSync(opened.fd);
  }
}

/** Reads a document as text: a BOM is dropped, Windows-1252 and UTF-16 decoded; a file that is not text is refused with a reason. */
export function readDocument(file: string): string {
  return readDocumentText(file).text;
}

export type WriteOutcome = { written: true } | { written: false; reason: Message };

/** Test hooks: run at the points where another program could change the file under --fix. */
export interface WriteHooks {
  /** After the new text is in the temporary file (or, for a write in place, just before it). */
  beforeReplace?: () => void;
}

/**
 * Writes a fixed document over `file` only if the file is still the one it was read from with the
 * bytes it had (`stamp`), in its own encoding (BOM kept). A link is written through: the real file
 * is replaced and the link stays. The new text goes into a temporary file beside the real one,
 * created exclusively under a name nobody can guess, with the file's mode (and, as root, its owner
 * and group), and is renamed over it, so the file is never half written. Where a rename would lose
 * something (other hard links to the file; an owner this process cannot give the new file) the file
 * is written in place instead. A read-only file (no write bit for its owner) is refused whoever runs.
 */
export function writeFixedFile(
  file: string,
  stamp: FileStamp,
  fixedText: string,
  encoding: TextEncoding,
  hooks: WriteHooks = {},
): WriteOutcome {
  const refuse = (da: string, en: string): WriteOutcome => ({ written: false, reason: { da, en } });
  const changed = (): WriteOutcome => refuse('er ændret på disken siden den blev læst', 'changed on disk since it was read');
  const bytes = encodeDocument(fixedText, encoding);
  if (!bytes) return { written: false, reason: unwritableEncoding(encoding)! };
  let real: string;
  let fd: number;
  let stat: fs.BigIntStats;
  let before: Buffer;
  try {
    real = fs.realpathSync(file);
    fd = openRegularFile(real).fd;
  } catch (e) {
    if (e instanceof FileRefusal) return { written: false, reason: e.reason };
    return refuse(`kan ikke læses igen (${errorCode(e)})`, `cannot be read again (${errorCode(e)})`);
  }
  try {
    stat = fs.fstatSync(fd, { bigint: true });
    if (!sameStat(stat, stamp)) return changed();
    before = readAll(fd, Number(stat.size));
    if (stampOf(stat, before).digest !== stamp.digest) return changed();
    /** The file is still the one read, with the same bytes, under the same name. */
    const unchanged = (): boolean => {
      const now = fs.fstatSync(fd, { bigint: true });
      const named = fs.lstatSync(real, { bigint: true });
      return sameStat(now, stamp) && named.ino === stat.ino && named.dev === stat.dev && readAll(fd, Number(now.size)).equals(before);
    };
    const mode = Number(stat.mode) & 0o7777;
    if ((mode & 0o200) === 0) return refuse('er skrivebeskyttet', 'is read-only');
    try {
      fs.accessSync(real, fs.constants.W_OK);
    } catch {
      return refuse('er skrivebeskyttet', 'is read-only');
    }
    const inPlace = (): WriteOutcome => (writeInPlace(real, bytes, unchanged, hooks) ? { written: true } : changed());
    // Only root can give a new file another owner; a rename would also part the file from its other hard links.
    if (stat.nlink > 1n || (process.getuid?.() !== 0 && Number(stat.uid) !== process.getuid?.())) return inPlace();
    let made: { temp: string; fd: number };
    try {
      made = createTempBeside(real);
    } catch (e) {
      // A folder the user may not create files in, holding a file they may write.
      if ((e as NodeJS.ErrnoException).code === 'EACCES') return inPlace();
      throw e;
    }
    const { temp, fd: out } = made;
    try {
      try {
        writeAll(out, bytes);
        fs.fchmodSync(out, mode);
        const fresh = fs.fstatSync(out, { bigint: true });
        // The owner and group: as root any; otherwise the user's own file keeps another of their groups.
        if (fresh.uid !== stat.uid || fresh.gid !== stat.gid) fs.fchownSync(out, Number(stat.uid), Number(stat.gid));
      } finally {
        fs.closeSync(out);
      }
      hooks.beforeReplace?.();
      // What remains is the moment between this last look and the rename: a save landing there is replaced by ours.
      if (!unchanged()) {
        removeQuietly(temp);
        return changed();
      }
      fs.renameSync(temp, real);
      return { written: true };
    } catch (e) {
      removeQuietly(temp);
      // The group could not be kept: write in place, which keeps everything the file has.
      if ((e as NodeJS.ErrnoException).code === 'EPERM') return inPlace();
      throw e;
    }
  } catch (e) {
    return refuse(`kunne ikke skrives (${errorCode(e)})`, `could not be written (${errorCode(e)})`);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Overwrites a file in place, keeping its inode (so its other hard links, owner, group and mode):
 * the new bytes from the start, then the file cut to their length. False when the file changed
 * before the write began. Not atomic: a reader can see the file half written for as long as the
 * write takes, and a crash in it leaves it so; a rename cannot keep the links joined.
 */
function writeInPlace(real: string, bytes: Buffer, unchanged: () => boolean, hooks: WriteHooks): boolean {
  const out = fs.openSync(real, fs.constants.O_WRONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  try {
    hooks.beforeReplace?.();
    if (!unchanged()) return false;
    writeAll(out, bytes, 0);
    fs.ftruncateSync(out, bytes.length);
    return true;
  } finally {
    fs.closeSync(out);
  }
}

/** A document as the linter reads it; `format` is set for a published file (PDF, Word, web page) whose text was extracted. */
export interface LoadedDocument {
  text: string;
  format?: PublishedFormat;
  /** A text file's encoding, which --fix writes it back in. */
  encoding?: TextEncoding;
  /** A text file's stamp, for --fix to tell whether it changed before the write. */
  stamp?: FileStamp;
  /** Standard input's bytes, printed back as they came by --fix when it cannot write them in their encoding. */
  bytes?: Buffer;
}

type Lang = keyof Message;

/**
 * Reads a text file, or extracts a published file's text; a file that cannot be read is refused with
 * a reason (the error's message in `lang`), and so is a published file whose text does not look like
 * a referat, unless `anyText` asks for the text whatever it is (`--extract`).
 */
export async function loadDocument(file: string, lang: Lang, { anyText = false }: { anyText?: boolean } = {}): Promise<LoadedDocument> {
  if (file === '-' || !publishedFormatOf(file)) {
    const { text, encoding, stamp, bytes } = readDocumentText(file);
    return { text, encoding, ...(stamp ? { stamp } : {}), ...(file === '-' ? { bytes } : {}) };
  }
  const shown = printableName(file);
  const refuse = (both: Message): InputError => new InputError(both[lang], both);
  try {
    const { text, format } = await extractFile(file);
    if (!anyText && !looksLikeReferat(text.slice(0, 4096))) throw new ExtractError(EXTRACT_MESSAGES.notAReferat);
    return { text, format };
  } catch (e) {
    if (e instanceof ExtractError) throw refuse({ da: `${shown}: ${e.text.da}`, en: `${shown}: ${e.text.en}` });
    if (e instanceof ReadRefusal) throw refuse({ da: `${shown}: ${e.reason.da}`, en: `${shown}: ${e.reason.en}` });
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw refuse({ da: `kan ikke læse ${shown}: ${code}`, en: `cannot read ${shown}: ${code}` });
    throw e;
  }
}

/** For the server: a pause between files, so that other requests are answered, and a way to stop. */
export interface KeepTurn {
  between(): Promise<void>;
  cancelled(): boolean;
}

/**
 * The files to lint: the published files found by walking a folder or expanding a glob stay only
 * where their text looks like a referat (the first two pages of a PDF tell); `skipped` says, in
 * `lang`, why those that could not be read went, and `leftOut` names those whose text is not a
 * referat, with the reason. A published file named outright is always kept.
 */
export async function keepReferater(
  files: readonly string[],
  inputs: readonly string[],
  lang: Lang,
  turn?: KeepTurn,
): Promise<{ files: string[]; skipped: string[]; leftOut: string[] }> {
  const given = new Set(inputs);
  const kept: string[] = [];
  const skipped: string[] = [];
  const leftOut: string[] = [];
  for (const file of files) {
    if (turn?.cancelled()) break;
    await turn?.between();
    if (given.has(file) || !publishedFormatOf(file)) {
      kept.push(file);
      continue;
    }
    try {
      const { text } = await extractFile(file, { maxPages: 2 });
      if (looksLikeReferat(text.slice(0, 4096))) kept.push(file);
      else leftOut.push(`${printableName(file)}: ${EXTRACT_MESSAGES.notAReferat[lang]}`);
    } catch (e) {
      skipped.push(
        `${printableName(file)}: ${e instanceof ExtractError ? e.text[lang] : e instanceof ReadRefusal ? e.reason[lang] : errorCode(e)}`,
      );
    }
  }
  return { files: kept, skipped, leftOut };
}
