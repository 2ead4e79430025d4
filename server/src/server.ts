import * as fs from 'fs';
import {
  CancellationTokenSource,
  createConnection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type MessageActionItem,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { describeProblem } from './configFile';
import { RULES } from './rules';
import { renumberEdits } from './rules/item-numbering';
import { codeActions, FIX_ALL_KIND } from './lsp/codeActions';
import { COMMANDS } from './lsp/commands';
import { disableRule } from './lsp/disableRule';
import { completions } from './lsp/completion';
import { ruleDocsUri, toDiagnostic } from './lsp/diagnostics';
import { foldingRanges } from './lsp/folding';
import { hover } from './lsp/hover';
import { pickLang, type Lang } from './lsp/locale';
import { prepareRename, rename } from './lsp/rename';
import { LEGEND, semanticTokens } from './lsp/semanticTokens';
import { ConfigResolver, type Settings } from './lsp/settings';
import { AnalysisStore } from './lsp/store';
import { documentSymbols } from './lsp/symbols';
import { rebuildTocEdits } from './lsp/toc';
import { WorkspaceFindings } from './lsp/workspaceLint';

const connection = createConnection(ProposedFeatures.all);

// Fault injection for the protocol tests (REFERAT_TEST_FAIL_RULE=<rule id>): that rule throws on every document.
const injectedFailure = RULES.find((r) => r.id === process.env.REFERAT_TEST_FAIL_RULE);
if (injectedFailure) {
  injectedFailure.check = () => {
    throw new Error(`injected failure in ${injectedFailure.id}`);
  };
}
const configs = new ConfigResolver();
const shownProblems = new Set<string>();
const loggedFailures = new Set<string>();

let clientLocale: string | undefined;
let settings: Settings = {};
let lang: Lang = 'en';
let pullDiagnostics = false;
let configurationPull = false;
let workspaceFolders: string[] = [];

/** Shows a message; a client that cannot show it (or answers with an error) costs nothing but a log line. */
function tell(kind: 'warning' | 'info', text: string): void {
  // Without actions the typings say void, but vscode-languageserver sends a request whose promise may reject.
  const shown = kind === 'warning' ? connection.window.showWarningMessage<MessageActionItem>(text) : connection.window.showInformationMessage<MessageActionItem>(text);
  shown.then(undefined, (e: unknown) => connection.console.log(`${text} (not shown: ${(e as Error)?.message ?? String(e)})`));
}

/** The configuration for a document; each problem in it is shown to the user once. */
function configFor(uri: string) {
  const found = configs.forUri(uri);
  for (const p of found.problems) {
    const text = describeProblem(p, lang);
    if (shownProblems.has(text)) continue;
    shownProblems.add(text);
    tell('warning', `Referat: ${text}`);
  }
  return found.config;
}

const store = new AnalysisStore(
  configFor,
  (failure) => {
    // One log line per failing rule, with the stack, however many documents it fails on.
    if (loggedFailures.has(failure.rule)) return;
    loggedFailures.add(failure.rule);
    connection.console.error(`Rule ${failure.rule} failed: ${(failure.error as Error)?.stack ?? String(failure.error)}`);
  },
  (uri) => {
    tell(
      'info',
      lang === 'da'
        ? `Referat: ${URI.parse(uri).path.split('/').pop()} er over 20 MB; kun parseren og de hurtige tjek køres.`
        : `Referat: ${URI.parse(uri).path.split('/').pop()} is over 20 MB; only the parser and the quick checks run.`,
    );
  },
);

const documents = new TextDocuments<TextDocument>({
  create: TextDocument.create,
  update(document, changes, version) {
    store.recordChanges(document.uri, changes);
    return TextDocument.update(document, changes, version);
  },
});

/** Runs a request handler: a cancelled request is answered as cancelled, a throwing one with an error, and the server goes on. */
function guard<P, R>(name: string, handler: (params: P, token: CancellationToken) => R): (params: P, token: CancellationToken) => R | ResponseError<void> {
  return (params, token) => {
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    try {
      return handler(params, token);
    } catch (e) {
      if (e instanceof ResponseError) return e;
      connection.console.error(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${(e as Error)?.message ?? String(e)}`);
    }
  };
}

const workspaceFindings = new WorkspaceFindings((uri) => configs.forUri(uri).config, () => lang, (uri) => documents.get(uri) !== undefined);
/** Set once the client pulls workspace diagnostics; until then "Lint all" pushes its findings. */
let workspacePull = false;

function analysisOf(uri: string) {
  const doc = documents.get(uri);
  return doc ? { doc, analysis: store.get(doc) } : undefined;
}

function diagnosticsOf(uri: string) {
  const found = analysisOf(uri);
  return found ? found.analysis.findings.map((f) => toDiagnostic(f, lang)) : [];
}

connection.onInitialize((params): InitializeResult => {
  clientLocale = params.locale;
  const init = params.initializationOptions as { settings?: Settings; locale?: string } | undefined;
  if (init?.locale) clientLocale = init.locale;
  if (init?.settings) settings = init.settings;
  configs.setSettings(settings);
  lang = pickLang(settings.locale, clientLocale);
  pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
  configurationPull = params.capabilities.workspace?.configuration === true;
  workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: true } } : {}),
      documentSymbolProvider: { label: 'Referat' },
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
      completionProvider: { triggerCharacters: [':', ' ', ','] },
      hoverProvider: true,
      renameProvider: { prepareProvider: true },
      semanticTokensProvider: { legend: LEGEND, full: true },
      executeCommandProvider: { commands: Object.values(COMMANDS) },
    },
    serverInfo: { name: 'referat-language-server' },
  };
});

/** The window's settings, and each workspace folder's, so that folder-scoped settings apply in a multi-root workspace. */
let folderSettings: Array<{ folder: string; settings: Settings | undefined }> = [];

async function loadSettings(): Promise<void> {
  if (!configurationPull) return;
  try {
    const [window, ...folders] = (await connection.workspace.getConfiguration([
      { section: 'referat' },
      ...workspaceFolders.map((scopeUri) => ({ scopeUri, section: 'referat' })),
    ])) as Array<Settings | null>;
    settings = window ?? {};
    folderSettings = workspaceFolders.map((f, i) => ({ folder: URI.parse(f).fsPath, settings: folders[i] ?? undefined }));
  } catch (e) {
    connection.console.error(`Could not read the referat settings: ${(e as Error).message}`);
  }
}

/** Settings or a config file changed: every analysis is stale, and the client is told to ask again. */
function configurationChanged(): void {
  configs.setSettings(settings, folderSettings);
  lang = pickLang(settings.locale, clientLocale);
  shownProblems.clear();
  store.invalidate();
  // Read the new configuration now, so that a broken file is reported without waiting for a request.
  for (const doc of documents.all()) configFor(doc.uri);
  workspaceFindings.relintAll();
  if (pullDiagnostics) void connection.languages.diagnostics.refresh();
  else for (const doc of documents.all()) void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnosticsOf(doc.uri) });
}

connection.onInitialized(async () => {
  if (configurationPull) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'referat' });
    await loadSettings();
    configurationChanged();
  }
});

connection.onDidChangeConfiguration(async (change) => {
  if (configurationPull) await loadSettings();
  else {
    const pushed = (change.settings as { referat?: Settings } | null)?.referat;
    if (pushed) settings = pushed;
  }
  configurationChanged();
});

connection.onDidChangeWatchedFiles((params) => {
  const [configFiles, others] = [params.changes.filter((c) => c.uri.endsWith('/.referatrc.json')), params.changes.filter((c) => !c.uri.endsWith('/.referatrc.json'))];
  for (const c of others) if (!documents.get(c.uri)) workspaceFindings.refresh(c.uri);
  if (configFiles.length === 0) return;
  configs.clear();
  configurationChanged();
});

documents.onDidClose((e) => {
  store.delete(e.document.uri);
  workspaceFindings.refresh(e.document.uri, true);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

documents.onDidChangeContent((e) => {
  if (pullDiagnostics) return;
  try {
    void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: diagnosticsOf(e.document.uri) });
  } catch (err) {
    connection.console.error(`Diagnostics for ${e.document.uri} failed: ${(err as Error)?.stack ?? String(err)}`);
  }
});

connection.languages.diagnostics.on(
  guard('diagnostics', (params: DocumentDiagnosticParams): DocumentDiagnosticReport => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: workspaceFindings.itemsOf(params.textDocument.uri) };
    const resultId = store.resultId(doc);
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsOf(doc.uri) };
  }) as (params: DocumentDiagnosticParams, token: CancellationToken) => DocumentDiagnosticReport,
);

connection.languages.diagnostics.onWorkspace(async (params, token) => {
  workspacePull = true;
  return workspaceFindings.report(params.previousResultIds, token);
});

connection.onDocumentSymbol(guard('documentSymbol', (params) => {
  const found = analysisOf(params.textDocument.uri);
  return found ? documentSymbols(found.analysis, lang) : null;
}));

connection.onFoldingRanges(guard('foldingRange', (params) => {
  const found = analysisOf(params.textDocument.uri);
  return found ? foldingRanges(found.analysis) : null;
}));

connection.onCodeAction(guard('codeAction', (params) => {
  const found = analysisOf(params.textDocument.uri);
  return found ? codeActions(found.analysis, params, configs.forUri(found.doc.uri).config, lang) : null;
}));

connection.onCompletion(guard('completion', (params) => {
  const found = analysisOf(params.textDocument.uri);
  return found ? completions(found.analysis, params.position, lang) : null;
}));

connection.onHover(guard('hover', (params) => {
  const found = analysisOf(params.textDocument.uri);
  return found ? hover(found.analysis, params.position, configs.forUri(found.doc.uri).config, lang) : null;
}));

connection.onPrepareRename(guard('prepareRename', (params) => {
  const found = analysisOf(params.textDocument.uri);
  return found ? prepareRename(found.analysis, params.position, configs.forUri(found.doc.uri).config) : null;
}));

connection.onRenameRequest(guard('rename', (params) => {
  const found = analysisOf(params.textDocument.uri);
  if (!found) return null;
  return rename(found.analysis, found.doc.uri, params.position, params.newName, configs.forUri(found.doc.uri).config, lang);
}));

connection.languages.semanticTokens.on(guard('semanticTokens', (params) => {
  const found = analysisOf(params.textDocument.uri);
  return found ? semanticTokens(found.analysis) : { data: [] };
}));

connection.onExecuteCommand(guard('executeCommand', (params, token) => {
  const args = params.arguments ?? [];
  const notOpen = (): ResponseError<void> => new ResponseError(ErrorCodes.InvalidParams, lang === 'da' ? 'Dokumentet er ikke åbent.' : 'The document is not open.');
  switch (params.command) {
    case COMMANDS.renumberItems:
    case COMMANDS.rebuildToc: {
      const uri = String(args[0] ?? '');
      const found = analysisOf(uri);
      if (!found) return notOpen();
      const { model } = found.analysis.parsed;
      const edits = params.command === COMMANDS.renumberItems ? (model.items.length > 1 ? renumberEdits(model, 1) : []) : rebuildTocEdits(found.analysis);
      if (edits.length === 0) return { applied: false, edits: 0 };
      return connection.workspace.applyEdit({ label: params.command, edit: { changes: { [uri]: edits } } }).then((r) => ({ applied: r.applied, edits: edits.length }));
    }
    case COMMANDS.disableRule: {
      const outcome = disableRule(String(args[0] ?? ''), String(args[1] ?? ''), workspaceFolders);
      if (!outcome.applied) {
        tell('warning', `Referat: ${outcome.reason[lang]}`);
        return { applied: false, reason: outcome.reason[lang] };
      }
      configs.clear();
      configurationChanged();
      return outcome;
    }
    case COMMANDS.openRuleDocs: {
      const href = ruleDocsUri(String(args[0] ?? ''), lang);
      if (!href) return new ResponseError(ErrorCodes.InvalidParams, lang === 'da' ? 'Ukendt regel.' : 'Unknown rule.');
      return connection.window.showDocument({ uri: href }).then((r) => ({ shown: r.success, uri: href }));
    }
    case COMMANDS.lintWorkspace:
      return lintWorkspace(token);
    default:
      return new ResponseError(ErrorCodes.MethodNotFound, `Unknown command ${params.command}`);
  }
}));

/** "Lint all referater in the workspace": in slices, with progress that the user may cancel; the findings go out as workspace diagnostics. */
async function lintWorkspace(token: CancellationToken) {
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin(lang === 'da' ? 'Referat: tjekker arbejdsområdet' : 'Referat: linting the workspace', 0, undefined, true);
  const either = new CancellationTokenSource();
  token.onCancellationRequested(() => either.cancel());
  progress.token.onCancellationRequested(() => either.cancel());
  let summary;
  try {
    summary = await workspaceFindings.lintFolders(workspaceFolders, { report: (pct, message) => progress.report(pct, message) }, either.token);
  } finally {
    progress.done();
    either.dispose();
  }
  if (!workspacePull) for (const uri of workspaceFindings.uris()) void connection.sendDiagnostics({ uri, diagnostics: workspaceFindings.itemsOf(uri) });
  for (const u of summary.unreadable) connection.console.warn(`Referat: cannot read ${u}`);
  const { files, findings, unreadable, cancelled } = summary;
  const da = `Referat: ${files} referater læst, ${findings} fund${cancelled ? ' (afbrudt)' : ''}.`;
  const en = `Referat: ${files} referater linted, ${findings} findings${cancelled ? ' (cancelled)' : ''}.`;
  const notRead = unreadable.length === 0 ? '' : lang === 'da' ? ` ${unreadable.length} kunne ikke læses: ${unreadable.join('; ')}` : ` ${unreadable.length} could not be read: ${unreadable.join('; ')}`;
  tell(unreadable.length > 0 ? 'warning' : 'info', (lang === 'da' ? da : en) + notRead);
  return { files, findings, unreadable, cancelled };
}

process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e?.stack ?? String(e)}`));

documents.listen(connection);
connection.listen();
