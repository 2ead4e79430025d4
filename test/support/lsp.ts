import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ApplyWorkspaceEditParams,
  ClientCapabilities,
  Diagnostic,
  PublishDiagnosticsParams,
  ShowDocumentParams,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { repoRoot } from './paths';

export const SERVER = path.join(repoRoot(), 'out', 'server', 'src', 'server.js');

export interface ClientOptions {
  /** Without it the client cannot pull diagnostics, as Neovim 0.7, and the server pushes them. */
  pull?: boolean;
  locale?: string;
  settings?: Record<string, unknown>;
  workspaceFolder?: string;
  /** More than one folder: a multi-root workspace (overrides workspaceFolder). */
  workspaceFolders?: string[];
  /** The settings of one folder (by its URI), where they differ from `settings`. */
  folderSettings?: Record<string, Record<string, unknown>>;
  /** The server's script; the compiled one by default. */
  server?: string;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** Text document capabilities over the default ones, e.g. dynamic registration of the document sync. */
  textDocument?: ClientCapabilities['textDocument'];
  /** Runs the server as another user (when the tests run as root, so that file modes bite). */
  user?: { uid: number; gid: number };
}

/** A small LSP client over stdio that records what the server sends and answers its requests as an editor would. */
export class TestClient {
  readonly connection: MessageConnection;
  readonly messages: ShowMessageParams[] = [];
  readonly edits: ApplyWorkspaceEditParams[] = [];
  readonly shown: ShowDocumentParams[] = [];
  /** `$/progress` values, in order, with their tokens. */
  readonly progress: Array<{
    token: string | number;
    value: { kind: string; percentage?: number; message?: string; title?: string; cancellable?: boolean };
  }> = [];
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  private readonly waiters: Array<() => void> = [];
  private versions = new Map<string, number>();
  folderSettings: Record<string, Record<string, unknown>> = {};

  private constructor(
    readonly process: ChildProcess,
    public settings: Record<string, unknown>,
  ) {
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    process.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string; scopeUri?: string }> }) =>
      params.items.map((i) => (i.scopeUri && this.folderSettings[i.scopeUri]) || this.settings),
    );
    this.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      this.edits.push(params);
      this.notify();
      return { applied: true };
    });
    this.connection.onRequest('window/showDocument', (params: ShowDocumentParams) => {
      this.shown.push(params);
      return { success: true };
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.notify();
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    // vscode-jsonrpc routes $/progress by token; tokens the server made up arrive here.
    this.connection.onUnhandledProgress((p) => {
      this.progress.push(p as TestClient['progress'][number]);
      this.notify();
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.notify();
      return null;
    });
    this.connection.onNotification('window/showMessage', (p: ShowMessageParams) => {
      this.messages.push(p);
      this.notify();
    });
    // vscode-languageserver sends showWarningMessage and friends as requests, so that the user may pick an action.
    this.connection.onRequest('window/showMessageRequest', (p: ShowMessageParams) => {
      this.messages.push(p);
      this.notify();
      return null;
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
      this.notify();
    });
    this.connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [options.server ?? SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
      ...options.user,
    });
    const client = new TestClient(proc, options.settings ?? {});
    client.folderSettings = options.folderSettings ?? {};
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        applyEdit: true,
        workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        diagnostics: { refreshSupport: true },
      },
      textDocument: {
        ...(options.pull === false ? {} : { diagnostic: { dynamicRegistration: false } }),
        publishDiagnostics: { versionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
        completion: { completionItem: { snippetSupport: true } },
        rename: { prepareSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        ...options.textDocument,
      },
      window: { showDocument: { support: true }, workDoneProgress: true },
    };
    const folder = options.workspaceFolder;
    const folders = options.workspaceFolders ?? (folder ? [folder] : []);
    // A server that dies at start-up fails the test at once, with what it printed.
    const died = new Promise<never>((_, reject) => {
      proc.on('exit', (code) => reject(new Error(`the server exited with ${code} before answering initialize: ${client.stderr.join('')}`)));
    });
    await Promise.race([
      client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folders[0] ? `file://${folders[0]}` : null,
        workspaceFolders: folders.length > 0 ? folders.map((f, i) => ({ uri: `file://${f}`, name: `ws${i}` })) : null,
        capabilities,
        locale: options.locale ?? 'en',
      }),
      died,
    ]);
    died.catch(() => undefined);
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `test` holds, re-checking after each message from the server; fails after a generous limit. */
  async until<T>(test: () => T | undefined | false | Promise<T | undefined | false>, what: string, limitMs = 20000): Promise<T> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      const v = await test();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async open(uri: string, text: string, languageId = 'referat'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[], version?: number): Promise<void> {
    const v = version ?? (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async diagnostics(uri: string, previousResultId?: string): Promise<{ kind: string; resultId?: string; items?: Diagnostic[] }> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    this.connection.dispose();
    this.process.kill();
  }
}

/** Applies LSP text edits to a text, as an editor does. */
export function applyTextEdits(
  text: string,
  edits: ReadonlyArray<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }>,
): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  const offset = (p: { line: number; character: number }): number =>
    p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
