import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import { looksLikeReferat } from './core/detect';
import type { IgnoreRules } from './configFile';
import { EXTRACT_MESSAGES, ExtractError, extractDocument, publishedFormatOf, type PublishedFormat } from './formats';
import type { Message } from './rules/types';

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
  for (let i = 0; i < name.length; ) {
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

/** The first 4 KB of a file, as text: enough for looksLikeReferat. */
export function readHead(file: string | Buffer): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? String((e as Error)?.message ?? e);
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
}

/** Ignore patterns relative to a folder, compiled once. */
class IgnoreSet {
  private readonly compiled = new Map<string, Ignore>();

  constructor(private readonly cwd: string, private readonly enabled: boolean, private readonly configIgnores?: (dir: string) => readonly IgnoreRules[]) {
    if (!enabled) return;
    const file = path.join(cwd, IGNORE_FILE_NAME);
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      // No ignore file: nothing is ignored by it.
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
 * the rest goes on; a link that leads back into its own folder is not followed.
 */
export function findFiles(inputs: readonly string[], options: FindOptions = {}): FoundFiles {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const ignores = new IgnoreSet(cwd, options.useIgnores !== false, options.configIgnores);
  const found: string[] = [];
  const problems: Message[] = [];
  const unmatched: string[] = [];
  const ignored: string[] = [];

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
      problem(`kan ikke læse ${shown}: ${errorCode(e)}`, `cannot read ${shown}: ${errorCode(e)}`);
      return false;
    }
  };
  const walk = (dir: string, ancestors: ReadonlySet<string>): void => {
    let entries: fs.Dirent<Buffer>[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      problem(`kan ikke læse mappen ${printableName(dir)}: ${errorCode(e)}`, `cannot read the folder ${printableName(dir)}: ${errorCode(e)}`);
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
      if (isDir) {
        let real: string;
        try {
          real = fs.realpathSync(p);
        } catch (err) {
          problem(`kan ikke læse mappen ${printableName(p)}: ${errorCode(err)}`, `cannot read the folder ${printableName(p)}: ${errorCode(err)}`);
          continue;
        }
        if (!ancestors.has(real)) walk(p, new Set([...ancestors, real]));
      } else if (isFile && isCandidate(p, name)) found.push(p);
    }
  };

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
      walk(input, new Set([safeRealpath(input)]));
    } else if (stat) {
      if (ignores.ignores(input, false)) ignored.push(input);
      else found.push(input);
      continue;
    } else if (glob().isDynamicPattern(input)) {
      for (const match of glob().globSync(input, { cwd, dot: false, onlyFiles: true, followSymbolicLinks: true, expandDirectories: false, ignore: ['**/node_modules/**'] })) {
        const p = path.isAbsolute(input) ? match : path.relative(cwd, path.resolve(cwd, match)) || match;
        if (ignores.ignores(p, false)) continue;
        const base = path.basename(p);
        if (MAYBE_EXT.test(base) ? isCandidate(p, base) : true) found.push(p);
      }
    } else {
      problem(`kan ikke læse ${printableName(input)}: filen eller mappen findes ikke`, `cannot read ${printableName(input)}: no such file or directory`);
      continue;
    }
    if (found.length === before) unmatched.push(input);
  }
  return { files: onePerRealFile(found), unmatched, problems, ignored };
}

