import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Diagnostic,
  type PreviousResultId,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { analyze } from '../analysis';
import type { ResolvedConfig } from '../config';
import { looksLikeReferat } from '../core/detect';
import { readDocument } from '../files';
import { toDiagnostic } from './diagnostics';
import type { Lang } from './locale';

const REFERAT_NAME = /\.referat(\.md|\.txt)?$/i;
const MAYBE_NAME = /\.(md|txt)$/i;
const HEAD_BYTES = 4096;
/** A slice of the lint runs at most this long before other requests get their turn. */
const SLICE_MS = 10;

export interface LintProgress {
  report(percentage: number, message: string): void;
}

export interface LintSummary {
  files: number;
  findings: number;
  /** `path: reason` of every file or folder that could not be read. */
  unreadable: string[];
  cancelled: boolean;
}

interface Entry {
  resultId: string;
  items: Diagnostic[];
}

function yieldToOtherRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ?? err?.message ?? String(e);
}

function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    return buf.subarray(0, fs.readSync(fd, buf, 0, HEAD_BYTES, 0)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The findings of the referater on disk, served as LSP 3.17 workspace diagnostics: one report per
 * file, which the client replaces by the document pull while the file is open. Nothing is read
 * before "Lint all referater in the workspace"; from then on the files it found are kept current
 * (on close, on a change on disk, on a new configuration).
 */
export class WorkspaceFindings {
  private readonly entries = new Map<string, Entry>();
  private readonly waiters = new Set<() => void>();
  /**
   * Closed documents, reported once more in the next answer: vscode-languageclient skips a workspace
   * report for a document it still tracks, and it lets go of a closed one only after its last pull.
   */
  private readonly closed = new Set<string>();
  private generation = 0;
  private running: { cancel: () => void } | undefined;
  /** Folders that "Lint all" has read; files under them are kept current. */
  private scannedFolders: string[] = [];

  constructor(
    private readonly configFor: (uri: string) => ResolvedConfig,
    private readonly lang: () => Lang,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  /** Lints every referat under the folders in slices, so that other requests are answered meanwhile. */
  async lintFolders(folders: readonly string[], progress: LintProgress, token: CancellationToken): Promise<LintSummary> {
    this.running?.cancel();
    let stopped = false;
    const run = { cancel: () => (stopped = true) };
    this.running = run;
    const cancelled = (): boolean => stopped || token.isCancellationRequested;
    const unreadable: string[] = [];
    let sliceStart = Date.now();
    const slice = async (): Promise<void> => {
      if (Date.now() - sliceStart < SLICE_MS) return;
      await yieldToOtherRequests();
      sliceStart = Date.now();
    };
    try {
      const roots = folders.map((f) => URI.parse(f)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
      const paths: string[] = [];
      for (const root of roots) await this.walk(root, paths, unreadable, slice, cancelled);
      let findings = 0;
      let files = 0;
      for (const [i, p] of paths.entries()) {
        if (cancelled()) break;
        if (i % 20 === 0) progress.report(Math.round((100 * i) / Math.max(1, paths.length)), `${i}/${paths.length}`);
        const uri = URI.file(p).toString();
        if (this.isOpen(uri)) continue;
        try {
          const items = this.lintFile(p, uri);
          this.set(uri, items);
          findings += items.length;
          files++;
        } catch (e) {
          unreadable.push(`${p}: ${reason(e)}`);
        }
        await slice();
      }
      if (!cancelled()) this.scannedFolders = roots;
      return { files, findings, unreadable, cancelled: cancelled() };
    } finally {
      if (this.running === run) this.running = undefined;
      this.wakeWaiters();
    }
  }

  private async walk(dir: string, out: string[], unreadable: string[], slice: () => Promise<void>, cancelled: () => boolean): Promise<void> {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (e) {
      unreadable.push(`${dir}: ${reason(e)}`);
      return;
    }
    for (const e of entries) {
      if (cancelled()) return;
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await this.walk(p, out, unreadable, slice, cancelled);
      else if (e.isFile() && REFERAT_NAME.test(e.name)) out.push(p);
      else if (e.isFile() && MAYBE_NAME.test(e.name)) {
        try {
          if (looksLikeReferat(readHead(p))) out.push(p);
        } catch (err) {
          unreadable.push(`${p}: ${reason(err)}`);
        }
      }
      await slice();
    }
  }

  private lintFile(file: string, uri: string): Diagnostic[] {
    return analyze(readDocument(file), this.configFor(uri)).findings.map((f) => toDiagnostic(f, this.lang()));
  }

  private set(uri: string, items: Diagnostic[]): void {
    this.entries.set(uri, { resultId: `w${++this.generation}`, items });
    // A running lint tells the waiting pull once, at its end.
    if (!this.running) this.wakeWaiters();
  }

  private wakeWaiters(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private underScannedFolder(file: string): boolean {
    return this.scannedFolders.some((f) => file === f || file.startsWith(f + path.sep));
  }

  /**
   * A document closed or a file changed on disk: its report becomes what the disk holds, when it
   * lies in a linted folder and still reads as a referat, and nothing otherwise.
   */
  refresh(uri: string, closed = false): void {
    if (closed) this.closed.add(uri);
    const parsed = URI.parse(uri);
    const file = parsed.scheme === 'file' ? parsed.fsPath : undefined;
    if (file && this.underScannedFolder(file)) {
      try {
        const name = path.basename(file);
        if (REFERAT_NAME.test(name) || (MAYBE_NAME.test(name) && looksLikeReferat(readHead(file)))) {
          this.set(uri, this.lintFile(file, uri));
          return;
        }
      } catch {
        // Deleted or unreadable now: its findings go.
      }
    }
    this.set(uri, []);
  }

  /** The configuration changed: every file found so far is linted again. */
  relintAll(): void {
    for (const uri of [...this.entries.keys()]) if (!this.isOpen(uri)) this.refresh(uri);
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  /** The items to show for a document that is not open (the client asks once more after a close). */
  itemsOf(uri: string): Diagnostic[] {
    return this.entries.get(uri)?.items ?? [];
  }

  /**
   * The answer to `workspace/diagnostic`: the reports that differ from what the client holds. When
   * none does, the request is held open until one does, so the client need not poll.
   */
  async report(previous: readonly PreviousResultId[], token: CancellationToken): Promise<{ items: WorkspaceDocumentDiagnosticReport[] }> {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    for (;;) {
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      for (const [uri, entry] of this.entries) {
        if (this.isOpen(uri)) continue;
        if (known.get(uri) === entry.resultId) {
          if (!this.closed.delete(uri)) continue;
          entry.resultId = `w${++this.generation}`;
        }
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: entry.resultId, items: entry.items });
      }
      if (items.length > 0 || token.isCancellationRequested) return { items };
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.waiters.delete(wake);
          cancel.dispose();
          resolve();
        };
        const cancel = token.onCancellationRequested(wake);
        this.waiters.add(wake);
      });
    }
  }
}
