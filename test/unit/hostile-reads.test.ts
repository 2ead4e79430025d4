import * as assert from 'assert';
import { spawnSync, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { DocumentSymbol, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { ConfigLoader, readConfigFile } from '../../server/src/configFile';
import { readRegularFile, readRegularHead, ReadRefusal } from '../../server/src/io/read';
import { compilePattern } from '../../server/src/patterns';
import { TestClient } from '../support/lsp';
import { repoRoot } from '../support/paths';
import { CLI, CLEAN, tempDir, WITH_SLIP, writeTree } from './cli-run';

/**
 * Reads and walks that a client, a document or a configuration can steer (issue 23): each hostile
 * case is bounded in time, and each is refused at once with a reason instead of hanging the process.
 */

/** The CLI in English, killed after `ms`: a hang shows as a failed test, not a stuck run. */
function boundedCli(
  args: string[],
  cwd: string,
  ms = 20000,
): { code: number | null; stdout: string; stderr: string; elapsed: number; timedOut: boolean } {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', CLI, '--lang', 'en', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: ms,
    killSignal: 'SIGKILL',
    env: { ...process.env, LANG: 'C' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, elapsed: Date.now() - started, timedOut: r.signal === 'SIGKILL' };
}

const canMakeFifo = process.platform !== 'win32';
function mkfifo(p: string): void {
  execFileSync('mkfifo', [p]);
}

/** A promise that fails after `ms`, so that a server that never answers fails the test instead of the run. */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

describe('the safe reader (server/src/io/read.ts)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir('referat-read-')));
  afterEach(() => t.remove());

  const refusal = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof ReadRefusal) return e.reason.en;
      throw e;
    }
    return 'read';
  };

  it('reads a regular file up to its limit, and refuses one byte more; the head of any size', () => {
    const file = path.join(t.dir, 'ten.txt');
    fs.writeFileSync(file, '0123456789');
    assert.strictEqual(readRegularFile(file, 10).toString(), '0123456789');
    assert.match(
      refusal(() => readRegularFile(file, 9)),
      /larger than/,
    );
    assert.strictEqual(readRegularHead(file, 4).toString(), '0123');
    assert.strictEqual(readRegularFile(path.join(t.dir, 'ten.txt'), 100).length, 10);
  });

  (canMakeFifo ? it : it.skip)('refuses a folder, a device and a FIFO without reading from them, in milliseconds', () => {
    const fifo = path.join(t.dir, 'fifo');
    mkfifo(fifo);
    const started = Date.now();
    assert.strictEqual(
      refusal(() => readRegularFile(t.dir, 1024)),
      'not a regular file (a folder)',
    );
    assert.strictEqual(
      refusal(() => readRegularFile('/dev/zero', 1024)),
      'not a regular file (a device)',
    );
    assert.strictEqual(
      refusal(() => readRegularFile(fifo, 1024)),
      'not a regular file (a FIFO)',
    );
    assert.strictEqual(
      refusal(() => readRegularHead(fifo, 4096)),
      'not a regular file (a FIFO)',
    );
    assert.ok(Date.now() - started < 1000);
  });
});

