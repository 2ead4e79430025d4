import {
  CancellationTokenSource,
  createConnection,
  DidChangeConfigurationNotification,
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Diagnostic,
  type Disposable,
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
import { codeActions, FIX_ALL_KIND, fixAllEdit, type FixAllData } from './lsp/codeActions';
import { answered, COMMANDS } from './lsp/commands';
import { disableRule } from './lsp/disableRule';
import { completions } from './lsp/completion';
import { ruleDocsUri, toDiagnostic } from './lsp/diagnostics';
import { CheckedSync } from './lsp/documentSync';
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
import { extractForEditor, findingsToShow, withoutEditsIfReadOnly } from './lsp/extractedText';

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
let resolvesCodeActions = false;
let dynamicSync = false;
let foldingRangeLimit = Infinity;
let workspaceFolders: string[] = [];

/** Shows a message; a client that cannot show it (or answers with an error) costs nothing but a log line. */
function tell(kind: 'warning' | 'info', text: string): void {
  // Without actions the typings say void, but vscode-languageserver sends a request whose promise may reject.
  const shown =
    kind === 'warning'
      ? connection.window.showWarningMessage<MessageActionItem>(text)
      : connection.window.showInformationMessage<MessageActionItem>(text);
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

const fileName = (uri: string): string => URI.parse(uri).path.split('/').pop() ?? uri;

/** Dynamic registrations of full-text sync, one per lost document: the editor then sends its whole text with the next change. */
const fullTextAsked = new Map<string, Promise<Disposable | undefined>>();

function askForFullText(doc: TextDocument): void {
  if (!dynamicSync) {
    tell(
      'warning',
      lang === 'da'
        ? `Referat: ændringerne i ${fileName(doc.uri)} passer ikke til serverens kopi; fundene holder pause, til dokumentet lukkes og åbnes igen.`
        : `Referat: the changes to ${fileName(doc.uri)} no longer fit the server's copy; findings pause until the document is closed and opened again.`,
    );
    return;
  }
  if (fullTextAsked.has(doc.uri)) return;
  const selector = [{ language: doc.languageId, scheme: URI.parse(doc.uri).scheme }];
  fullTextAsked.set(
    doc.uri,
    connection.client
      .register(DidChangeTextDocumentNotification.type, { documentSelector: selector, syncKind: TextDocumentSyncKind.Full })
      .then(
        (d) => d,
        (e: unknown) => {
          connection.console.warn(`Could not ask for the whole text of ${doc.uri}: ${(e as Error)?.message ?? String(e)}`);
          return undefined;
        },
      ),
  );
}

function stopAskingForFullText(uri: string): void {
  const asked = fullTextAsked.get(uri);
  fullTextAsked.delete(uri);
  void asked?.then((d) => d?.dispose());
}

const oddVersionsLogged = new Set<string>();
const sync = new CheckedSync({
  applied: (uri, changes) => store.recordChanges(uri, changes),
  lost(doc, reason) {
    store.touch(doc.uri);
    connection.console.warn(`${doc.uri}: a change does not fit (${reason}); its findings pause until the editor sends the whole text.`);
    askForFullText(doc);
  },
  regained(doc) {
    connection.console.info(`${doc.uri}: the whole text came; findings resume.`);
    stopAskingForFullText(doc.uri);
  },
  oddVersion(doc, reason) {
    if (oddVersionsLogged.has(doc.uri)) return;
    oddVersionsLogged.add(doc.uri);
    connection.console.warn(`${doc.uri}: ${reason}; the whole text it came with is taken.`);
  },
});

/** vscode-languageserver's document sync, each change checked before it applies (lsp/documentSync). */
const documents = new TextDocuments<TextDocument>({
  create(uri, languageId, version, text) {
    store.delete(uri);
    sync.forget(uri);
    stopAskingForFullText(uri);
    return TextDocument.create(uri, languageId, version, text);
  },
  update: (document, changes, version) => sync.update(document, changes, version),
});

/** Runs a request handler: a cancelled request is answered as cancelled, a throwing one with an error, and the server goes on. */
function guard<P, R>(
  name: string,
  handler: (params: P, token: CancellationToken) => R,
): (params: P, token: CancellationToken) => R | ResponseError<void> {
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

const workspaceFindings = new WorkspaceFindings(
  (uri) => configs.forUri(uri).config,
  () => lang,
  (uri) => documents.get(uri) !== undefined,
);
/** Set once the client pulls workspace diagnostics; until then "Lint all" pushes its findings. */
let workspacePull = false;

/** The document and its analysis; none for a document not open, or lost (its text is not the editor's). */
function analysisOf(uri: string) {
  const doc = documents.get(uri);
  return doc && !sync.isLost(uri) ? { doc, analysis: store.get(doc) } : undefined;
}

/** No editor shows more per document, and two million of them took gigabytes and minutes to send. */
const MAX_DIAGNOSTICS = 10000;
/** Items in the outline: beyond some thousands an outline is no help, and a million took a minute to send. */
const MAX_OUTLINE_ITEMS = 5000;

/** The document's diagnostics, the first MAX_DIAGNOSTICS by position and one that says how many more there are. */
function diagnosticsOf(uri: string): Diagnostic[] {
  const found = analysisOf(uri);
  if (!found) return [];
  const findings = findingsToShow(uri, found.analysis);
  const shown = (findings.length > MAX_DIAGNOSTICS ? findings.slice(0, MAX_DIAGNOSTICS) : findings).map((f) => toDiagnostic(f, lang));
  if (findings.length > MAX_DIAGNOSTICS) {
    const [max, all] = [MAX_DIAGNOSTICS, findings.length].map((n) => n.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB'));
    shown.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: 'referat',
      code: 'too-many-findings',
      message:
        lang === 'da'
          ? `Referat viser de første ${max} af ${all} fund; referat-lint på kommandolinjen viser dem alle.`
          : `Referat shows the first ${max} of ${all} findings; referat-lint on the command line lists them all.`,
    });
  }
  return shown;
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
  resolvesCodeActions = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
  dynamicSync = params.capabilities.textDocument?.synchronization?.dynamicRegistration === true;
  foldingRangeLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit ?? Infinity;
  workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  // Configuration files are searched up to the workspace folder, never past it (as the CLI stops at the repository root).
  configs.setWorkspaceFolders(workspaceFolders.filter((u) => u.startsWith('file:')).map((u) => URI.parse(u).fsPath));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: true } } : {}),
      documentSymbolProvider: { label: 'Referat' },
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: resolvesCodeActions },
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
    const what = { da: 'indstillingerne', en: 'the settings' };
    const [window, ...folders] = (await answered(
      connection.workspace.getConfiguration([
        { section: 'referat' },
        ...workspaceFolders.map((scopeUri) => ({ scopeUri, section: 'referat' })),
      ]),
      what,
      lang,
    )) as Array<Settings | null>;
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
  else
    for (const doc of documents.all())
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnosticsOf(doc.uri) });
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
  const [configFiles, others] = [
    params.changes.filter((c) => c.uri.endsWith('/.referatrc.json')),
    params.changes.filter((c) => !c.uri.endsWith('/.referatrc.json')),
  ];
  workspaceFindings.refreshSoon(others.filter((c) => !documents.get(c.uri)).map((c) => c.uri));
  if (configFiles.length === 0) return;
  configs.clear();
  configurationChanged();
});

