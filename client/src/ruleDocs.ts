import * as path from 'path';
import * as vscode from 'vscode';
import { currentLang } from './i18n';

/** A rule's page in the chosen language: `docs/rules/<id>.da.md` for Danish, `<id>.md` for English. */
export function rulePage(extensionPath: string, rule: string): vscode.Uri {
  const name = currentLang() === 'da' ? `${rule}.da.md` : `${rule}.md`;
  return vscode.Uri.file(path.join(extensionPath, 'docs', 'rules', name));
}

/** The rule a path under the extension's docs/rules names, if it does. */
function ruleOf(extensionPath: string, file: string): string | undefined {
  const dir = path.join(extensionPath, 'docs', 'rules');
  if (path.dirname(file) !== dir) return undefined;
  return /^([a-z-]+?)(?:\.da)?\.md$/.exec(path.basename(file))?.[1];
}

export function isOwnFile(extensionPath: string, uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && (uri.fsPath === extensionPath || uri.fsPath.startsWith(extensionPath + path.sep));
}

/** Opens a rule's page rendered, in the Markdown preview (beside the referat, from a quick fix), never as an editable file. */
export async function showRulePage(extensionPath: string, rule: string, toSide = false): Promise<void> {
  await vscode.commands.executeCommand(toSide ? 'markdown.showPreviewToSide' : 'markdown.showPreview', rulePage(extensionPath, rule));
}

/**
 * A link in a diagnostic opens the page as a text editor: that editor is swapped for the rendered
 * page in the user's language.
 */
export function renderRulePagesOnOpen(extensionPath: string): vscode.Disposable {
  return vscode.window.onDidChangeActiveTextEditor(async (editor) => {
    const uri = editor?.document.uri;
    if (!uri || uri.scheme !== 'file') return;
    const rule = ruleOf(extensionPath, uri.fsPath);
    if (!rule) return;
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await showRulePage(extensionPath, rule);
  });
}