describe('hostile reads: configuration', function () {
  this.timeout(60000);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir('referat-reads-');
    writeTree(t.dir, { 'a.referat.md': WITH_SLIP });
  });
  afterEach(() => t.remove());

  (canMakeFifo ? it : it.skip)('-c naming a FIFO: refused at once, naming the file; the CLI exits 2', () => {
    mkfifo(path.join(t.dir, 'fifo.json'));
    const r = boundedCli(['-c', 'fifo.json', 'a.referat.md'], t.dir);
    assert.ok(!r.timedOut, 'the CLI hung on the FIFO');
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /fifo\.json: .*not a regular file \(a FIFO\)/);
    // The defaults stand: the slips are still found.
    assert.match(r.stdout, /item-numbering/);
  });

  (fs.existsSync('/dev/zero') ? it : it.skip)('"extends" naming /dev/zero: refused at once with the file and the key', () => {
    writeTree(t.dir, { 'base.json': '{ "extends": "/dev/zero", "rules": { "case-number-future": "off" } }' });
    const r = boundedCli(['-c', 'base.json', 'a.referat.md'], t.dir);
    assert.ok(!r.timedOut, 'the CLI did not return');
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /base\.json \(extends\): .*\/dev\/zero.*not a regular file \(a device\)/);
    // The file's own settings still apply.
    assert.doesNotMatch(r.stdout, /case-number-future/);
  });

  it('a 40 MB configuration of whitespace: refused for its size, the defaults stand', () => {
    fs.writeFileSync(path.join(t.dir, 'big.json'), Buffer.alloc(40 * 1024 * 1024, 0x20));
    const r = boundedCli(['-c', 'big.json', 'a.referat.md'], t.dir);
    assert.ok(!r.timedOut, 'the CLI did not return');
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /big\.json: .*larger than 1 MB/);
    assert.match(r.stdout, /item-numbering/);
  });

  (canMakeFifo ? it : it.skip)('"extends" naming a FIFO from the .referatrc.json found by the search: refused at once', () => {
    mkfifo(path.join(t.dir, 'other.json'));
    writeTree(t.dir, { '.referatrc.json': '{ "extends": "./other.json" }' });
    const r = boundedCli(['--lang', 'da', '--print-config', 'a.referat.md'], t.dir);
    assert.ok(!r.timedOut, 'the CLI hung on the FIFO');
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /\.referatrc\.json \(extends\): .*other\.json.*ikke en almindelig fil \(en FIFO\)/);
  });

  (canMakeFifo ? it : it.skip)('a .referatrc.json that is a FIFO: reported by name, not passed over in silence, the defaults stand', () => {
    mkfifo(path.join(t.dir, '.referatrc.json'));
    const r = boundedCli(['--format', 'json', 'a.referat.md'], t.dir);
    assert.ok(!r.timedOut, 'the CLI hung on the FIFO');
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /\.referatrc\.json: .*not a regular file \(a FIFO\)/);
    assert.match(r.stdout, /item-numbering/);
  });

  it('a .referatrc.json that starts with a UTF-8 BOM is read', () => {
    const file = path.join(t.dir, '.referatrc.json');
    fs.writeFileSync(file, '\ufeff{ "rules": { "item-numbering": "off" } }');
    const { config, problems } = readConfigFile(file);
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(config.rules['item-numbering'], 'off');
    assert.strictEqual(new ConfigLoader().forDir(t.dir).config.rules['item-numbering'], 'off');
  });
});

describe('hostile reads: documents named to the CLI', function () {
  this.timeout(60000);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir('referat-reads-')));
  afterEach(() => t.remove());

  (canMakeFifo ? it : it.skip)('a FIFO or /dev/zero named as a document: refused at once, the rest linted', () => {
    writeTree(t.dir, { 'a.referat.md': CLEAN });
    mkfifo(path.join(t.dir, 'fifo.referat.md'));
    const r = boundedCli(['--format', 'json', 'fifo.referat.md', '/dev/zero', 'a.referat.md'], t.dir);
    assert.ok(!r.timedOut, 'the CLI hung');
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /fifo\.referat\.md: not a regular file \(a FIFO\)/);
    assert.match(r.stderr, /\/dev\/zero: not a regular file \(a device\)/);
    assert.deepStrictEqual(
      (JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file),
      ['a.referat.md'],
    );
  });
});

