import { inflatedSize } from './inflate';
import { LIMIT_WORDS, LIMITS } from './limits';
import { ExtractError, MESSAGES } from './messages';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** One run of text on a page, in top-down page coordinates. */
interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** The pdf.js library, loaded once per process on first use (it is large and most runs read no PDF). */
let library: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  library ??= (async () => {
    // pdf.js makes a DOMMatrix when it loads; Node has none, and the native canvas that would lend one is not shipped.
    const g = globalThis as { DOMMatrix?: unknown; pdfjsWorker?: unknown };
    g.DOMMatrix ??= (await import('@thednp/dommatrix')).default;
    // Loading, pdf.js warns about the native canvas it cannot find; it renders nothing here, so the warning would only alarm.
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const [lib, worker] = await Promise.all([
        import('pdfjs-dist/legacy/build/pdf.mjs'),
        import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
      ]);
      // In Node pdf.js runs its "worker" in this thread; handing it the module already loaded keeps it from importing a file by path, which a bundle does not have.
      g.pdfjsWorker = worker;
      return lib;
    } catch (e) {
      library = undefined;
      if ((e as NodeJS.ErrnoException).code === 'ERR_REQUIRE_ESM') throw new ExtractError(MESSAGES.pdfNeedsNewerNode);
      throw e;
    } finally {
      console.warn = warn;
    }
  })();
  return library;
}

/** Gaps between runs on a line, in font sizes: above TAB_GAP a table column (tab), above SPACE_GAP a word break. */
const TAB_GAP = 1.5;
const SPACE_GAP = 0.15;
/** Baselines further apart than this many font sizes have a blank line between them (a paragraph break). */
const PARAGRAPH_GAP = 1.6;

/**
 * The text of a PDF: the lines of each page top to bottom, runs on a line left to right, a tab
 * where a wide gap separates table columns, a blank line at a paragraph gap, and a form feed at
 * the start of each page after the first. `maxPages` reads only the first pages (enough to tell a
 * referat). Throws an ExtractError for a scan, a password or a broken file.
 */
export async function extractPdf(data: Uint8Array, maxPages = Infinity): Promise<string> {
  if ((await inflatedStreamBytes(data, LIMITS.pdfStreamBytes)) > LIMITS.pdfStreamBytes)
    throw new ExtractError(MESSAGES.beyondLimits(LIMIT_WORDS.pdfStreams()));
  const pdfjs = await loadPdfJs();
  // pdf.js refuses a Buffer and takes over the array it gets: it is handed a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const pdf = await task.promise.catch((e: unknown) => {
      const name = (e as Error)?.name;
      if (name === 'PasswordException') throw new ExtractError(MESSAGES.encrypted);
      throw new ExtractError(MESSAGES.brokenPdf(String((e as Error)?.message ?? e)));
    });
    if (pdf.numPages > LIMITS.pdfPages && maxPages > LIMITS.pdfPages)
      throw new ExtractError(MESSAGES.beyondLimits(LIMIT_WORDS.pdfPages(pdf.numPages)));
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= Math.min(pdf.numPages, maxPages); n++) {
      const page = await pdf.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const t = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
        runs.push({ str: item.str, x: t[4], y: t[5], width: item.width, size: Math.hypot(t[2], t[3]) || 1 });
      }
      pages.push(pageText(runs));
      page.cleanup();
      if ((length += pages[pages.length - 1].length) > LIMITS.textChars) throw new ExtractError(MESSAGES.beyondLimits(LIMIT_WORDS.text()));
    }
    if (pages.every((p) => p.trim() === '')) throw new ExtractError(MESSAGES.noTextLayer);
    return pages.join('\n\f') + '\n';
  } finally {
    await task.destroy();
  }
}

function pageText(runs: Run[]): string {
  runs.sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Run[][] = [];
  for (const run of runs) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(run.y - line[0].y) <= 0.5 * Math.max(run.size, line[0].size)) line.push(run);
    else lines.push([run]);
  }
  const out: string[] = [];
  let previous: Run[] | undefined;
  for (const line of lines) {
    line.sort((a, b) => a.x - b.x);
    if (previous) {
      const size = Math.max(...line.map((r) => r.size), ...previous.map((r) => r.size));
      if (line[0].y - previous[0].y > PARAGRAPH_GAP * size) out.push('');
    }
    out.push(lineText(line));
    previous = line;
  }
  return out.join('\n');
}

function lineText(line: readonly Run[]): string {
  let text = line[0].str;
  for (let i = 1; i < line.length; i++) {
    const prev = line[i - 1];
    const run = line[i];
    const gap = (run.x - (prev.x + prev.width)) / Math.max(run.size, prev.size);
    if (gap > TAB_GAP) text = text.trimEnd() + '\t' + run.str.trimStart();
    else if (gap > SPACE_GAP && !/\s$/.test(text) && !/^\s/.test(run.str)) text += ' ' + run.str;
    else text += run.str;
  }
  return text.trimEnd();
}

const latin1 = (data: Uint8Array, from: number, to: number): string =>
  Buffer.from(data.buffer, data.byteOffset + from, to - from).toString('latin1');

/**
 * What a PDF's Flate-compressed streams inflate to together, counted up to just beyond `budget`
 * without keeping the output: pdf.js holds a stream's whole output in memory, so a stream that
 * inflates to gigabytes must be refused before pdf.js reads it. Image streams are left out: their
 * pixels are never decoded for text. Streams inside object streams are inside a counted stream.
 */
export async function inflatedStreamBytes(data: Uint8Array, budget: number): Promise<number> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let total = 0;
  // The dictionary of a stream lies between the end of the stream before it and its own `stream` keyword: each byte is looked at once.
  let previousEnd = 0;
  for (let at = bytes.indexOf('stream'); at !== -1 && total <= budget; at = bytes.indexOf('stream', at + 6)) {
    if (at >= 3 && latin1(data, at - 3, at) === 'end') continue;
    let start = at + 6;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] !== 0x0a && bytes[start - 1] !== 0x0d) continue;
    if (bytes[start] === 0x0a) start++;
    const head = latin1(data, previousEnd, at);
    const dictionary = head.slice(head.lastIndexOf('obj') + 1);
    const end = bytes.indexOf('endstream', start);
    if (end === -1) break;
    if (/\/FlateDecode/.test(dictionary) && !/\/Subtype\s*\/Image/.test(dictionary))
      total += await inflatedSize(bytes.subarray(start, end), budget - total);
    at = end + 3;
    previousEnd = end + 9;
  }
  return total;
}
