import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  DocumentDiagnosticRequest,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { EXTRACTED_SCHEME } from '../../server/src/formats/uri';
import { COMMANDS as SERVER_COMMANDS } from '../../server/src/lsp/commandIds';
import { registerExtractedDocuments } from './extractedDocument';
import { currentLang, loadStrings, registerTwice, say } from './i18n';
import { ReferatFiles } from './offer';
import { renderRulePagesOnOpen, rulePage, showRulePage } from './ruleDocs';
import { FindingsStatus } from './status';

let client: LanguageClient | undefined;
let starting: Promise<LanguageClient> | undefined;

/** What the extension hands to its tests (and to other extensions): what the status item shows, and the rule pages. */
export interface ReferatApi {
  status(): FindingsStatus['shown'];
  /** The documents offered to switch to Referat in this session. */
  offered(): string[];
  rulePage(rule: string): vscode.Uri;
  whenRestarted(): Promise<void>;
}

/** The bundled server in a packaged extension, the compiled one in a checkout. */
function serverModule(context: vscode.ExtensionContext): string {
  const bundled = context.asAbsolutePath('dist/server.js');
  return fs.existsSync(bundled) ? bundled : context.asAbsolutePath('out/server/src/server.js');
}

/** Starts the language server once, the first time a referat is opened or a command needs it. */
function ensureStarted(context: vscode.ExtensionContext): Promise<LanguageClient> {
  if (starting) return starting;
  const module = serverModule(context);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'referat', scheme: 'file' },
      { language: 'referat', scheme: 'untitled' },
      { language: 'referat', scheme: EXTRACTED_SCHEME },
    ],
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.referatrc.json'),
        vscode.workspace.createFileSystemWatcher('**/*.{referat,md,txt}'),
      ],
    },
    // The server answers in this language from its first message, before it has read the settings.
    initializationOptions: { locale: currentLang() },
    middleware: {
      // The rule's page opens rendered, in the user's language, instead of as the server's file.
      executeCommand: async (command, args, next) => {
        if (command === SERVER_COMMANDS.openRuleDocs && typeof args[0] === 'string')
          return showRulePage(context.extensionPath, args[0], true);
        return next(command, args);
      },
    },
  };
  const created = new LanguageClient('referat', 'Referat', serverOptions, clientOptions);
  client = created;
  starting = created.start().then(() => created);
  return starting;
}

/**
 * Asks the diagnostics of the visible referater again. vscode-languageclient 9 with workspace
 * diagnostics can forget a document that is closed and shown again while its last pull is under
 * way, and then stops pulling it; pulling on open, on show and on change puts it back.
 */
function pullAgain(doc: vscode.TextDocument): void {
  if (doc.languageId !== 'referat' || !client?.isRunning()) return;
  client.getFeature(DocumentDiagnosticRequest.method)?.getProvider(doc)?.onDidChangeDiagnosticsEmitter.fire();
}

function activeReferat(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'referat') return doc;
  void vscode.window.showInformationMessage(say('Open a referat first.'));
  return undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<ReferatApi> {
  loadStrings(context.extensionPath);
  const status = new FindingsStatus();
  const files = new ReferatFiles(context.extensionPath, context.workspaceState, pullAgain);
  context.subscriptions.push(status, files, renderRulePagesOnOpen(context.extensionPath));
  let restarted: Promise<void> = Promise.resolve();
  let shownLang = currentLang();

  const runOnActive = (serverCommand: string, nothingToDo: () => string) => async (): Promise<void> => {
    const doc = activeReferat();
    if (!doc) return;
    await ensureStarted(context);
    const result = await vscode.commands.executeCommand<{ applied: boolean; edits: number } | undefined>(serverCommand, doc.uri.toString());
    if (result && result.edits === 0) void vscode.window.showInformationMessage(nothingToDo());
  };
  context.subscriptions.push(
    ...registerTwice(
      'referat.renumberItems',
      runOnActive(SERVER_COMMANDS.renumberItems, () => say('The items are already numbered 1, 2, 3 …; nothing to renumber.')),
    ),
    ...registerTwice(
      'referat.rebuildToc',
      runOnActive(SERVER_COMMANDS.rebuildToc, () => say('The table of contents already matches the headings.')),
    ),
    ...registerTwice('referat.lintWorkspace', async () => {
      await ensureStarted(context);
      return vscode.commands.executeCommand(SERVER_COMMANDS.lintWorkspace);
    }),
    ...registerTwice('referat.useReferat', async (arg?: unknown) => {
      const doc = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : vscode.window.activeTextEditor?.document;
      if (!doc) return;
      const file = say('This file');
      const folder = say('Every such file in this folder');
      const pattern = say('A pattern …');
      const picked = await vscode.window.showQuickPick([file, folder, pattern], { title: say('Use Referat for') });
      if (picked === file) await files.use(doc, 'file');
      else if (picked === folder) await files.use(doc, 'folder');
      else if (picked === pattern) {
        const glob = await vscode.window.showInputBox({
          title: say('Files to open as referater'),
          prompt: say('A glob pattern relative to the workspace folder, e.g. møder/**/*.txt'),
        });
        if (glob) await files.use(doc, { glob });
      }
    }),
    ...registerTwice('referat.stopReferat', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc?.languageId === 'referat') await files.stop(doc);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('referat.locale') || currentLang() === shownLang) return;
      shownLang = currentLang();
      status.refreshTexts();
      files.refreshTexts();
      // A restart re-registers every provider, so that the outline and the rest are asked again, in the new language.
      if (client) restarted = client.restart();
    }),
  );

  registerExtractedDocuments(context, () => ensureStarted(context));

  const startFor = (doc: vscode.TextDocument): void => {
    if (doc.languageId === 'referat') void ensureStarted(context);
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(startFor),
    vscode.workspace.onDidOpenTextDocument(pullAgain),
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => pullAgain(e.document))),
    vscode.workspace.onDidChangeTextDocument((e) => pullAgain(e.document)),
  );
  vscode.workspace.textDocuments.forEach(startFor);
  for (const doc of vscode.workspace.textDocuments) void files.onOpen(doc);
  // A workspace with a .referatrc.json is a workspace of referater: start at once, so that a lint command is quick.
  if ((await vscode.workspace.findFiles('**/.referatrc.json', '**/node_modules/**', 1)).length > 0) await ensureStarted(context);
  return {
    status: () => status.shown,
    offered: () => files.offeredUris(),
    rulePage: (rule) => rulePage(context.extensionPath, rule),
    whenRestarted: () => restarted,
  };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
