import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver';
import { analyze } from '../analysis';
import { append } from '../core/text';
import { collectFiles, readDocument } from '../files';
import type { ResolvedConfig } from '../config';
import { toDiagnostic } from './diagnostics';
import type { Lang } from './locale';

export interface WorkspaceFileResult {
  uri: string;
  diagnostics: Diagnostic[];
}

/**
 * Lints every referat under the folders from disk, without opening editors. Files that cannot be
 * read are reported in `unreadable` and skipped. `skip` holds URIs the editor already analyses.
 */
export function lintFolders(
  folders: readonly string[],
  configFor: (uri: string) => ResolvedConfig,
  lang: Lang,
  skip: (uri: string) => boolean,
  cancelled: () => boolean,
): { files: WorkspaceFileResult[]; unreadable: string[] } {
  const paths: string[] = [];
  for (const f of folders) {
    try {
      append(paths, collectFiles([URI.parse(f).fsPath]));
    } catch {
      // A folder that vanished is not an error of the lint.
    }
  }
  const files: WorkspaceFileResult[] = [];
  const unreadable: string[] = [];
  for (const p of paths) {
    if (cancelled()) break;
    const uri = URI.file(p).toString();
    if (skip(uri)) continue;
    let text: string;
    try {
      text = readDocument(p);
    } catch (e) {
      unreadable.push(`${p}: ${(e as Error).message}`);
      continue;
    }
    const analysis = analyze(text, configFor(uri));
    files.push({ uri, diagnostics: analysis.findings.map((f) => toDiagnostic(f, lang)) });
  }
  return { files, unreadable };
}
