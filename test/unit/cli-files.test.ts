import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CLEAN, runCli, tempDir, WITH_SLIP, writeTree } from './cli-run';
import { whyNoUnprivilegedRun } from '../support/unprivileged';

function linted(stdout: string): string[] {
  return (JSON.parse(stdout) as Array<{ file: string }>).map((f) => f.file);
}

describe('referat-lint: which files', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir('referat-files-');
    writeTree(t.dir, {
      'referater/2025/jan.txt': CLEAN,
      'referater/2025/feb.txt': WITH_SLIP,
      'referater/2025/noter.txt': 'Indkøbsliste\n\nmælk, brød\n',
      'referater/udkast/mar.txt': CLEAN,
      'referater/apr.referat.md': CLEAN,
    });
  });
  afterEach(() => t.remove());

  it('expands quoted glob patterns itself, keeping to referater', () => {
    const r = runCli(['--format', 'json', 'referater/**/*.txt'], { cwd: t.dir });
    assert.deepStrictEqual(linted(r.stdout), ['referater/2025/feb.txt', 'referater/2025/jan.txt', 'referater/udkast/mar.txt']);
    assert.strictEqual(r.code, 1, r.stderr);
  });

  it('leaves out what .referatignore and the configuration\'s "ignores" name, unless --no-ignore', () => {
    writeTree(t.dir, { '.referatignore': '# drafts\nudkast/\n', 'referater/2025/.referatrc.json': '{ "ignores": ["feb.txt"] }' });
    const r = runCli(['--format', 'json', 'referater'], { cwd: t.dir });
    assert.deepStrictEqual(linted(r.stdout), ['referater/2025/jan.txt', 'referater/apr.referat.md']);
    assert.strictEqual(r.code, 0, r.stderr);
    const all = runCli(['--format', 'json', '--no-ignore', 'referater'], { cwd: t.dir });
    assert.deepStrictEqual(linted(all.stdout), [
      'referater/2025/feb.txt',
      'referater/2025/jan.txt',
      'referater/apr.referat.md',
      'referater/udkast/mar.txt',
    ]);
    const named = runCli(['--format', 'json', 'referater/udkast/mar.txt', 'referater/apr.referat.md'], { cwd: t.dir });
    assert.deepStrictEqual(linted(named.stdout), ['referater/apr.referat.md']);
    assert.match(named.stderr, /referater\/udkast\/mar\.txt is left out by an ignore pattern \(--no-ignore lints it\)/);
  });

  it('lints a file reached through a link once, and never follows a link loop', () => {
    fs.symlinkSync(path.join(t.dir, 'referater', '2025', 'jan.txt'), path.join(t.dir, 'referater', 'jan-link.txt'));
    fs.symlinkSync(path.join(t.dir, 'referater'), path.join(t.dir, 'referater', '2025', 'loop'));
    const r = runCli(['--format', 'json', 'referater'], { cwd: t.dir });
    assert.strictEqual(r.stderr, '');
    const files = linted(r.stdout);
    assert.deepStrictEqual(files, [
      'referater/2025/feb.txt',
      'referater/2025/jan.txt',
      'referater/apr.referat.md',
      'referater/udkast/mar.txt',
    ]);
    const globbed = runCli(['--format', 'json', 'referater/**/*.txt'], { cwd: t.dir });
    assert.strictEqual(
      new Set(linted(globbed.stdout).map((f) => fs.realpathSync(path.join(t.dir, f)))).size,
      linted(globbed.stdout).length,
    );
  });

  it('says so and exits 2 when nothing matches', () => {
    const glob = runCli(['referater/**/*.pdf'], { cwd: t.dir });
    assert.strictEqual(glob.code, 2);
    assert.strictEqual(glob.stderr, 'referat-lint: no referat matches referater/**/*.pdf\n');
    const empty = runCli(['referater/2025/noter.txt/..', 'tom'], { cwd: t.dir });
    assert.strictEqual(empty.code, 2);
    fs.mkdirSync(path.join(t.dir, 'tom'));
    const da = runCli(['--lang', 'da', 'tom'], { cwd: t.dir });
    assert.strictEqual(da.code, 2);
    assert.strictEqual(da.stderr, 'referat-lint: intet referat passer til tom\n');
  });

  it('reports an unreadable .txt and an unreadable folder once each, lints the rest, exits 2', function () {
    const cannot = whyNoUnprivilegedRun();
    if (cannot) {
      console.log(`      (not run: ${cannot})`);
      this.skip();
    }
    fs.chmodSync(path.join(t.dir, 'referater', '2025', 'noter.txt'), 0o000);
    fs.chmodSync(path.join(t.dir, 'referater', 'udkast'), 0o000);
    try {
      const r = runCli(['--format', 'json', 'referater'], { cwd: t.dir, unprivileged: true });
      assert.strictEqual(r.code, 2);
      assert.strictEqual(
        r.stderr,
        'referat-lint: cannot read referater/2025/noter.txt: EACCES\nreferat-lint: cannot read the folder referater/udkast: EACCES\n',
      );
      assert.deepStrictEqual(linted(r.stdout), ['referater/2025/feb.txt', 'referater/2025/jan.txt', 'referater/apr.referat.md']);
    } finally {
      fs.chmodSync(path.join(t.dir, 'referater', 'udkast'), 0o755);
    }
  });

  it('names a file whose name is not UTF-8 in one message, escaped, and lints the rest', () => {
    const dir = Buffer.from(path.join(t.dir, 'referater') + path.sep);
    fs.writeFileSync(Buffer.concat([dir, Buffer.from([0x6d, 0xf8, 0x64, 0x65]), Buffer.from('.referat.txt')]), CLEAN);
    const r = runCli(['--format', 'json', 'referater'], { cwd: t.dir });
    assert.strictEqual(r.code, 2);
    assert.strictEqual(
      r.stderr,
      `referat-lint: ${path.join(t.dir, 'referater')}/m\\xf8de.referat.txt: the name is not valid UTF-8 and is skipped\n`.replace(
        `${t.dir}/`,
        '',
      ),
    );
    assert.strictEqual(linted(r.stdout).length, 4);
  });

  it('prints a file name with a newline escaped, so file:line:col stays one line', () => {
    writeTree(t.dir, { 'two\nlines.referat.md': WITH_SLIP });
    const r = runCli(['two\nlines.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(r.stdout.split('\n').slice(0, 2), [
      'two\\nlines.referat.md:15:9 warning item-numbering Item 22 should be numbered 21: 2 of 3 items follow the sequence from 20.',
      'two\\nlines.referat.md:17:1 error case-number-future The case number "27/311" is from 2027, after the meeting\'s year 2025.',
    ]);
    const json = runCli(['--format', 'json', 'two\nlines.referat.md'], { cwd: t.dir });
    assert.deepStrictEqual(linted(json.stdout), ['two\nlines.referat.md']);
  });
});