documents.onDidClose((e) => {
  store.delete(e.document.uri);
  sync.forget(e.document.uri);
  stopAskingForFullText(e.document.uri);
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

connection.onDocumentSymbol(
  guard('documentSymbol', (params) => {
    const found = analysisOf(params.textDocument.uri);
    return found ? documentSymbols(found.analysis, lang, MAX_OUTLINE_ITEMS) : null;
  }),
);

connection.onFoldingRanges(
  guard('foldingRange', (params) => {
    const found = analysisOf(params.textDocument.uri);
    // The client says how many it can use (VS Code: 5,000); the first ones by position are those it would keep.
    return found ? foldingRanges(found.analysis).slice(0, foldingRangeLimit) : null;
  }),
);

connection.onCodeAction(
  guard('codeAction', (params) => {
    const found = analysisOf(params.textDocument.uri);
    return found
      ? withoutEditsIfReadOnly(
          found.doc.uri,
          codeActions(found.analysis, params, configs.forUri(found.doc.uri).config, lang, resolvesCodeActions),
        )
      : null;
  }),
);

connection.onCodeActionResolve(
  guard('codeActionResolve', (action: CodeAction): CodeAction => {
    const data = action.data as FixAllData | undefined;
    const found = data && typeof data.uri === 'string' ? analysisOf(data.uri) : undefined;
    if (!data || !found) return action;
    // Made from the text as it is now, which is the text the editor will apply the edit to.
    const edit = fixAllEdit(
      found.analysis,
      data.uri,
      configs.forUri(data.uri).config,
      typeof data.rule === 'string' ? data.rule : undefined,
    );
    return { ...action, edit: edit ?? { changes: {} } };
  }) as (action: CodeAction, token: CancellationToken) => CodeAction,
);

connection.onCompletion(
  guard('completion', (params) => {
    const found = analysisOf(params.textDocument.uri);
    return found ? completions(found.analysis, params.position, lang) : null;
  }),
);

connection.onHover(
  guard('hover', (params) => {
    const found = analysisOf(params.textDocument.uri);
    return found ? hover(found.analysis, params.position, configs.forUri(found.doc.uri).config, lang) : null;
  }),
);

connection.onPrepareRename(
  guard('prepareRename', (params) => {
    const found = analysisOf(params.textDocument.uri);
    return found ? prepareRename(found.analysis, params.position, configs.forUri(found.doc.uri).config) : null;
  }),
);

connection.onRenameRequest(
  guard('rename', (params) => {
    const found = analysisOf(params.textDocument.uri);
    if (!found) return null;
    return rename(found.analysis, found.doc.uri, params.position, params.newName, configs.forUri(found.doc.uri).config, lang);
  }),
);

connection.languages.semanticTokens.on(
  guard('semanticTokens', (params) => {
    const found = analysisOf(params.textDocument.uri);
    return found ? semanticTokens(found.analysis) : { data: [] };
  }),
);

connection.onExecuteCommand(
  guard('executeCommand', (params, token) => {
    const args = params.arguments ?? [];
    const notOpen = (uri: string): ResponseError<void> =>
      sync.isLost(uri)
        ? new ResponseError(
            ErrorCodes.InvalidParams,
            lang === 'da'
              ? 'Serverens kopi af dokumentet er ikke editorens tekst; luk og åbn det igen.'
              : "The server's copy of the document is not the editor's text; close and open it again.",
          )
        : new ResponseError(ErrorCodes.InvalidParams, lang === 'da' ? 'Dokumentet er ikke åbent.' : 'The document is not open.');
    const applying = { da: 'at anvende ændringen', en: 'applying the edit' };
    switch (params.command) {
      case COMMANDS.renumberItems:
      case COMMANDS.rebuildToc: {
        const uri = String(args[0] ?? '');
        const found = analysisOf(uri);
        if (!found) return notOpen(uri);
        const { model } = found.analysis.parsed;
        const edits = params.command === COMMANDS.renumberItems ? renumberEdits(model) : rebuildTocEdits(found.analysis);
        if (edits.length === 0) return { applied: false, edits: 0 };
        return answered(
          connection.workspace.applyEdit({ label: params.command, edit: { changes: { [uri]: edits } } }),
          applying,
          lang,
          token,
        ).then((r) => ({ applied: r.applied, edits: edits.length }));
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
        return answered(
          connection.window.showDocument({ uri: href }),
          { da: 'at vise dokumentationen', en: 'showing the documentation' },
          lang,
          token,
        ).then((r) => ({ shown: r.success, uri: href }));
      }
      case COMMANDS.openAsText:
        return extractForEditor(String(args[0] ?? ''), lang, workspaceFolders);
      case COMMANDS.lintWorkspace:
        return lintWorkspace(token);
      default:
        return new ResponseError(ErrorCodes.MethodNotFound, `Unknown command ${params.command}`);
    }
  }),
);

/** "Lint all referater in the workspace": in slices, with progress that the user may cancel; the findings go out as workspace diagnostics. */
async function lintWorkspace(token: CancellationToken) {
  // An editor that does not answer within the bound gets the lint without a progress bar.
  const progress = await answered(
    connection.window.createWorkDoneProgress(),
    { da: 'at vise fremdriften', en: 'showing the progress' },
    lang,
    token,
  ).catch(() => undefined);
  progress?.begin(lang === 'da' ? 'Referat: tjekker arbejdsområdet' : 'Referat: linting the workspace', 0, undefined, true);
  const either = new CancellationTokenSource();
  token.onCancellationRequested(() => either.cancel());
  progress?.token.onCancellationRequested(() => either.cancel());
  let summary;
  try {
    summary = await workspaceFindings.lintFolders(
      workspaceFolders,
      { report: (pct, message) => progress?.report(pct, message) },
      either.token,
    );
  } finally {
    progress?.done();
    either.dispose();
  }
  if (!workspacePull)
    for (const uri of workspaceFindings.uris()) void connection.sendDiagnostics({ uri, diagnostics: workspaceFindings.itemsOf(uri) });
  for (const u of summary.unreadable) connection.console.warn(`Referat: cannot read ${u}`);
  for (const u of summary.leftOut) connection.console.info(`Referat: left out ${u}`);
  const { files, findings, unreadable, leftOut, cancelled } = summary;
  const da = `Referat: ${files} referater læst, ${findings} fund${cancelled ? ' (afbrudt)' : ''}.`;
  const en = `Referat: ${files} referater linted, ${findings} findings${cancelled ? ' (cancelled)' : ''}.`;
  const notRead =
    unreadable.length === 0
      ? ''
      : lang === 'da'
        ? ` ${unreadable.length} kunne ikke læses: ${unreadable.join('; ')}`
        : ` ${unreadable.length} could not be read: ${unreadable.join('; ')}`;
  const names = leftOut.map((l) => l.slice(0, l.indexOf(': ')));
  const notReferat =
    leftOut.length === 0
      ? ''
      : lang === 'da'
        ? ` ${leftOut.length} PDF-, Word- eller HTML-filer er udeladt, fordi teksten ikke ligner et referat (se teksten med Åbn som referattekst): ${names.join('; ')}`
        : ` ${leftOut.length} PDF, Word or HTML files were left out because their text does not look like a referat (see it with Open as referat text): ${names.join('; ')}`;
  tell(unreadable.length > 0 ? 'warning' : 'info', (lang === 'da' ? da : en) + notRead + notReferat);
  return { files, findings, unreadable, leftOut, cancelled };
}

process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e?.stack ?? String(e)}`));

documents.listen(connection);
connection.listen();