describe("hostile walks: the CLI's folder walk", function () {
  this.timeout(60000);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir('referat-walk-')));
  afterEach(() => t.remove());

  it('36 symlinked folders, two to each next level: every real folder once, well under a second of walking', () => {
    const levels = 18;
    for (let i = 1; i <= levels; i++) fs.mkdirSync(path.join(t.dir, 'tree', `d${i}`), { recursive: true });
    for (let i = 1; i < levels; i++)
      for (const name of ['a', 'b']) fs.symlinkSync(path.join('..', `d${i + 1}`), path.join(t.dir, 'tree', `d${i}`, name));
    fs.symlinkSync(path.join('..', 'd1'), path.join(t.dir, 'tree', `d${levels}`, 'a'));
    fs.symlinkSync(path.join('..', 'd1'), path.join(t.dir, 'tree', `d${levels}`, 'b'));
    writeTree(t.dir, { [`tree/d${levels}/m.referat.md`]: CLEAN });
    const r = boundedCli(['--format', 'json', 'tree'], t.dir);
    assert.ok(!r.timedOut, `the walk did not finish in 20 s`);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(
      (JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file),
      [`tree/d${levels}/m.referat.md`],
    );
    assert.ok(r.elapsed < 5000, `${r.elapsed} ms for the whole run`);
  });

  it("a glob pattern over 36 symlinked folders: each real folder read once, nothing outside the pattern's folder", () => {
    const levels = 18;
    for (let i = 1; i <= levels; i++) fs.mkdirSync(path.join(t.dir, 'tree', `d${i}`), { recursive: true });
    for (let i = 1; i < levels; i++)
      for (const name of ['a', 'b']) fs.symlinkSync(path.join('..', `d${i + 1}`), path.join(t.dir, 'tree', `d${i}`, name));
    fs.symlinkSync('/', path.join(t.dir, 'tree', 'd1', 'root'));
    writeTree(t.dir, { [`tree/d${levels}/m.referat.md`]: CLEAN });
    const r = boundedCli(['--format', 'json', 'tree/**/*.md'], t.dir);
    assert.ok(!r.timedOut, 'the glob did not finish in 20 s');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual((JSON.parse(r.stdout) as Array<{ file: string }>).length, 1);
    assert.ok(r.elapsed < 5000, `${r.elapsed} ms for the whole run`);
  });

  it('a link to / and a link beside the named folder walk nothing outside it', () => {
    writeTree(t.dir, { 'ws/a.referat.md': CLEAN, 'outside/b.referat.md': WITH_SLIP });
    fs.symlinkSync('/', path.join(t.dir, 'ws', 'root'));
    fs.symlinkSync(path.join(t.dir, 'outside'), path.join(t.dir, 'ws', 'shared'));
    const r = boundedCli(['--format', 'json', 'ws'], t.dir);
    assert.ok(!r.timedOut, 'the walk went into the file system');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(
      (JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file),
      ['ws/a.referat.md'],
    );
    // Said once each, without failing the run: the user may have meant the link to be linted.
    assert.match(r.stderr, /ws\/root is a link to a folder outside the folders named and is not followed \(name it to lint it\)/);
    assert.match(r.stderr, /ws\/shared is a link to a folder outside/);
    // Named outright, the folder behind the link is walked.
    const named = boundedCli(['--format', 'json', 'ws', 'ws/shared'], t.dir);
    assert.doesNotMatch(named.stderr, /ws\/shared is a link/);
    assert.deepStrictEqual(
      (JSON.parse(named.stdout) as Array<{ file: string }>).map((f) => f.file),
      ['ws/a.referat.md', 'ws/shared/b.referat.md'],
    );
  });

  it('a link to a folder inside the named one: the files under their real path, once', () => {
    writeTree(t.dir, { 'ws/z/a.referat.md': CLEAN });
    fs.symlinkSync('z', path.join(t.dir, 'ws', 'a-link'));
    const r = boundedCli(['--format', 'json', 'ws'], t.dir);
    assert.deepStrictEqual(
      (JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file),
      ['ws/z/a.referat.md'],
    );
  });
});

describe('hostile patterns: caseNumberPatterns', () => {
  it('a named back-reference \\k<n> is refused as a back-reference, not read as the text "k<n>"', () => {
    const r = compilePattern('(?<n>\\d{2})/\\k<n>');
    assert.ok('problem' in r, 'the pattern was accepted');
    assert.match(r.problem.en, /back-references/);
    assert.match(r.problem.da, /tilbagereferencer/);
  });

  it("a{1001} is refused because the count is over RE2's limit of 1000", () => {
    const r = compilePattern('\\d{2}/a{1001}');
    assert.ok('problem' in r, 'the pattern was accepted');
    assert.match(r.problem.en, /repeat count .*1000/);
    assert.doesNotMatch(r.problem.en, /back-references/);
    assert.match(r.problem.da, /gentagelse.*1000/);
    // At the limit it compiles and matches.
    const ok = compilePattern('a{1000}');
    assert.ok('pattern' in ok && ok.pattern.test('a'.repeat(1000)));
  });
});

