import * as fs from 'fs';
import * as path from 'path';
import { looksLikeReferat } from './core/detect';
import { EXTRACT_MESSAGES, ExtractError, extractDocument, publishedFormatOf, type Messages, type PublishedFormat } from './formats';

/** A file or folder that cannot be read as a referat: the CLI exits 2 with this message. */
export class InputError extends Error {}

const REFERAT_EXT = /\.referat(\.md|\.txt)?$/i;
const MAYBE_EXT = /\.(md|txt)$/i;

function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Expands the inputs to files: directories are walked, in a stable order. */
export function collectFiles(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && (REFERAT_EXT.test(e.name) || publishedFormatOf(e.name) || (MAYBE_EXT.test(e.name) && looksLikeReferat(readHead(p))))) out.push(p);
    }
  };
  for (const input of inputs) {
    if (input === '-') {
      out.push(input);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new InputError(`cannot read ${input}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(input);
    else out.push(input);
  }
  return out;
}

/** Reads a document as text: a UTF-8 BOM is dropped; a file that is not text is refused with a reason. */
export function readDocument(file: string): string {
  const buf = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
  if (buf.includes(0)) throw new InputError(`${file}: not a text file (it contains NUL bytes)`);
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}


/** A document as the linter reads it; `format` is set for a published file (PDF, Word, web page) whose text was extracted. */
export interface LoadedDocument {
  text: string;
  format?: PublishedFormat;
}

/** Reads a text file, or extracts a published file's text; a file that cannot be read is refused with a reason in `lang`. */
export async function loadDocument(file: string, lang: keyof Messages): Promise<LoadedDocument> {
  try {
    if (file === '-' || !publishedFormatOf(file)) return { text: readDocument(file) };
    const { text, format } = await extractDocument(file);
    if (!looksLikeReferat(text.slice(0, 4096))) throw new ExtractError(EXTRACT_MESSAGES.notAReferat);
    return { text, format };
  } catch (e) {
    if (e instanceof ExtractError) throw new InputError(`${file}: ${e.text[lang]}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code && !(e instanceof InputError)) throw new InputError(`cannot read ${file}: ${code}`);
    throw e;
  }
}

/**
 * The files to lint: the published files found by walking a folder stay only where their text
 * looks like a referat (the first two pages of a PDF tell); `skipped` says why the others went.
 */
export async function keepReferater(files: readonly string[], inputs: readonly string[], lang: keyof Messages): Promise<{ files: string[]; skipped: string[] }> {
  const given = new Set(inputs);
  const kept: string[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    if (given.has(file) || !publishedFormatOf(file)) {
      kept.push(file);
      continue;
    }
    try {
      const { text } = await extractDocument(file, { maxPages: 2 });
      if (looksLikeReferat(text.slice(0, 4096))) kept.push(file);
    } catch (e) {
      skipped.push(`${file}: ${e instanceof ExtractError ? e.text[lang] : (e as Error).message}`);
    }
  }
  return { files: kept, skipped };
}
