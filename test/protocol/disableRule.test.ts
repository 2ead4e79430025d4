import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TestClient } from '../support/lsp';
import { repoRoot } from '../support/paths';

/** "Turn this rule off in .referatrc.json" (issue 15, issue 17 item 5): only in the document's workspace folder, always a saved, valid file. */

const SLIPS = fs.readFileSync(path.join(repoRoot(), 'examples', 'med-fejl.referat.md'), 'utf8');

type Outcome = { applied: boolean; file?: string; reason?: string };

describe('language server: turning a rule off', function () {
  this.timeout(60000);
  let root: string;
  let ws: string;
  let client: TestClient;
  const disable = (uri: string, rule: string): Promise<Outcome> =>
    client.request<Outcome>('workspace/executeCommand', { command: 'referat.server.disableRule', arguments: [uri, rule] });
  const rc = (dir: string): string => path.join(dir, '.referatrc.json');

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-off-'));
    ws = path.join(root, 'ws');
    fs.mkdirSync(path.join(ws, 'sub'), { recursive: true });
    fs.mkdirSync(path.join(root, 'outside'));
    client = await TestClient.start({ workspaceFolder: ws });
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes a new, valid .referatrc.json on disk at the top of the workspace folder, with no warning, and the finding goes', async () => {
    const doc = path.join(ws, 'sub', 'm.referat.md');
    fs.writeFileSync(doc, SLIPS);
    const uri = pathToFileURL(doc).toString();
    await client.open(uri, SLIPS);
    assert.ok((await client.diagnostics(uri)).items!.some((d) => d.code === 'toc-mismatch'));
    const outcome = await disable(uri, 'toc-mismatch');
    assert.deepStrictEqual(outcome, { applied: true, file: rc(ws) });
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(rc(ws), 'utf8')), { rules: { 'toc-mismatch': 'off' } });
    assert.deepStrictEqual(client.edits, [], 'written by the server, not left unsaved in an editor');
    const items = (await client.diagnostics(uri)).items!;
    assert.ok(!items.some((d) => d.code === 'toc-mismatch') && items.length > 0);
    assert.deepStrictEqual(
      client.messages.filter((m) => /JSON|referatrc/.test(m.message)),
      [],
      'no warning',
    );
    assert.deepStrictEqual(fs.readdirSync(ws).sort(), ['.referatrc.json', 'sub'], 'no temporary file left');
  });

  it('edits the nearest .referatrc.json inside the folder, keeping its comments', async () => {
    fs.writeFileSync(rc(path.join(ws, 'sub')), '// udvalgets regler\n{ "rules": { "case-number-duplicate": "off" } }\n');
    const uri = pathToFileURL(path.join(ws, 'sub', 'm.referat.md')).toString();
    const outcome = await disable(uri, 'decision-date');
    assert.strictEqual(outcome.file, rc(path.join(ws, 'sub')));
    const text = fs.readFileSync(rc(path.join(ws, 'sub')), 'utf8');
    assert.match(text, /^\/\/ udvalgets regler\n/);
    assert.match(text, /"case-number-duplicate": "off"/);
    assert.match(text, /"decision-date": "off"/);
    assert.ok(!fs.existsSync(rc(ws)));
  });

  it('refuses a document outside the workspace, an untitled one, an unknown rule and a broken file, saying why and writing nothing', async () => {
    const outside = pathToFileURL(path.join(root, 'outside', 'm.referat.md')).toString();
    const refused: Array<[string, string, RegExp]> = [
      [outside, 'toc-mismatch', /is not in a workspace folder/],
      ['untitled:Untitled-1', 'toc-mismatch', /Save the document in a workspace folder first/],
      [pathToFileURL(path.join(ws, 'm.referat.md')).toString(), 'no-such-rule', /no rule named "no-such-rule"/],
    ];
    for (const [uri, rule, why] of refused) {
      const outcome = await disable(uri, rule);
      assert.strictEqual(outcome.applied, false, uri);
      assert.match(outcome.reason!, why);
      await client.until(() => client.messages.some((m) => why.test(m.message)), `the message ${why}`);
    }
    assert.ok(!fs.existsSync(rc(path.join(root, 'outside'))), 'nothing outside the workspace');
    assert.ok(!fs.existsSync(rc(ws)));
    assert.ok(!fs.existsSync(rc(process.cwd())), "nothing in the server's working directory");
    fs.writeFileSync(rc(ws), '{ "rules": { ');
    const broken = await disable(pathToFileURL(path.join(ws, 'm.referat.md')).toString(), 'toc-mismatch');
    assert.match(broken.reason!, /is not valid JSON; fix the file first/);
    assert.strictEqual(fs.readFileSync(rc(ws), 'utf8'), '{ "rules": { ', 'the broken file is left as it was');
  });

  it('answers at once, refusing, when .referatrc.json is a FIFO (issue 23)', async () => {
    execFileSync('mkfifo', [rc(ws)]);
    const started = Date.now();
    const outcome = await disable(pathToFileURL(path.join(ws, 'm.referat.md')).toString(), 'toc-mismatch');
    assert.strictEqual(outcome.applied, false);
    assert.match(outcome.reason!, /cannot be read \(not a regular file \(a FIFO\)\); edit it yourself/);
    assert.ok(Date.now() - started < 10000, `${Date.now() - started} ms`);
  });

  it('takes a workspace folder whose URI ends in "/" (issue 23)', async () => {
    await client.stop();
    client = await TestClient.start({ workspaceFolder: `${ws}/` });
    const outcome = await disable(pathToFileURL(path.join(ws, 'sub', 'm.referat.md')).toString(), 'toc-mismatch');
    assert.deepStrictEqual(outcome, { applied: true, file: rc(ws) });
  });

  it('refuses a document under a folder linked from outside, writing nothing there (issue 23)', async () => {
    fs.symlinkSync('../outside', path.join(ws, 'shared'));
    fs.writeFileSync(rc(path.join(root, 'outside')), '{}\n');
    const outcome = await disable(pathToFileURL(path.join(ws, 'shared', 'm.referat.md')).toString(), 'toc-mismatch');
    assert.strictEqual(outcome.applied, false);
    assert.match(outcome.reason!, /is in a folder that a link leads outside the workspace/);
    assert.strictEqual(fs.readFileSync(rc(path.join(root, 'outside')), 'utf8'), '{}\n');
  });

  it('refuses when the file that applies lies above the workspace folder', async () => {
    fs.writeFileSync(rc(root), '{}\n');
    const outcome = await disable(pathToFileURL(path.join(ws, 'm.referat.md')).toString(), 'toc-mismatch');
    assert.strictEqual(outcome.applied, false);
    assert.match(outcome.reason!, /outside the workspace folder/);
    assert.strictEqual(fs.readFileSync(rc(root), 'utf8'), '{}\n');
  });
});
