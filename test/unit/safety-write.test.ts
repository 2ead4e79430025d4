import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { boundedNode, boundedRun, runCliBounded } from '../support/bounded';
import { NOBODY, whyNoUnprivilegedRun } from '../support/unprivileged';
import { readDocumentText, writeFixedFile } from '../../server/src/files';
import { CLEAN, tempDir, tocMissingEntry, WITH_SLIP } from './cli-run';
import { CodeActionKind } from 'vscode-languageserver';
import { analyze } from '../../server/src/analysis';
import { fix } from '../../server/src/api';
import { applyEdits, defaultConfig } from '../../server/src/lint';
import { codeActions, fixAllEdit } from '../../server/src/lsp/codeActions';

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

describe("turning a rule off writes only the workspace's own .referatrc.json (issue 23)", function () {
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
    assert.deepStrictEqual(
      fs.readdirSync(ws).filter((n) => !n.startsWith('..referatrc.json.')),
      ['.referatrc.json'],
      'no temporary file left',
    );
  });

  it('refuses a document under a folder linked from outside the workspace, and writes nothing there', () => {
    fs.symlinkSync('../outside', path.join(ws, 'shared'));
    fs.writeFileSync(path.join(outside, '.referatrc.json'), '{}\n');
    const outcome = disableIn('linked folder', path.join(ws, 'shared', 'm.referat.md'), 'toc-mismatch', [folderUri()]);
    assert.strictEqual(outcome.applied, false);
    assert.match(
      outcome.applied ? '' : outcome.reason.en,
      /m\.referat\.md is in a folder that a link leads outside the workspace .*outside\); Referat writes \.referatrc\.json only inside the workspace folder\./,
    );
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
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(ws, 'config', 'rc.json'), 'utf8')), {
      rules: { 'decision-date': 'off', 'toc-mismatch': 'off' },
    });
  });

  it('refuses at once a .referatrc.json that is a FIFO, without waiting for a writer', () => {
    execFileSync('mkfifo', [path.join(ws, '.referatrc.json')]);
    const outcome = disableIn('FIFO .referatrc.json', path.join(ws, 'm.referat.md'), 'toc-mismatch', [folderUri()]);
    assert.strictEqual(outcome.applied, false);
    assert.match(
      outcome.applied ? '' : outcome.reason.en,
      /\.referatrc\.json cannot be read \(not a regular file \(a FIFO\)\); edit it yourself\./,
    );
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

const BOM = '\uFEFF';
const FIXED = WITH_SLIP.replace('Punkt 22', 'Punkt 21');
/** A short referat whose fix is on line 4, so that the diff's hunk reaches line 1. */
// The slip in the first item, so that the diff's hunk reaches line 1 (and the BOM).
const TOP =
  '# REFERAT Teknik- og Miljøudvalget d. 03-06-2025\n# Punkt 7: Vejplan\n## Beslutning\nGodkendt.\n# Punkt 2: Cykelsti\n## Beslutning\nGodkendt.\n# Punkt 3: Busplan\n## Beslutning\nGodkendt.\n';
const TOP_FIXED = TOP.replace('Punkt 7', 'Punkt 1');

describe('referat-lint --fix writes nothing it cannot write back whole (issue 23)', function () {
  this.timeout(120000);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir('referat-safe-');
  });
  afterEach(() => t.remove());
  const at = (name: string): string => path.join(t.dir, name);
  const tempsLeft = (): string[] => fs.readdirSync(t.dir).filter((n) => n.endsWith('.tmp'));

  it('never writes a Windows-1252 file, says so, and lints it read as Windows-1252', () => {
    const bytes = Buffer.from(WITH_SLIP, 'latin1');
    assert.ok(bytes.includes(0xf8), 'ø as one byte');
    fs.writeFileSync(at('cp.referat.md'), bytes);
    fs.writeFileSync(at('utf8.referat.md'), WITH_SLIP);
    const r = runCliBounded('--fix on a Windows-1252 file', ['--fix', 'cp.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.code, 2);
    assert.ok(fs.readFileSync(at('cp.referat.md')).equals(bytes), 'the file is untouched');
    assert.strictEqual(
      r.stderr,
      'referat-lint: did not write cp.referat.md: the file is not UTF-8 (it was read as Windows-1252), and --fix writes UTF-8 and UTF-16 files only\n',
    );
    const asCp = runCliBounded('lint of a Windows-1252 file', ['cp.referat.md'], { cwd: t.dir });
    const asUtf8 = runCliBounded('lint of the same in UTF-8', ['utf8.referat.md'], { cwd: t.dir });
    assert.strictEqual(asCp.stdout.replace(/^cp\./gm, 'utf8.'), asUtf8.stdout, 'the same findings as the UTF-8 text');
    assert.match(asUtf8.stdout, /case-number-future/);
    assert.deepStrictEqual(tempsLeft(), []);
  });

  it('never writes a file that is not valid UTF-8 and not Windows-1252 either', () => {
    const bytes = Buffer.concat([Buffer.from(WITH_SLIP, 'utf8'), Buffer.from([0xe6, 0x0a])]);
    fs.writeFileSync(at('broken.referat.md'), bytes);
    const r = runCliBounded('--fix on invalid UTF-8', ['--fix', 'broken.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.code, 2);
    assert.match(
      r.stderr,
      /did not write broken\.referat\.md: the file is not valid UTF-8, and --fix does not write a file whose bytes it cannot reproduce/,
    );
    assert.ok(fs.readFileSync(at('broken.referat.md')).equals(bytes));
  });

  it('--fix - prints Windows-1252 input back byte for byte, and keeps a BOM', () => {
    const cp = Buffer.from(WITH_SLIP, 'latin1');
    const r = runCliBounded('--fix - with Windows-1252', ['--fix', '-'], { cwd: t.dir, input: cp });
    assert.ok(r.stdoutBytes.equals(cp), r.stdout);
    assert.match(r.stderr, /did not write -: the file is not UTF-8/);
    const unchanged = runCliBounded('--fix - with a BOM, nothing to fix', ['--fix', '-'], { cwd: t.dir, input: BOM + CLEAN });
    assert.strictEqual(unchanged.stdout, BOM + CLEAN);
    const fixed = runCliBounded('--fix - with a BOM', ['--fix', '-'], { cwd: t.dir, input: BOM + WITH_SLIP });
    assert.strictEqual(fixed.stdout, BOM + FIXED);
  });

  it('reads UTF-16 with a BOM as text and writes it back in UTF-16 with its BOM, little- and big-endian', () => {
    const le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = (text: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    fs.writeFileSync(at('le.referat.md'), le(WITH_SLIP));
    fs.writeFileSync(at('be.referat.md'), be(WITH_SLIP.replace(/\n/g, '\r\n')));
    const lint = runCliBounded('lint of UTF-16', ['le.referat.md'], { cwd: t.dir });
    assert.match(lint.stdout, /le\.referat\.md:15:9 warning item-numbering/);
    assert.doesNotMatch(lint.stderr, /not a text file/);
    const r = runCliBounded('--fix on UTF-16', ['--fix', 'le.referat.md', 'be.referat.md'], { cwd: t.dir });
    assert.match(r.stdout, /Fixed 2 problems in 2 files\./);
    assert.ok(fs.readFileSync(at('le.referat.md')).equals(le(FIXED)));
    assert.ok(fs.readFileSync(at('be.referat.md')).equals(be(FIXED.replace(/\n/g, '\r\n'))));
    const stdin = runCliBounded('--fix - with UTF-16', ['--fix', '-'], { cwd: t.dir, input: le(WITH_SLIP) });
    assert.ok(stdin.stdoutBytes.equals(le(FIXED)));
  });

  it("keeps the user's text when the file changes while the fixed text is being written, and removes the temporary file", () => {
    for (const linked of [false, true]) {
      const file = at('a.referat.md');
      fs.writeFileSync(file, WITH_SLIP);
      // With a second hard link the file is written in place: the check comes just before that write.
      if (linked) fs.linkSync(file, at('b.referat.md'));
      const read = readDocumentText(file);
      const edited = WITH_SLIP.replace('Godkendt.', 'Godkendt med en ændring.');
      const outcome = writeFixedFile(file, read.stamp!, FIXED, read.encoding, { beforeReplace: () => fs.writeFileSync(file, edited) });
      assert.deepStrictEqual(outcome, {
        written: false,
        reason: { da: 'er ændret på disken siden den blev læst', en: 'changed on disk since it was read' },
      });
      assert.strictEqual(fs.readFileSync(file, 'utf8'), edited);
      assert.deepStrictEqual(tempsLeft(), []);
      fs.rmSync(at('b.referat.md'), { force: true });
    }
  });

  it('notices a save by rename (a new file under the name) while the fixed text is being written', () => {
    const file = at('a.referat.md');
    fs.writeFileSync(file, WITH_SLIP);
    const read = readDocumentText(file);
    const outcome = writeFixedFile(file, read.stamp!, FIXED, read.encoding, {
      beforeReplace: () => {
        // The same bytes, but another file: an editor's save replaced it.
        fs.writeFileSync(at('saved'), WITH_SLIP);
        fs.renameSync(at('saved'), file);
      },
    });
    assert.strictEqual(outcome.written, false);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), WITH_SLIP);
    assert.deepStrictEqual(tempsLeft(), []);
  });

  it('writes through a link to the real file, and the link stays a link', () => {
    fs.writeFileSync(at('real.referat.md'), WITH_SLIP);
    fs.symlinkSync('real.referat.md', at('link.referat.md'));
    const r = runCliBounded('--fix through a link', ['--fix', 'link.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.stderr, 'referat-lint: wrote link.referat.md (1 fix)\n');
    assert.ok(fs.lstatSync(at('link.referat.md')).isSymbolicLink());
    assert.strictEqual(fs.readFileSync(at('real.referat.md'), 'utf8'), FIXED);
    assert.deepStrictEqual(tempsLeft(), []);
  });

  it('fixes a file named together with a link to it once, and says so', () => {
    fs.writeFileSync(at('real.referat.md'), WITH_SLIP);
    fs.symlinkSync('real.referat.md', at('link.referat.md'));
    const r = runCliBounded('--fix of a link and its target', ['--fix', 'real.referat.md', 'link.referat.md'], { cwd: t.dir });
    assert.strictEqual(
      r.stderr,
      'referat-lint: real.referat.md is the same file as link.referat.md (through a link) and is fixed once, as link.referat.md\nreferat-lint: wrote link.referat.md (1 fix)\n',
    );
    assert.match(r.stdout, /Fixed 1 problem in 1 file\./);
    assert.strictEqual(fs.readFileSync(at('real.referat.md'), 'utf8'), FIXED);
    assert.ok(fs.lstatSync(at('link.referat.md')).isSymbolicLink());
  });

  it('keeps the owner, group and mode of a file it rewrites as root', function () {
    if (process.getuid?.() !== 0) this.skip();
    const file = at('a.referat.md');
    fs.writeFileSync(file, WITH_SLIP);
    fs.chownSync(file, NOBODY.uid, NOBODY.gid);
    fs.chmodSync(file, 0o640);
    const r = runCliBounded('--fix as root on a file of nobody', ['--fix', 'a.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.stderr, 'referat-lint: wrote a.referat.md (1 fix)\n');
    const stat = fs.statSync(file);
    assert.deepStrictEqual([stat.uid, stat.gid, stat.mode & 0o7777], [NOBODY.uid, NOBODY.gid, 0o640]);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), FIXED);
  });

  it('keeps the owner of a file it may write but does not own (written in place)', function () {
    const cannot = whyNoUnprivilegedRun();
    if (cannot || process.getuid?.() !== 0) this.skip();
    const file = at('a.referat.md');
    fs.writeFileSync(file, WITH_SLIP);
    fs.chmodSync(file, 0o666);
    const r = runCliBounded('--fix by nobody on a file of root', ['--fix', 'a.referat.md'], { cwd: t.dir, unprivileged: true });
    assert.strictEqual(r.stderr, 'referat-lint: wrote a.referat.md (1 fix)\n');
    assert.strictEqual(fs.statSync(file).uid, 0, "still root's");
    assert.strictEqual(fs.readFileSync(file, 'utf8'), FIXED);
  });

  it("writes in place a file of the user's in a folder where they may not create the temporary file", function () {
    const cannot = whyNoUnprivilegedRun();
    if (cannot || process.getuid?.() !== 0) this.skip();
    fs.mkdirSync(at('locked'), { mode: 0o755 });
    fs.chmodSync(at('locked'), 0o755);
    const file = at('locked/a.referat.md');
    fs.writeFileSync(file, WITH_SLIP);
    fs.chownSync(file, NOBODY.uid, NOBODY.gid);
    fs.chmodSync(file, 0o644);
    const r = runCliBounded('--fix by nobody in a folder of root', ['--fix', 'locked/a.referat.md'], { cwd: t.dir, unprivileged: true });
    assert.strictEqual(r.stderr, 'referat-lint: wrote locked/a.referat.md (1 fix)\n');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), FIXED);
    assert.deepStrictEqual(fs.readdirSync(at('locked')), ['a.referat.md']);
  });

  it('refuses a read-only file also when run as root', () => {
    const file = at('a.referat.md');
    fs.writeFileSync(file, WITH_SLIP);
    fs.chmodSync(file, 0o444);
    const r = runCliBounded('--fix on a 0444 file', ['--fix', 'a.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.stderr, 'referat-lint: did not write a.referat.md: the file is read-only\n');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), WITH_SLIP);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o444);
  });

  it('writes a file with other hard links in place, so the links stay joined', () => {
    const file = at('a.referat.md');
    fs.writeFileSync(file, WITH_SLIP);
    fs.chmodSync(file, 0o640);
    fs.linkSync(file, at('b.txt'));
    const ino = fs.statSync(file).ino;
    const r = runCliBounded('--fix on a hard-linked file', ['--fix', 'a.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.stderr, 'referat-lint: wrote a.referat.md (1 fix)\n');
    assert.strictEqual(fs.statSync(file).ino, ino);
    assert.strictEqual(fs.statSync(file).nlink, 2);
    assert.strictEqual(fs.readFileSync(at('b.txt'), 'utf8'), FIXED);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepStrictEqual(tempsLeft(), []);
  });

  /** The diff --fix-dry-run prints, applied with `patch -p0` to one copy of the folder and with `git apply -p0` to another. */
  function applyDiff(name: string, content: string | Buffer): void {
    fs.writeFileSync(at(name), content);
    const r = runCliBounded(`--fix-dry-run of ${JSON.stringify(name)}`, ['--fix-dry-run', name], { cwd: t.dir });
    assert.match(r.stderr, /Would fix 1 problem in 1 file\./);
    const expected = runCliBounded('--fix - of the same', ['--fix', '-'], { cwd: t.dir, input: content }).stdoutBytes;
    for (const tool of [
      ['patch', '-p0', '--batch', '--no-backup-if-mismatch'],
      ['git', 'apply', '-p0'],
    ]) {
      const copy = path.join(t.dir, `copy-${tool[0]}`);
      fs.mkdirSync(copy);
      fs.copyFileSync(at(name), path.join(copy, name));
      const applied = boundedRun(tool[0], tool.slice(1), 20000, { cwd: copy, input: r.stdout });
      assert.strictEqual(applied.status, 0, `${tool[0]}: ${applied.stdout}${applied.stderr}`);
      assert.ok(fs.readFileSync(path.join(copy, name)).equals(expected), `${tool[0]} gives what --fix writes`);
    }
  }

  it('--fix-dry-run of a file with a BOM: the diff applies with patch and git apply when a hunk reaches line 1', () => {
    applyDiff('top.referat.md', BOM + TOP);
    assert.strictEqual(runCliBounded('--fix - of the BOM file', ['--fix', '-'], { cwd: t.dir, input: BOM + TOP }).stdout, BOM + TOP_FIXED);
  });

  it('--fix-dry-run of a file with a space in its name: patch -p0 and git apply find it', () => {
    applyDiff('mit referat.referat.md', TOP);
  });
});

describe("in a CRLF document the editor's fixes insert CRLF lines (issue 23)", () => {
  const uri = 'file:///m.referat.md';
  const CRLF = tocMissingEntry().replace(/\n/g, '\r\n');
  const bareLf = (text: string): number => text.replace(/\r\n/g, '').split('\n').length - 1;
  const config = defaultConfig();

  it('the quick fix "add the item to the table of contents" inserts a line ending in CRLF', () => {
    const analysis = analyze(CRLF, config);
    const finding = analysis.findings.find((f) => f.rule === 'toc-mismatch' && f.fix)!;
    assert.ok(finding, analysis.findings.map((f) => f.rule).join(', '));
    const actions = codeActions(
      analysis,
      { textDocument: { uri }, range: finding.range, context: { diagnostics: [], only: [CodeActionKind.QuickFix] } },
      config,
      'en',
    );
    const quick = actions.find((a) => a.isPreferred && a.edit)!;
    const edits = quick.edit!.changes![uri];
    assert.ok(
      edits.some((e) => e.newText.includes('\r\n')),
      JSON.stringify(edits),
    );
    const fixed = applyEdits(CRLF, edits).text;
    assert.strictEqual(bareLf(fixed), 0);
    assert.ok(fixed.includes('2. Tilskud til foreningslivet 2025\r\n3. Renovering af Skovby Svømmehal\r\n4. Eventuelt\r\n'));
  });

  it("source.fixAll and fix-all of one rule give the CLI's text, with no bare LF", () => {
    const text = CRLF.replace('# Punkt 4:', '# Punkt 5:');
    const analysis = analyze(text, config);
    const [all] = codeActions(
      analysis,
      {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: [CodeActionKind.SourceFixAll] },
      },
      config,
      'en',
    );
    const fixed = applyEdits(text, all.edit!.changes![uri]).text;
    assert.strictEqual(bareLf(fixed), 0);
    assert.strictEqual(fixed, fix(text).text, 'what referat-lint --fix writes');
    const oneRule = fixAllEdit(analysis, uri, config, 'toc-mismatch')!;
    assert.strictEqual(bareLf(applyEdits(text, oneRule.changes![uri]).text), 0);
  });

  it('an LF document is left with LF', () => {
    const lf = tocMissingEntry();
    assert.strictEqual(applyEdits(lf, fixAllEdit(analyze(lf, config), uri, config)!.changes![uri]).text, fix(lf).text);
    assert.ok(!fix(lf).text.includes('\r'));
  });
});