/** tinyglobby, loaded on first use: its file walker cannot be initialised inside the server's bundle, which never expands globs. */
function glob(): typeof import('tinyglobby') {
  return require('tinyglobby') as typeof import('tinyglobby');
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Sorted by path, and a file reached by several paths (links) kept under the first. */
function onePerRealFile(files: readonly string[]): string[] {
  const sorted = [...files].sort(comparePaths);
  const seen = new Set<string>();
  return sorted.filter((f) => {
    const real = f === '-' ? f : safeRealpath(f);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

/** The files of the inputs, as `findFiles` finds them, without ignore files; unreadable ones are left out. */
export function collectFiles(inputs: readonly string[]): string[] {
  return findFiles(inputs, { useIgnores: false }).files;
}

/** Reads a document as text: a UTF-8 BOM is dropped; a file that is not text is refused with a reason. */
export function readDocument(file: string): string {
  const buf = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
  if (buf.includes(0)) {
    const shown = printableName(file);
    throw new InputError(`${shown}: not a text file (it contains NUL bytes)`, { da: `${shown}: ikke en tekstfil (den indeholder NUL-bytes)`, en: `${shown}: not a text file (it contains NUL bytes)` });
  }
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** A fingerprint of a document's text, to tell at write time whether the file changed since it was read. */
export function textDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type WriteOutcome = { written: true } | { written: false; reason: Message };

/**
 * Writes a fixed document over `file` only if the file still holds the text it was linted from
 * (`digest`): into a temporary file beside it, with its mode, then renamed over it, so the file is
 * never half written. The file's BOM is kept. A read-only file is left alone.
 */
export function writeFixedFile(file: string, digest: string, fixedText: string): WriteOutcome {
  const refuse = (da: string, en: string): WriteOutcome => ({ written: false, reason: { da, en } });
  let bytes: Buffer;
  let mode: number;
  try {
    bytes = fs.readFileSync(file);
    mode = fs.statSync(file).mode & 0o7777;
  } catch (e) {
    return refuse(`kan ikke læses igen (${errorCode(e)})`, `cannot be read again (${errorCode(e)})`);
  }
  const bom = bytes.subarray(0, 3).equals(UTF8_BOM);
  const now = bytes.toString('utf8');
  if (textDigest(bom ? now.slice(1) : now) !== digest) return refuse('er ændret på disken siden den blev læst', 'changed on disk since it was read');
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch {
    return refuse('er skrivebeskyttet', 'is read-only');
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.referat-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    fs.writeFileSync(temp, bom ? Buffer.concat([UTF8_BOM, Buffer.from(fixedText, 'utf8')]) : fixedText, { mode, flag: 'wx' });
    fs.chmodSync(temp, mode);
    fs.renameSync(temp, file);
    return { written: true };
  } catch (e) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // Nothing more can be done about a temporary file that cannot be removed.
    }
    return refuse(`kunne ikke skrives (${errorCode(e)})`, `could not be written (${errorCode(e)})`);
  }
}

/** A document as the linter reads it; `format` is set for a published file (PDF, Word, web page) whose text was extracted. */
export interface LoadedDocument {
  text: string;
  format?: PublishedFormat;
}

type Lang = keyof Message;

/**
 * Reads a text file, or extracts a published file's text; a file that cannot be read is refused with
 * a reason (the error's message in `lang`), and so is a published file whose text does not look like
 * a referat, unless `anyText` asks for the text whatever it is (`--extract`).
 */
export async function loadDocument(file: string, lang: Lang, { anyText = false }: { anyText?: boolean } = {}): Promise<LoadedDocument> {
  if (file === '-' || !publishedFormatOf(file)) return { text: readDocument(file) };
  const shown = printableName(file);
  const refuse = (both: Message): InputError => new InputError(both[lang], both);
  try {
    const { text, format } = await extractDocument(file);
    if (!anyText && !looksLikeReferat(text.slice(0, 4096))) throw new ExtractError(EXTRACT_MESSAGES.notAReferat);
    return { text, format };
  } catch (e) {
    if (e instanceof ExtractError) throw refuse({ da: `${shown}: ${e.text.da}`, en: `${shown}: ${e.text.en}` });
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw refuse({ da: `kan ikke læse ${shown}: ${code}`, en: `cannot read ${shown}: ${code}` });
    throw e;
  }
}

/**
 * The files to lint: the published files found by walking a folder or expanding a glob stay only
 * where their text looks like a referat (the first two pages of a PDF tell); `skipped` says, in
 * `lang`, why those that could not be read went, and `leftOut` names those whose text is not a
 * referat, with the reason. A published file named outright is always kept.
 */
export async function keepReferater(files: readonly string[], inputs: readonly string[], lang: Lang): Promise<{ files: string[]; skipped: string[]; leftOut: string[] }> {
  const given = new Set(inputs);
  const kept: string[] = [];
  const skipped: string[] = [];
  const leftOut: string[] = [];
  for (const file of files) {
    if (given.has(file) || !publishedFormatOf(file)) {
      kept.push(file);
      continue;
    }
    try {
      const { text } = await extractDocument(file, { maxPages: 2 });
      if (looksLikeReferat(text.slice(0, 4096))) kept.push(file);
      else leftOut.push(`${printableName(file)}: ${EXTRACT_MESSAGES.notAReferat[lang]}`);
    } catch (e) {
      skipped.push(`${printableName(file)}: ${e instanceof ExtractError ? e.text[lang] : errorCode(e)}`);
    }
  }
  return { files: kept, skipped, leftOut };
}
