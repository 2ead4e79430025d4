import { LIMIT_WORDS, LIMITS } from './limits';
import { pagesOfLines } from './locate';
import { ExtractError, MESSAGES } from './messages';
import { extractPdf } from './pdf';
import { splitLines } from '../core/text';

/** The forms minutes are published in, besides text: PDF, Word and web pages. */
export type PublishedFormat = 'pdf' | 'docx' | 'html';

/** What was read from a published file: the text the linter reads, and for a PDF the page of every line. */
export interface ExtractedDocument {
  text: string;
  format: PublishedFormat;
  /** For a PDF: `pages[line]` is the 1-based page that line of `text` is on. */
  pages?: number[];
}

export interface ExtractOptions {
  /** Read only the first pages of a PDF: enough to tell whether it is a referat. */
  maxPages?: number;
}

/** The text of a published file's bytes, read in this thread (the reading thread runs it, see `readingThread.ts`). */
export async function extractHere(data: Uint8Array, format: PublishedFormat, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  if (format === 'pdf') {
    const text = await extractPdf(data, options.maxPages);
    return { text, format, pages: pagesOfLines(splitLines(text)) };
  }
  // The Word and HTML readers (mammoth, turndown and its DOM) are loaded on first use: they take most of a run's start-up, and most runs read neither.
  const text = format === 'docx' ? await (await import('./docx')).extractDocx(data) : (await import('./html')).htmlToText(decodeHtml(data));
  if (text.length > LIMITS.textChars) throw new ExtractError(MESSAGES.beyondLimits(LIMIT_WORDS.text()));
  return { text, format };
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
