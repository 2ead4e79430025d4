import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver';
import { analyze } from '../analysis';
import { append } from '../core/text';
import { collectFiles, keepReferater, loadDocument } from '../files';
import type { ResolvedConfig } from '../config';
import { toDiagnostic } from './diagnostics';
import { extractedTextUri, findingsToShow } from './extractedText';
import type { Lang } from './locale';

export interface WorkspaceFileResult {
  uri: string;
  diagnostics: Diagnostic[];
}

/**
 * Lints every referat under the folders from disk, without opening editors. Files that cannot be
 * read are reported in `unreadable` and skipped. `skip` holds URIs the editor already analyses.
 */
export async function lintFolders(
  folders: readonly string[],
  configFor: (uri: string) => ResolvedConfig,
  lang: Lang,
  skip: (uri: string) => boolean,
  cancelled: () => boolean,
): Promise<{ files: WorkspaceFileResult[]; unreadable: string[] }> {
  const found: string[] = [];
  for (const f of folders) {
    try {
      append(found, collectFiles([URI.parse(f).fsPath]));
    } catch {
      // A folder that vanished is not an error of the lint.
    }
  }
  // PDF, Word and HTML files count where their text looks like a referat; their findings go on their extracted text.
  const { files: paths, skipped: unreadable } = await keepReferater(found, [], lang);
  const files: WorkspaceFileResult[] = [];
  for (const p of paths) {
    if (cancelled()) break;
    let text: string;
    let format: boolean;
    try {
      const loaded = await loadDocument(p, lang);
      text = loaded.text;
      format = loaded.format !== undefined;
    } catch (e) {
      unreadable.push(`${p}: ${(e as Error).message}`);
      continue;
    }
    const uri = format ? extractedTextUri(p) : URI.file(p).toString();
    if (skip(uri)) continue;
    const analysis = analyze(text, configFor(URI.file(p).toString()));
    files.push({ uri, diagnostics: findingsToShow(uri, analysis).map((f) => toDiagnostic(f, lang)) });
  }
  return { files, unreadable };
}
