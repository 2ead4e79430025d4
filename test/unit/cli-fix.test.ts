import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lint } from '../../server/src/api';
import { readDocumentText, writeFixedFile } from '../../server/src/files';
import { CLEAN, runCli, tempDir, tocMissingEntry, WITH_SLIP, writeTree } from './cli-run';
import { whyNoUnprivilegedRun } from '../support/unprivileged';

const BOM = '\uFEFF';
const FIXED = WITH_SLIP.replace('Punkt 22', 'Punkt 21');

describe('referat-lint --fix: writing files', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir('referat-write-');
  });
  afterEach(() => t.remove());

  it("keeps each file's BOM and line ending, also in the lines a fix inserts", () => {
    const toc = tocMissingEntry();
    writeTree(t.dir, {
      'crlf-bom.referat.md': BOM + toc.replace(/\n/g, '\r\n'),
      'lf-bom.referat.md': BOM + WITH_SLIP,
      'crlf.referat.md': WITH_SLIP.replace(/\n/g, '\r\n'),
      'lf.referat.md': toc,
    });
    const r = runCli(['--fix', '.'], { cwd: t.dir });
    assert.match(r.stdout, /Fixed 4 problems in 4 files\./);
    const read = (name: string): string => fs.readFileSync(path.join(t.dir, name), 'utf8');
    const crlfBom = read('crlf-bom.referat.md');
    assert.ok(crlfBom.startsWith(BOM + '# REFERAT'), 'BOM kept');
    assert.ok(
      crlfBom.includes('2. Tilskud til foreningslivet 2025\r\n3. Renovering af Skovby Svømmehal\r\n4. Eventuelt\r\n'),
      'the inserted entry ends in CRLF',
    );
    assert.strictEqual(crlfBom.replace(/\r\n/g, '').includes('\n'), false, 'no line ends in LF alone');
    assert.strictEqual(read('lf-bom.referat.md'), BOM + FIXED);
    assert.strictEqual(read('crlf.referat.md'), FIXED.replace(/\n/g, '\r\n'));
    assert.ok(read('lf.referat.md').includes('2. Tilskud til foreningslivet 2025\n3. Renovering af Skovby Svømmehal\n'));
    assert.strictEqual(read('lf.referat.md').includes('\r'), false);
  });

  it('reports every file written and every file it could not write, goes on after a failure, and exits 2', function () {
    const cannot = whyNoUnprivilegedRun();
    if (cannot) {
      console.log(`      (not run: ${cannot})`);
      this.skip();
    }
    writeTree(t.dir, { 'a.referat.md': WITH_SLIP, 'b.referat.md': WITH_SLIP, 'c.referat.md': WITH_SLIP, 'd.referat.md': CLEAN });
    for (const f of ['a', 'c', 'd']) fs.chmodSync(path.join(t.dir, `${f}.referat.md`), 0o666);
    fs.chmodSync(path.join(t.dir, 'b.referat.md'), 0o444);
    const r = runCli(['--fix', '.'], { cwd: t.dir, unprivileged: true });
    assert.strictEqual(r.code, 2);
    assert.strictEqual(
      r.stderr,
      'referat-lint: wrote a.referat.md (1 fix)\nreferat-lint: did not write b.referat.md: the file is read-only\nreferat-lint: wrote c.referat.md (1 fix)\n',
    );
    assert.doesNotMatch(r.stdout + r.stderr, /internal error|at .*\.js:\d+/);
    assert.strictEqual(fs.readFileSync(path.join(t.dir, 'a.referat.md'), 'utf8'), FIXED);
    assert.strictEqual(fs.readFileSync(path.join(t.dir, 'b.referat.md'), 'utf8'), WITH_SLIP);
    assert.strictEqual(fs.readFileSync(path.join(t.dir, 'c.referat.md'), 'utf8'), FIXED);
    assert.match(r.stdout, /Fixed 2 problems in 2 files\./);
  });

  it('writes through a temporary file renamed over the original, keeping its mode and leaving no temporary file', () => {
    const file = path.join(t.dir, 'a.referat.md');
    fs.writeFileSync(file, WITH_SLIP, { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    const inode = fs.statSync(file).ino;
    const r = runCli(['--fix', file]);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), FIXED);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
    assert.notStrictEqual(fs.statSync(file).ino, inode, 'a new file renamed over the old one');
    assert.deepStrictEqual(fs.readdirSync(t.dir), ['a.referat.md']);
  });

  it('does not write a file that changed on disk after it was read, and says why', () => {
    const file = path.join(t.dir, 'a.referat.md');
    fs.writeFileSync(file, BOM + WITH_SLIP);
    const read = readDocumentText(file);
    assert.strictEqual(read.text, WITH_SLIP);
    assert.strictEqual(read.encoding, 'utf8-bom');
    const edited = WITH_SLIP.replace('Godkendt.', 'Godkendt med en ændring.');
    fs.writeFileSync(file, BOM + edited);
    const outcome = writeFixedFile(file, read.stamp!, FIXED, read.encoding);
    assert.deepStrictEqual(outcome, {
      written: false,
      reason: { da: 'er ændret på disken siden den blev læst', en: 'changed on disk since it was read' },
    });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), BOM + edited);
    const again = readDocumentText(file);
    assert.deepStrictEqual(writeFixedFile(file, again.stamp!, FIXED, again.encoding), { written: true });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), BOM + FIXED);
  });
});

describe('referat-lint: output of any size @slow', () => {
  /** `Punkt N:` on every line: two findings a line, the shape of issue 15's 1,000,000-line document at a fifth of its size. */
  const LINES = 200000;
  let t: ReturnType<typeof tempDir>;
  let file: string;
  let expected: number;
  before(function () {
    this.timeout(120000);
    t = tempDir('referat-big-');
    file = path.join(t.dir, 'big.referat.txt');
    let text = '';
    for (let i = 1; i <= LINES; i++) text += `Punkt ${i}:\n`;
    fs.writeFileSync(file, text);
    expected = lint(text).length;
  });
  after(() => t.remove());

  it('writes complete, valid JSON for a document with hundreds of thousands of findings', function () {
    this.timeout(180000);
    assert.ok(expected > LINES, `${expected} findings`);
    const r = runCli(['--format', 'json', file]);
    assert.strictEqual(r.code, 1, r.stderr.slice(0, 500));
    const json = JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ range: { start: { line: number } } }> }>;
    assert.strictEqual(json[0].diagnostics.length, expected);
    assert.strictEqual(json[0].diagnostics[expected - 1].range.start.line, LINES - 1);
  });

  it('writes every finding in the text format too', function () {
    this.timeout(180000);
    const r = runCli([file]);
    const lines = r.stdout.split('\n');
    assert.strictEqual(lines.length, expected + 2, 'each finding, the summary and the final newline');
    assert.match(lines[expected], new RegExp(`^${expected} problems`));
  });
});
