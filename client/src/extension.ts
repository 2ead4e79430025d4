import * as fs from 'fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { EXTRACTED_SCHEME } from '../../server/src/formats/uri';
import { COMMANDS as SERVER_COMMANDS } from '../../server/src/lsp/commandIds';
import { registerExtractedDocuments } from './extractedDocument';
import { offerReferatLanguage } from './offer';
import { FindingsStatus } from './status';

let client: LanguageClient | undefined;
let starting: Promise<LanguageClient> | undefined;

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
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.referatrc.json') },
    initializationOptions: { locale: vscode.env.language },
  };
  const created = new LanguageClient('referat', 'Referat', serverOptions, clientOptions);
  client = created;
  starting = created.start().then(() => created);
  return starting;
}

function activeReferatUri(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'referat') return doc.uri.toString();
  void vscode.window.showInformationMessage(vscode.l10n.t('Open a referat first.'));
  return undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const status = new FindingsStatus();
  context.subscriptions.push(status);

  const runOnActive = (serverCommand: string) => async (): Promise<void> => {
    const uri = activeReferatUri();
    if (!uri) return;
    await ensureStarted(context);
    await vscode.commands.executeCommand(serverCommand, uri);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('referat.renumberItems', runOnActive(SERVER_COMMANDS.renumberItems)),
    vscode.commands.registerCommand('referat.rebuildToc', runOnActive(SERVER_COMMANDS.rebuildToc)),
    vscode.commands.registerCommand('referat.lintWorkspace', async () => {
      await ensureStarted(context);
      await vscode.commands.executeCommand(SERVER_COMMANDS.lintWorkspace);
    }),
  );

  registerExtractedDocuments(context, () => ensureStarted(context));

  const startFor = (doc: vscode.TextDocument): void => {
    if (doc.languageId === 'referat') void ensureStarted(context);
    else offerReferatLanguage(doc, context.workspaceState);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startFor));
  vscode.workspace.textDocuments.forEach(startFor);
  // A workspace with a .referatrc.json is a workspace of referater: start at once, so that a lint command is quick.
  if ((await vscode.workspace.findFiles('**/.referatrc.json', '**/node_modules/**', 1)).length > 0) await ensureStarted(context);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
