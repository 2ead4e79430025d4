import * as fs from 'fs';
import * as path from 'path';
import type { ExtractedDocument, ExtractOptions, PublishedFormat } from './extract';
import { extractInReadingThread } from './readingThread';

export { ExtractError, MESSAGES as EXTRACT_MESSAGES, type Messages } from './messages';
export { describeWhereabouts, locator, pagesOfLines, withWhereabouts, type Whereabouts } from './locate';
export type { ExtractedDocument, ExtractOptions, PublishedFormat } from './extract';
export { LIMITS as EXTRACT_LIMITS } from './limits';
export { EXTRACTED_SCHEME, extractedTextPath, sourcePathOf, type ExtractTextResult } from './uri';

const FORMATS: Record<string, PublishedFormat> = { '.pdf': 'pdf', '.docx': 'docx', '.html': 'html', '.htm': 'html', '.xhtml': 'html' };

/** The published format a file name says, or undefined for any other file. */
export function publishedFormatOf(file: string): PublishedFormat | undefined {
  return FORMATS[path.extname(file).toLowerCase()];
}

/** Reads a published file from disk; throws an ExtractError when it cannot be read as text, or the file system's error. */
export async function extractDocument(file: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const format = publishedFormatOf(file);
  if (!format) throw new Error(`${file} is not a PDF, Word or HTML file`);
  return extractData(await fs.promises.readFile(file), format, options);
}

/** The text of a published file's bytes, read in the reading thread within the bounds of `limits.ts`. */
export function extractData(data: Uint8Array, format: PublishedFormat, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  return extractInReadingThread(data, format, options);
}
