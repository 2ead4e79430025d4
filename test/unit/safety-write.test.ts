import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { boundedNode } from '../support/bounded';

/**
 * Every write the tool makes stays inside what it was asked to change (issue 23): "turn this rule
 * off" here; `--fix` in cli-fix.test.ts. Each hostile case runs in a child process bounded in time,
 * since a synchronous read of a FIFO would block this one for good.
 */

const DISABLE_RULE = path.join(__dirname, '..', '..', 'server', 'src', 'lsp', 'disableRule.js');

type Outcome = { applied: true; file: string } | { applied: false; reason: { da: string; en: string } };

/** disableRule in a fresh process, stopped after 20 s. */
function disableIn(label: string, docPath: string, rule: string, folders: readonly string[], first = ''): Outcome {
  const args = JSON.stringify([pathToFileURL(docPath).toString(), rule, folders]);
  return boundedNode<Outcome>(label, `${first}; return require(${JSON.stringify(DISABLE_RULE)}).disableRule(...${args});`).value;
}

describe('turning a rule off writes only the workspace\'s own .referatrc.json (issue 23)', function () {
  this.timeout(60000);
  let root: string;
  let ws: string;
  let outside: string;
  const folderUri = (): string => pathToFileURL(ws).toString();
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'referat-off-')));
    ws = path.join(root, 'ws');
    outside = path.join(root, 'outside');
    fs.mkdirSync(ws);
    fs.mkdirSync(outside);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('never writes through a link planted where the temporary file goes, and leaves no temporary file', () => {
    const victim = path.join(outside, 'victim.txt');
    fs.writeFileSync(victim, 'untouched\n');
    fs.writeFileSync(path.join(ws, '.referatrc.json'), '{}\n');
    // The name a predictable scheme would choose: a server's process id is easily guessed.
    const plant = `require('fs').symlinkSync(${JSON.stringify(victim)}, ${JSON.stringify(ws)} + '/..referatrc.json.' + process.pid + '.tmp')`;
    const outcome = disableIn('planted link', path.join(ws, 'm.referat.md'), 'toc-mismatch', [folderUri()], plant);
    assert.deepStrictEqual(outcome, { applied: true, file: path.join(ws, '.referatrc.json') });
    assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'untouched\n');
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(ws, '.referatrc.json'), 'utf8')), { rules: { 'toc-mismatch': 'off' } });
    assert.deepStrictEqual(fs.readdirSync(ws).filter((n) => !n.startsWith('..referatrc.json.')), ['.referatrc.json'], 'no temporary file left');
  });

  it('refuses a document under a folder linked from outside the workspace, and writes nothing there', () => {
    fs.symlinkSync('../outside', path.join(ws, 'shared'));
    fs.writeFileSync(path.join(outside, '.referatrc.json'), '{}\n');
    const outcome = disableIn('linked folder', path.join(ws, 'shared', 'm.referat.md'), 'toc-mismatch', [folderUri()]);
    assert.strictEqual(outcome.applied, false);
    assert.match(outcome.applied ? '' : outcome.reason.en, /m\.referat\.md is in a folder that a link leads outside the workspace .*outside\); Referat writes \.referatrc\.json only inside the workspace folder\./);
    assert.match(outcome.applied ? '' : outcome.reason.da, /fører uden for arbejdsområdet/);
    assert.strictEqual(fs.readFileSync(path.join(outside, '.referatrc.json'), 'utf8'), '{}\n');
    assert.ok(!fs.existsSync(path.join(ws, '.referatrc.json')));
  });

  it('refuses a .referatrc.json that is a link to a file outside the workspace', () => {
    fs.writeFileSync(path.join(outside, 'rc.json'), '{}\n');
    fs.symlinkSync(path.join(outside, 'rc.json'), path.join(ws, '.referatrc.json'));
    const outcome = disableIn('linked configuration', path.join(ws, 'm.referat.md'), 'toc-mismatch', [folderUri()]);
    assert.strictEqual(outcome.applied, false);
    assert.match(outcome.applied ? '' : outcome.reason.en, /is a link to .*rc\.json, outside the workspace folder; edit it yourself\./);
    assert.strictEqual(fs.readFileSync(path.join(outside, 'rc.json'), 'utf8'), '{}\n');
  });

  it('edits a .referatrc.json linked inside the workspace where the link leads, and the link stays a link', () => {
    fs.mkdirSync(path.join(ws, 'config'));
    fs.writeFileSync(path.join(ws, 'config', 'rc.json'), '{ "rules": { "decision-date": "off" } }\n');
    fs.symlinkSync(path.join('config', 'rc.json'), path.join(ws, '.referatrc.json'));
    const outcome = disableIn('link inside', path.join(ws, 'm.referat.md'), 'toc-mismatch', [folderUri()]);
    assert.deepStrictEqual(outcome, { applied: true, file: path.join(ws, 'config', 'rc.json') });
    assert.ok(fs.lstatSync(path.join(ws, '.referatrc.json')).isSymbolicLink());
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(ws, 'config', 'rc.json'), 'utf8')), { rules: { 'decision-date': 'off', 'toc-mismatch': 'off' } });
  });

  it('refuses at once a .referatrc.json that is a FIFO, without waiting for a writer', () => {
    execFileSync('mkfifo', [path.join(ws, '.referatrc.json')]);
    const outcome = disableIn('FIFO .referatrc.json', path.join(ws, 'm.referat.md'), 'toc-mismatch', [folderUri()]);
    assert.strictEqual(outcome.applied, false);
    assert.match(outcome.applied ? '' : outcome.reason.en, /\.referatrc\.json is not a regular file; edit it yourself\./);
    assert.ok(fs.statSync(path.join(ws, '.referatrc.json')).isFIFO(), 'left as it was');
  });

  it('takes a workspace folder whose URI ends in "/"', () => {
    const outcome = disableIn('folder URI with a slash', path.join(ws, 'sub', 'm.referat.md'), 'toc-mismatch', [`${folderUri()}/`]);
    assert.deepStrictEqual(outcome, { applied: true, file: path.join(ws, '.referatrc.json') });
  });

  it('keeps the BOM and the mode of a .referatrc.json it edits', () => {
    const rc = path.join(ws, '.referatrc.json');
    fs.writeFileSync(rc, '\uFEFF{ "rules": {} }\n');
    fs.chmodSync(rc, 0o640);
    const outcome = disableIn('BOM', path.join(ws, 'm.referat.md'), 'toc-mismatch', [folderUri()]);
    assert.strictEqual(outcome.applied, true);
    const text = fs.readFileSync(rc, 'utf8');
    assert.ok(text.startsWith('\uFEFF{'), text);
    assert.deepStrictEqual(JSON.parse(text.slice(1)), { rules: { 'toc-mismatch': 'off' } });
    assert.strictEqual(fs.statSync(rc).mode & 0o777, 0o640);
  });
});
