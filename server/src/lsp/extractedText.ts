import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { CodeAction } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import { InputError, loadDocument, printableName } from '../files';
import { realPathInside } from '../io/read';
import {
  EXTRACTED_SCHEME,
  extractedTextPath,
  locator,
  publishedFormatOf,
  sourcePathOf,
  withWhereabouts,
  type ExtractTextResult,
  type PublishedFormat,
} from '../formats';
import type { Finding } from '../rules/types';
import type { Lang } from './locale';

/** The URI of a published file's extracted text, the read-only document the editor shows and the server lints. */
export function extractedTextUri(filePath: string): string {
  return URI.file(extractedTextPath(filePath)).with({ scheme: EXTRACTED_SCHEME }).toString();
}

/** The format of the published file behind an extracted-text URI, or undefined for any other document. */
function formatBehind(uri: string): PublishedFormat | undefined {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== EXTRACTED_SCHEME) return undefined;
  const source = sourcePathOf(parsed.path);
  return source ? publishedFormatOf(source) : undefined;
}

/** A document's findings; for an extracted text each message also names the page or the item, as the CLI does. */
export function findingsToShow(uri: string, analysis: Analysis): Finding[] {
  const format = formatBehind(uri);
  if (!format) return analysis.findings;
  return withWhereabouts(
    analysis.findings,
    locator(
      analysis.lines,
      format,
      analysis.parsed.model.items.map((i) => i.line),
    ),
  );
}

/** An extracted text is read-only: its fixes could not be applied, so only the actions without edits (rule page, turn a rule off) stay. */
export function withoutEditsIfReadOnly(uri: string, actions: CodeAction[]): CodeAction[] {
  return formatBehind(uri) ? actions.filter((a) => !a.edit) : actions;
}

/**
 * The openAsText command: a published file's text for its URI; a file that cannot be read gets the
 * reason, in the user's language. Only a PDF, Word or HTML file inside a workspace folder (links
 * resolved) is read: a client cannot make the server read `/etc/passwd` or a device.
 */
export async function extractForEditor(fileUri: string, lang: Lang, workspaceFolders: readonly string[]): Promise<ExtractTextResult> {
  const parsed = URI.parse(fileUri);
  const file = parsed.fsPath;
  const shown = printableName(file);
  const say = (da: string, en: string): ExtractTextResult => ({ error: lang === 'da' ? da : en });
  if (parsed.scheme !== 'file' || !publishedFormatOf(file))
    return say(
      `${shown}: ikke en PDF-, Word- eller HTML-fil på disken; kun de kan åbnes som referattekst.`,
      `${shown}: not a published file (PDF, Word or HTML) on disk; only those open as referat text.`,
    );
  const folders = workspaceFolders
    .map((f) => URI.parse(f))
    .filter((u) => u.scheme === 'file')
    .map((u) => u.fsPath);
  const real = realPathInside(file, folders);
  // Missing is said only inside a folder: outside, the answer does not tell whether a file exists.
  const namedInside = folders.some((f) => !path.relative(f, file).startsWith('..') && !path.isAbsolute(path.relative(f, file)));
  if (!real && namedInside && !fs.existsSync(file))
    return say(`kan ikke læse ${shown}: filen findes ikke`, `cannot read ${shown}: no such file`);
  if (!real)
    return say(
      `${shown} ligger uden for arbejdsområdets mapper og læses ikke.`,
      `${shown} is outside the workspace folders and is not read.`,
    );
  try {
    return { text: (await loadDocument(real, lang)).text };
  } catch (e) {
    if (e instanceof InputError) return { error: e.message };
    return { error: `${shown}: ${(e as Error)?.message ?? String(e)}` };
  }
}
