import * as path from 'path';
import * as vscode from 'vscode';
import { looksLikeReferat } from '../../server/src/core/detect';
import { say } from './i18n';
import { isOwnFile } from './ruleDocs';

const NEVER_KEY = 'referat.neverOffer';
const HEAD_LINES = 30;

function candidateLanguage(doc: vscode.TextDocument): boolean {
  return (doc.languageId === 'markdown' || doc.languageId === 'plaintext') && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

/** A file name as a glob that matches just that name. */
function literalGlob(relative: string): string {
  return relative
    .split(path.sep)
    .join('/')
    .replace(/[[\]{}*?]/g, (c) => `[${c}]`);
}

/**
 * The files a secretary chose to read as referater, kept in the `referat.files` setting (globs
 * relative to the workspace folder, absolute outside one) and applied whenever such a file opens;
 * and the offer for a file that looks like a referat but is not one of them.
 */
export class ReferatFiles implements vscode.Disposable {
  private readonly offered = new Set<string>();
  private readonly candidates = new Set<string>();
  private readonly switching = new Set<string>();
  private readonly offerItem = vscode.languages.createLanguageStatusItem('referat.offer', []);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionPath: string,
    private readonly state: vscode.Memento,
    /** Called with the document a switch produced, so that its findings are asked for. */
    private readonly onSwitched: (doc: vscode.TextDocument) => void = () => undefined,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((doc) => void this.onOpen(doc)),
      // A document VS Code kept alive after its tab closed is shown again without an open event; a new entry applies at once.
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => void this.applyRemembered(e.document))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('referat.files'))
          vscode.window.visibleTextEditors.forEach((ed) => void this.applyRemembered(ed.document));
      }),
    );
    this.refreshTexts();
  }

  /** A remembered file, or one the workspace lint read as a referat, is opened as one; true when it was. */
  private async applyRemembered(doc: vscode.TextDocument): Promise<boolean> {
    // An editor event may carry a document that a switch has already replaced: only the live one is switched, once.
    if (doc.isClosed || this.switching.has(doc.uri.toString())) return false;
    if (!candidateLanguage(doc) || isOwnFile(this.extensionPath, doc.uri)) return false;
    if (!this.matches(doc) && !vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'referat')) return false;
    this.switching.add(doc.uri.toString());
    try {
      this.onSwitched(await vscode.languages.setTextDocumentLanguage(doc, 'referat'));
    } finally {
      this.switching.delete(doc.uri.toString());
    }
    return true;
  }

  /** Called on every open, and for the documents open at start. */
  async onOpen(doc: vscode.TextDocument): Promise<void> {
    if (!candidateLanguage(doc) || isOwnFile(this.extensionPath, doc.uri)) return;
    if (await this.applyRemembered(doc)) return;
    const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, HEAD_LINES), 0));
    if (!looksLikeReferat(head)) return;
    this.addCandidate(doc);
    if (this.state.get<boolean>(NEVER_KEY) || this.offered.has(doc.uri.toString())) return;
    this.offered.add(doc.uri.toString());
    const useFile = say('Use Referat');
    const useFolder = say('For the whole folder');
    const never = say('Never in this workspace');
    const answer = await vscode.window.showInformationMessage(
      say('{0} looks like meeting minutes. Check it with Referat?', path.basename(doc.uri.path)),
      useFile,
      useFolder,
      never,
    );
    if (answer === useFile) await this.use(doc, 'file');
    else if (answer === useFolder) await this.use(doc, 'folder');
    else if (answer === never) await this.state.update(NEVER_KEY, true);
  }

  offeredUris(): string[] {
    return [...this.offered];
  }

  matches(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file') return false;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const globs = vscode.workspace.getConfiguration('referat', doc.uri).get<string[]>('files', []);
    return globs.some(
      (g) => vscode.languages.match({ pattern: folder && !path.isAbsolute(g) ? new vscode.RelativePattern(folder, g) : g }, doc) > 0,
    );
  }

  /** Remembers the document (or its folder, or a glob) and opens it as a referat. */
  async use(doc: vscode.TextDocument, scope: 'file' | 'folder' | { glob: string }): Promise<void> {
    if (doc.uri.scheme === 'file') {
      const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
      const relative = folder ? path.relative(folder.uri.fsPath, doc.uri.fsPath) : doc.uri.fsPath;
      const ext = path.extname(relative) || '.txt';
      const glob =
        typeof scope === 'object'
          ? scope.glob
          : scope === 'file'
            ? literalGlob(relative)
            : `${literalGlob(path.dirname(relative)) === '.' ? '' : `${literalGlob(path.dirname(relative))}/`}*${ext}`;
      const config = vscode.workspace.getConfiguration('referat', doc.uri);
      const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
      const current = config.inspect<string[]>('files');
      const list = (folder ? current?.workspaceFolderValue : current?.globalValue) ?? [];
      if (!list.includes(glob)) await config.update('files', [...list, glob], target);
    }
    this.candidates.delete(doc.uri.fsPath);
    this.updateOfferItem();
    await vscode.languages.setTextDocumentLanguage(doc, 'referat');
  }

  /** Opens a referat as plain text (or Markdown) again and drops the entries that named it. */
  async stop(doc: vscode.TextDocument): Promise<void> {
    if (doc.uri.scheme === 'file') {
      const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
      const config = vscode.workspace.getConfiguration('referat', doc.uri);
      const current = config.inspect<string[]>('files');
      const list = (folder ? current?.workspaceFolderValue : current?.globalValue) ?? [];
      const keep = list.filter(
        (g) => vscode.languages.match({ pattern: folder && !path.isAbsolute(g) ? new vscode.RelativePattern(folder, g) : g }, doc) === 0,
      );
      if (keep.length !== list.length)
        await config.update(
          'files',
          keep.length ? keep : undefined,
          folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global,
        );
    }
    this.offered.add(doc.uri.toString());
    await vscode.languages.setTextDocumentLanguage(doc, /\.md$/i.test(doc.uri.path) ? 'markdown' : 'plaintext');
  }

  private addCandidate(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== 'file') return;
    this.candidates.add(doc.uri.fsPath);
    this.updateOfferItem();
  }

  /** The status item that stays beside a file that looks like a referat, so the offer is never lost. */
  private updateOfferItem(): void {
    this.offerItem.selector = [...this.candidates].flatMap((p) => [
      { language: 'plaintext', pattern: p },
      { language: 'markdown', pattern: p },
    ]);
  }

  /** The texts in the chosen language; called again when `referat.locale` changes. */
  refreshTexts(): void {
    this.offerItem.name = say('Referat');
    this.offerItem.text = `$(law) ${say('Looks like a referat')}`;
    this.offerItem.command = { command: 'referat.useReferat', title: say('Use Referat') };
  }

  dispose(): void {
    this.offerItem.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
