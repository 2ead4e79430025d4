import { URI } from 'vscode-uri';
import type { CodeAction } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import { InputError, loadDocument } from '../files';
import { EXTRACTED_SCHEME, extractedTextPath, locator, publishedFormatOf, sourcePathOf, withWhereabouts, type ExtractTextResult, type PublishedFormat } from '../formats';
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
  return withWhereabouts(analysis.findings, locator(analysis.lines, format, analysis.parsed.model.items.map((i) => i.line)));
}

/** An extracted text is read-only: its fixes could not be applied, so only the actions without edits (rule page, turn a rule off) stay. */
export function withoutEditsIfReadOnly(uri: string, actions: CodeAction[]): CodeAction[] {
  return formatBehind(uri) ? actions.filter((a) => !a.edit) : actions;
}

/** The openAsText command: a published file's text for its URI; a file that cannot be read gets the reason, in the user's language. */
export async function extractForEditor(fileUri: string, lang: Lang): Promise<ExtractTextResult> {
  const file = URI.parse(fileUri).fsPath;
  try {
    return { text: (await loadDocument(file, lang)).text };
  } catch (e) {
    if (e instanceof InputError) return { error: e.message };
    return { error: `${file}: ${(e as Error)?.message ?? String(e)}` };
  }
}
