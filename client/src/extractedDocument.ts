import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXTRACTED_SCHEME, extractedTextPath, sourcePathOf, type ExtractTextResult } from '../../server/src/formats/uri';
import { COMMANDS as SERVER_COMMANDS } from '../../server/src/lsp/commandIds';
import { registerTwice, say } from './i18n';

const PUBLISHED = /\.(pdf|docx|html?|xhtml)$/i;

/** The published file (PDF, Word, web page) the command is about: the one clicked in the explorer, the active tab's, or one picked. */
async function publishedFile(resource: unknown): Promise<vscode.Uri | undefined> {
  if (resource instanceof vscode.Uri && PUBLISHED.test(resource.path)) return resource;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const active = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
  if (active && PUBLISHED.test(active.path)) return active;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: say('Open as referat text'),
    filters: { [say('Published referater')]: ['pdf', 'docx', 'html', 'htm'] },
  });
  return picked?.[0];
}

/**
 * "Open as referat text": the server reads the PDF, Word or HTML file, and its text opens as a
 * read-only referat document (scheme referat-text) that the server lints like any other.
 */
export function registerExtractedDocuments(context: vscode.ExtensionContext, start: () => Promise<LanguageClient>): void {
  const extract = async (file: vscode.Uri): Promise<ExtractTextResult> => {
    await start();
    return vscode.commands.executeCommand<ExtractTextResult>(SERVER_COMMANDS.openAsText, file.toString());
  };
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const source = sourcePathOf(uri.path);
      if (!source) return '';
      const result = await extract(uri.with({ scheme: 'file', path: source }));
      // The editor shows a thrown error in place of the document.
      if ('error' in result) throw new Error(result.error);
      return result.text;
    },
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EXTRACTED_SCHEME, provider),
    ...registerTwice('referat.openAsText', async (resource?: unknown) => {
      const file = await publishedFile(resource);
      if (!file) return;
      if (file.scheme !== 'file') {
        void vscode.window.showWarningMessage(say('Only files on disk can be read as referat text.'));
        return;
      }
      const result = await extract(file);
      if ('error' in result) {
        void vscode.window.showErrorMessage(result.error);
        return;
      }
      let doc = await vscode.workspace.openTextDocument(file.with({ scheme: EXTRACTED_SCHEME, path: extractedTextPath(file.path) }));
      if (doc.languageId !== 'referat') doc = await vscode.languages.setTextDocumentLanguage(doc, 'referat');
      await vscode.window.showTextDocument(doc, { preview: false });
    }),
  );
}
