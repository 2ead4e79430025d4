import * as fs from 'fs';
import * as path from 'path';
import { pagesOfLines } from './locate';
import { extractPdf } from './pdf';
import { splitLines } from '../core/text';

export { ExtractError, MESSAGES as EXTRACT_MESSAGES, type Messages } from './messages';
export { describeWhereabouts, locator, pagesOfLines, withWhereabouts, type Whereabouts } from './locate';
export { EXTRACTED_SCHEME, extractedTextPath, sourcePathOf, type ExtractTextResult } from './uri';

/** The forms minutes are published in, besides text: PDF, Word and web pages. */
export type PublishedFormat = 'pdf' | 'docx' | 'html';

/** What was read from a published file: the text the linter reads, and for a PDF the page of every line. */
export interface ExtractedDocument {
  text: string;
  format: PublishedFormat;
  /** For a PDF: `pages[line]` is the 1-based page that line of `text` is on. */
  pages?: number[];
}

const FORMATS: Record<string, PublishedFormat> = { '.pdf': 'pdf', '.docx': 'docx', '.html': 'html', '.htm': 'html', '.xhtml': 'html' };

/** The published format a file name says, or undefined for any other file. */
export function publishedFormatOf(file: string): PublishedFormat | undefined {
  return FORMATS[path.extname(file).toLowerCase()];
}

export interface ExtractOptions {
  /** Read only the first pages of a PDF: enough to tell whether it is a referat. */
  maxPages?: number;
}

/** Reads a published file from disk; throws an ExtractError when it cannot be read as text, or the file system's error. */
export async function extractDocument(file: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const format = publishedFormatOf(file);
  if (!format) throw new Error(`${file} is not a PDF, Word or HTML file`);
  return extractData(await fs.promises.readFile(file), format, options);
}

/** The text of a published file's bytes. */
export async function extractData(data: Uint8Array, format: PublishedFormat, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  if (format === 'pdf') {
    const text = await extractPdf(data, options.maxPages);
    return { text, format, pages: pagesOfLines(splitLines(text)) };
  }
  // The Word and HTML readers (mammoth, turndown and its DOM) are loaded on first use: they take most of a run's start-up, and most runs read neither.
  if (format === 'docx') return { text: await (await import('./docx')).extractDocx(data), format };
  return { text: (await import('./html')).htmlToText(decodeHtml(data)), format };
}

/** A web page's bytes as text, in the character set its BOM or `<meta>` names (older Danish sites use windows-1252), UTF-8 otherwise. */
function decodeHtml(data: Uint8Array): string {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 4096)).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(data);
  } catch {
    return new TextDecoder('utf-8').decode(data);
  }
}
