import * as vscode from 'vscode';
import { looksLikeReferat } from '../../server/src/core/detect';

const OFFERED_KEY = 'referat.offeredUris';
const NEVER_KEY = 'referat.neverOffer';
const HEAD_LINES = 30;

/**
 * A Markdown or plain-text file whose first lines look like a referat gets one offer to switch to
 * the referat language. Each file is asked about once; "never" holds for the whole workspace.
 */
export function offerReferatLanguage(doc: vscode.TextDocument, state: vscode.Memento): void {
  if (doc.languageId !== 'markdown' && doc.languageId !== 'plaintext') return;
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return;
  if (state.get<boolean>(NEVER_KEY)) return;
  const offered = state.get<string[]>(OFFERED_KEY, []);
  const key = doc.uri.toString();
  if (offered.includes(key)) return;
  const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, HEAD_LINES), 0));
  if (!looksLikeReferat(head)) return;
  void state.update(OFFERED_KEY, [...offered, key].slice(-200));

  const switchTo = vscode.l10n.t('Use Referat');
  const never = vscode.l10n.t('Never in this workspace');
  const name = doc.uri.path.split('/').pop() ?? key;
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} looks like meeting minutes. Check it with Referat?', name), switchTo, never).then(async (answer) => {
    if (answer === switchTo) await vscode.languages.setTextDocumentLanguage(doc, 'referat');
    else if (answer === never) await state.update(NEVER_KEY, true);
  });
}
