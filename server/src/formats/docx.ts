import * as mammoth from 'mammoth';
import { htmlToText } from './html';
import { ExtractError, MESSAGES } from './messages';

/** A Word document as text: mammoth maps its styles to HTML (Heading 1 to h1, lists, tables), which is then read as a web page is. */
export async function extractDocx(data: Uint8Array): Promise<string> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) })).value;
  } catch (e) {
    throw new ExtractError(MESSAGES.brokenDocx(String((e as Error)?.message ?? e)));
  }
  return htmlToText(html);
}