describe('hostile reads: the language server', function () {
  this.timeout(60000);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir('referat-server-reads-')));
  afterEach(() => t.remove());

  const openAsText = (client: TestClient, file: string): Promise<{ text?: string; error?: string }> =>
    within(
      10000,
      `openAsText ${file}`,
      client.request('workspace/executeCommand', { command: 'referat.server.openAsText', arguments: [pathToFileURL(file).toString()] }),
    );

  it('openAsText reads only published files inside a workspace folder; /etc/passwd, /dev/zero, a FIFO and a link out are refused', async () => {
    const ws = path.join(t.dir, 'ws');
    writeTree(t.dir, {
      'ws/.keep': '',
      'outside/r.html': fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'formats', 'referat.html')),
    });
    fs.copyFileSync(path.join(repoRoot(), 'test', 'fixtures', 'formats', 'referat.html'), path.join(ws, 'r.html'));
    fs.symlinkSync(path.join(t.dir, 'outside', 'r.html'), path.join(ws, 'link.html'));
    if (canMakeFifo) mkfifo(path.join(ws, 'fifo.html'));
    const client = await TestClient.start({ workspaceFolder: ws });
    try {
      assert.ok((await openAsText(client, path.join(ws, 'r.html'))).text?.includes('Punkt'));
      for (const file of ['/etc/passwd', '/dev/zero', path.join(t.dir, 'outside', 'r.html'), path.join(ws, 'link.html')]) {
        const r = await openAsText(client, file);
        assert.strictEqual(r.text, undefined, file);
        assert.match(r.error!, /outside the workspace folders|not a published/, file);
      }
      if (canMakeFifo) assert.match((await openAsText(client, path.join(ws, 'fifo.html'))).error!, /not a regular file \(a FIFO\)/);
      // Whether a file outside exists is not told; inside, a missing file is said to be missing.
      assert.match((await openAsText(client, path.join(t.dir, 'outside', 'none.pdf'))).error!, /outside the workspace folders/);
      assert.match((await openAsText(client, path.join(ws, 'none.pdf'))).error!, /none\.pdf: no such file/);
    } finally {
      await client.stop();
    }
  });

  (canMakeFifo ? it : it.skip)('a watched-file event for a FIFO named *.referat.txt leaves the server answering', async () => {
    writeTree(t.dir, { 'a.referat.md': CLEAN });
    const client = await TestClient.start({ workspaceFolder: t.dir });
    try {
      await within(
        20000,
        'lint all',
        client.request('workspace/executeCommand', { command: 'referat.server.lintWorkspace', arguments: [] }),
      );
      const fifo = path.join(t.dir, 'hang.referat.txt');
      mkfifo(fifo);
      client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(fifo).toString(), type: 1 }],
      });
      const open = pathToFileURL(path.join(t.dir, 'b.referat.md')).toString();
      await client.open(open, CLEAN);
      const symbols = await within(
        5000,
        'the outline after the event',
        client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: open } }),
      );
      assert.ok(symbols.length > 0);
    } finally {
      await client.stop();
    }
  });

  (canMakeFifo ? it : it.skip)(
    '"turn this rule off" with a .referatrc.json that is a FIFO: refused with the reason, the server answering',
    async () => {
      writeTree(t.dir, { 'a.referat.md': WITH_SLIP });
      mkfifo(path.join(t.dir, '.referatrc.json'));
      const client = await TestClient.start({ workspaceFolder: t.dir });
      try {
        const uri = pathToFileURL(path.join(t.dir, 'a.referat.md')).toString();
        await client.open(uri, WITH_SLIP);
        const outcome = await within(
          5000,
          'disableRule',
          client.request<{ applied: boolean; reason?: string }>('workspace/executeCommand', {
            command: 'referat.server.disableRule',
            arguments: [uri, 'item-numbering'],
          }),
        );
        assert.strictEqual(outcome.applied, false);
        assert.match(outcome.reason!, /cannot be read \(not a regular file \(a FIFO\)\)/);
        assert.ok(fs.lstatSync(path.join(t.dir, '.referatrc.json')).isFIFO(), 'the FIFO was replaced');
      } finally {
        await client.stop();
      }
    },
  );

  it("a new configuration re-lints the workspace's files in turns: the editor's requests are answered first", async () => {
    const slips = fs.readFileSync(path.join(repoRoot(), 'examples', 'med-fejl.referat.md'), 'utf8');
    const count = 300;
    for (let i = 0; i < count; i++) fs.writeFileSync(path.join(t.dir, `m${String(i).padStart(3, '0')}.referat.md`), slips);
    const client = await TestClient.start({ workspaceFolder: t.dir });
    try {
      await within(
        60000,
        'lint all',
        client.request('workspace/executeCommand', { command: 'referat.server.lintWorkspace', arguments: [] }),
      );
      const first = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
      assert.strictEqual(first.items.length, count);
      const open = pathToFileURL(path.join(t.dir, 'open.referat.md')).toString();
      await client.open(open, CLEAN);
      fs.writeFileSync(path.join(t.dir, '.referatrc.json'), '{ "rules": { "item-numbering": "off" } }');
      client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(path.join(t.dir, '.referatrc.json')).toString(), type: 1 }],
      });
      await within(5000, 'the outline', client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: open } }));
      // Answered while the files were being linted again: the next report holds only those done so far.
      const previousResultIds = first.items.map((r) => ({ uri: r.uri, value: (r as { resultId?: string }).resultId! }));
      const next = await within(
        10000,
        'the next report',
        client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds }),
      );
      assert.ok(
        next.items.length > 0 && next.items.length < count,
        `${next.items.length} of ${count} files linted again before the outline was answered`,
      );
    } finally {
      await client.stop();
    }
  });
});
