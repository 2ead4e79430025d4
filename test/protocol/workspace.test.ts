import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import type { Diagnostic, DocumentSymbol, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { TestClient } from '../support/lsp';
import { repoRoot } from '../support/paths';
import { NOBODY, whyNoUnprivilegedRun } from '../support/unprivileged';

/** "Lint all referater in the workspace" and the workspace diagnostics it feeds (issue 15, issue 17 item 4). */

const examples = path.join(repoRoot(), 'examples');
const SLIPS = fs.readFileSync(path.join(examples, 'med-fejl.referat.md'), 'utf8');
const PLAIN = fs.readFileSync(path.join(examples, 'plaintekst.referat.txt'), 'utf8');
const CORRECT = fs.readFileSync(path.join(examples, 'korrekt.referat.md'), 'utf8');

function rulesOf(items: readonly Diagnostic[]): string[] {
  return [...new Set(items.map((d) => String(d.code)))].sort();
}

/** A scratch workspace that another user may read (the unreadable-file test runs the server as nobody). */
function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-ws-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

interface LintResult {
  files: number;
  findings: number;
  unreadable: string[];
  cancelled: boolean;
}

function lintAll(client: TestClient, source?: CancellationTokenSource): Promise<LintResult> {
  const params = { command: 'referat.server.lintWorkspace', arguments: [] };
  return (
    source
      ? client.connection.sendRequest('workspace/executeCommand', params, source.token)
      : client.connection.sendRequest('workspace/executeCommand', params)
  ) as Promise<LintResult>;
}

describe('language server: linting the workspace', function () {
  this.timeout(120000);
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs in slices: other requests are answered meanwhile, progress is reported, and cancelling stops it', async () => {
    dir = scratch();
    const count = 400;
    for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `m${String(i).padStart(3, '0')}.referat.md`), SLIPS);
    const client = await TestClient.start({ workspaceFolder: dir });
    const open = 'file:///tmp/referat-open/open.referat.md';
    await client.open(open, CORRECT);
    await client.request('textDocument/documentSymbol', { textDocument: { uri: open } });

    const order: string[] = [];
    const lint = lintAll(client).then((r) => {
      order.push('lint');
      return r;
    });
    const symbols = client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: open } }).then((s) => {
      order.push('symbols');
      return s;
    });
    const [result] = await Promise.all([lint, symbols]);
    assert.deepStrictEqual(order, ['symbols', 'lint'], 'the outline is answered while the lint runs');
    assert.strictEqual(result.files, count);
    assert.strictEqual(result.cancelled, false);
    const kinds = client.progress.map((p) => p.value.kind);
    assert.strictEqual(kinds[0], 'begin');
    assert.strictEqual(client.progress[0].value.cancellable, true);
    assert.ok(kinds.filter((k) => k === 'report').length >= 5, `progress reports: ${kinds.join(',')}`);
    assert.strictEqual(kinds[kinds.length - 1], 'end');

    // Cancelled once the first progress report arrives: it stops short and says so.
    const before = client.progress.length;
    const source = new CancellationTokenSource();
    const cancelled = lintAll(client, source);
    await client.until(
      () => client.progress.slice(before).some((p) => p.value.kind === 'report' && (p.value.percentage ?? 0) > 0),
      'a progress report',
    );
    source.cancel();
    const stopped = await cancelled;
    assert.strictEqual(stopped.cancelled, true);
    assert.ok(stopped.files < count, `${stopped.files} files linted after the cancel`);
    await client.stop();
  });

  it('reports the files and folders it cannot read, and lints the rest', async function () {
    const cannot = whyNoUnprivilegedRun();
    if (cannot) {
      console.log(`      (not run: ${cannot})`);
      this.skip();
    }
    dir = scratch();
    fs.writeFileSync(path.join(dir, 'a.referat.md'), SLIPS);
    fs.writeFileSync(path.join(dir, 'hemmelig.referat.md'), SLIPS);
    fs.writeFileSync(path.join(dir, 'ukendt.txt'), PLAIN);
    fs.mkdirSync(path.join(dir, 'lukket'));
    fs.writeFileSync(path.join(dir, 'lukket', 'c.referat.md'), SLIPS);
    for (const p of ['hemmelig.referat.md', 'ukendt.txt', 'lukket']) fs.chmodSync(path.join(dir, p), 0);
    // As root every file is readable: then the server runs as nobody, for whom the modes hold.
    const user = process.getuid?.() === 0 ? NOBODY : undefined;
    const client = await TestClient.start({ workspaceFolder: dir, pull: false, user });
    const result = await lintAll(client);
    assert.strictEqual(result.files, 1);
    assert.deepStrictEqual(result.unreadable.map((u) => path.basename(u.split(':')[0])).sort(), [
      'hemmelig.referat.md',
      'lukket',
      'ukendt.txt',
    ]);
    assert.ok(
      result.unreadable.every((u) => /EACCES/.test(u)),
      result.unreadable.join(' | '),
    );
    const said = await client.until(() => client.messages.find((m) => /could not be read/.test(m.message)), 'the message');
    assert.match(said.message, /1 referater linted, \d+ findings\. 3 could not be read: .*hemmelig\.referat\.md: EACCES/);
    const a = pathToFileURL(path.join(dir, 'a.referat.md')).toString();
    const published = await client.until(() => client.published.get(a), 'the findings of the readable file');
    assert.ok(rulesOf(published.diagnostics).includes('table-sum-mismatch'));
    await client.stop();
  });

  it('serves workspace diagnostics: one set per file, the document pull while open, the disk after close', async () => {
    dir = scratch();
    const aPath = path.join(dir, 'a.referat.md');
    const bPath = path.join(dir, 'b.txt');
    fs.writeFileSync(aPath, SLIPS);
    fs.writeFileSync(bPath, PLAIN);
    const a = pathToFileURL(aPath).toString();
    const b = pathToFileURL(bPath).toString();
    const client = await TestClient.start({ workspaceFolder: dir });
    // The client's standing pull is held open until there is something to report.
    const first = client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const result = await lintAll(client);
    assert.strictEqual(result.files, 2);
    const report = await first;
    const byUri = new Map(report.items.map((i) => [i.uri, i]));
    assert.deepStrictEqual([...byUri.keys()].sort(), [a, b].sort());
    assert.ok(rulesOf((byUri.get(a) as { items: Diagnostic[] }).items).includes('table-sum-mismatch'));
    assert.deepStrictEqual(rulesOf((byUri.get(b) as { items: Diagnostic[] }).items), ['absentee-not-member', 'case-number-format']);
    assert.strictEqual(client.published.size, 0, 'nothing pushed beside the pull');

    // Nothing new: the next pull waits; a change on disk answers it with that file alone.
    const previous = report.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
    const next = client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: previous });
    fs.writeFileSync(bPath, 'REFERAT\n\nIntet her.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: b, type: 2 }] });
    const changed = await next;
    assert.deepStrictEqual(
      changed.items.map((i) => i.uri),
      [b],
    );

    // Open a, fix it in the editor: the document pull reports it, the workspace pull leaves it alone.
    await client.open(a, SLIPS);
    await client.change(a, [{ text: CORRECT }]);
    assert.deepStrictEqual((await client.diagnostics(a)).items, []);
    // Closed without saving: the findings of the file on disk come back, in both pulls, once each.
    const afterOpen = client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
      previousResultIds: [...previous.filter((p) => p.uri !== b), { uri: b, value: changed.items[0].resultId! }],
    });
    await client.close(a);
    const reopened = (await client.diagnostics(a)).items!;
    assert.ok(rulesOf(reopened).includes('table-sum-mismatch'), 'the document pull after close gives the disk findings');
    const back = await afterOpen;
    assert.deepStrictEqual(
      back.items.map((i) => i.uri),
      [a],
    );
    assert.deepStrictEqual(rulesOf((back.items[0] as { items: Diagnostic[] }).items), rulesOf(reopened));
    await client.stop();
  });
});
