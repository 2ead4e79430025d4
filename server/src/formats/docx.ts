import * as mammoth from 'mammoth';
import { htmlToText } from './html';
import { LIMIT_WORDS, LIMITS } from './limits';
import { ExtractError, MESSAGES } from './messages';
import { declaredUnzippedBytes, unzippedBytes } from './zip';

/** A Word document as text: mammoth maps its styles to HTML (Heading 1 to h1, lists, tables), which is then read as a web page is. */
export async function extractDocx(data: Uint8Array): Promise<string> {
  // A zip bomb is refused by the sizes its directory declares, and then by what its parts inflate to, counted without keeping it; pictures and embedded files are never unpacked.
  const neverUnpacked = (name: string): boolean => /^word\/(media|embeddings)\//.test(name);
  const declared = declaredUnzippedBytes(data, neverUnpacked);
  if (declared !== undefined && declared > LIMITS.docxBytes) throw new ExtractError(MESSAGES.beyondLimits(LIMIT_WORDS.docx(declared)));
  if ((await unzippedBytes(data, neverUnpacked, LIMITS.docxBytes)) > LIMITS.docxBytes)
    throw new ExtractError(MESSAGES.beyondLimits(LIMIT_WORDS.docxInflated()));
  let html: string;
  try {
    // Pictures are left out of the text anyway: they are not unpacked (mammoth would inline each as base64).
    const convertImage = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) }, { convertImage })).value;
  } catch (e) {
    throw new ExtractError(MESSAGES.brokenDocx(String((e as Error)?.message ?? e)));
  }
  return htmlToText(html);
}
