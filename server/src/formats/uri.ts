/**
 * The URI scheme of a published file's extracted text in the editor (a read-only virtual document).
 * Its path is the file's with `.referat.txt` added, so that the editor gives it the referat language.
 */
export const EXTRACTED_SCHEME = 'referat-text';
const SUFFIX = '.referat.txt';

/** The virtual document's path for a published file's path. */
export function extractedTextPath(filePath: string): string {
  return filePath + SUFFIX;
}

/** The published file's path behind a virtual document's path, or undefined when it is not one. */
export function sourcePathOf(extractedPath: string): string | undefined {
  return extractedPath.endsWith(SUFFIX) ? extractedPath.slice(0, -SUFFIX.length) : undefined;
}

/** What the server's openAsText command answers for a published file's URI: its text, or why it cannot be read. */
export type ExtractTextResult = { text: string } | { error: string };
