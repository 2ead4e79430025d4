import type { Messages } from './messages';

const MB = 1024 * 1024;

/**
 * How far a published file may expand when it is read. A referat of 200 pages is far below each;
 * a file crafted to expand without end (a zip bomb, a PDF stream that inflates to gigabytes, a web
 * page nested 100,000 deep) is refused before it is expanded, or stopped by the worker's bounds.
 */
export const LIMITS = {
  /** A Word file's parts together (pictures and embedded files aside), uncompressed, as its zip directory declares them. */
  docxBytes: 50 * MB,
  /** A PDF's compressed streams together, inflated (images aside: their pixels are never decoded for text). */
  pdfStreamBytes: 100 * MB,
  pdfPages: 2000,
  /** The text read from any published file, in characters. */
  textChars: 10_000_000,
  /** How deep a web page's elements may nest (real pages stay below 100). */
  htmlDepth: 2000,
  /** The reading thread's JavaScript heap, and how much the process may grow while it reads (`REFERAT_TEST_READ_MEMORY_MB` lowers it for the tests). */
  workerHeapMb: 512,
  workerGrowthMb: lowered('REFERAT_TEST_READ_MEMORY_MB', 512),
  /** How long one file may take to read (`REFERAT_TEST_READ_TIMEOUT_MS` for the tests). */
  timeoutMs: lowered('REFERAT_TEST_READ_TIMEOUT_MS', 60_000),
} as const;

/** A bound the tests lower through the environment to reach the reading thread's own bounds quickly; it can only be lowered. */
function lowered(name: string, bound: number): number {
  const value = Number(process.env[name]);
  return value > 0 && value < bound ? value : bound;
}

/** A size in megabytes, for the messages. */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / MB)} MB`;
}

export const LIMIT_WORDS = {
  docx: (declared: number): Messages => ({
    da: `Word-filens dele fylder ${megabytes(declared)} udpakket, mere end grænsen på ${megabytes(LIMITS.docxBytes)}`,
    en: `the Word file's parts take ${megabytes(declared)} unpacked, more than the limit of ${megabytes(LIMITS.docxBytes)}`,
  }),
  docxInflated: (): Messages => ({
    da: `Word-filens dele fylder mere end ${megabytes(LIMITS.docxBytes)} udpakket`,
    en: `the Word file's parts unpack to more than ${megabytes(LIMITS.docxBytes)}`,
  }),
  pdfStreams: (): Messages => ({
    da: `PDF-filens komprimerede data fylder mere end ${megabytes(LIMITS.pdfStreamBytes)} udpakket`,
    en: `the PDF's compressed data unpacks to more than ${megabytes(LIMITS.pdfStreamBytes)}`,
  }),
  pdfPages: (pages: number): Messages => ({
    da: `PDF-filen har ${pages} sider, mere end grænsen på ${LIMITS.pdfPages}`,
    en: `the PDF has ${pages} pages, more than the limit of ${LIMITS.pdfPages}`,
  }),
  text: (): Messages => ({
    da: `teksten er længere end ${LIMITS.textChars.toLocaleString('da-DK')} tegn`,
    en: `the text is longer than ${LIMITS.textChars.toLocaleString('en-US')} characters`,
  }),
  memory: (): Messages => ({
    da: `at læse den kræver mere end ${LIMITS.workerGrowthMb} MB hukommelse`,
    en: `reading it needs more than ${LIMITS.workerGrowthMb} MB of memory`,
  }),
  time: (): Messages => ({
    da: `at læse den tager mere end ${(LIMITS.timeoutMs / 1000).toLocaleString('da-DK')} sekunder`,
    en: `reading it takes more than ${LIMITS.timeoutMs / 1000} seconds`,
  }),
};
