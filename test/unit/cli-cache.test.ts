import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';
import { lint } from '../../server/src/api';
import { CLEAN, runCli, tempDir, WITH_SLIP, writeTree } from './cli-run';

interface CacheData {
  tool: string;
  version: string;
  files: Record<string, { key: string; findings: Array<{ rule: string; message: { da: string; en: string } }> }>;
}

const readCache = (file: string): CacheData => JSON.parse(fs.readFileSync(file, 'utf8')) as CacheData;

/** Rewrites every cached message of `file`: a run that prints the new words took its findings from the cache. */
function tamper(cacheFile: string, file: string, words: string, change: (data: CacheData) => void = () => undefined): void {
  const data = readCache(cacheFile);
  for (const f of data.files[file].findings) f.message.en = words;
  change(data);
  fs.writeFileSync(cacheFile, JSON.stringify(data));
}

describe('--cache', () => {
  let t: { dir: string; remove: () => void };
  let cacheFile: string;
  beforeEach(() => {
    t = tempDir('referat-cache-');
    writeTree(t.dir, { 'a.referat.md': WITH_SLIP, 'b.referat.md': CLEAN.replace('Punkt 21', 'Punkt 22') });
    cacheFile = path.join(t.dir, '.referatcache');
  });
  afterEach(() => t.remove());

  it("writes .referatcache in the working folder, and takes an unchanged file's findings from it", () => {
    const plain = runCli(['.'], { cwd: t.dir });
    const first = runCli(['--cache', '.'], { cwd: t.dir });
    assert.strictEqual(first.stdout, plain.stdout);
    assert.strictEqual(first.stderr, '');
    const data = readCache(cacheFile);
    assert.strictEqual(data.tool, 'referat-lint');
    assert.deepStrictEqual(Object.keys(data.files).sort(), [path.join(t.dir, 'a.referat.md'), path.join(t.dir, 'b.referat.md')]);
    assert.strictEqual(runCli(['--cache', '.'], { cwd: t.dir }).stdout, plain.stdout);
    tamper(cacheFile, path.join(t.dir, 'a.referat.md'), 'from the cache');
    const second = runCli(['--cache', '.'], { cwd: t.dir });
    assert.match(second.stdout, /^a\.referat\.md:17:1 error case-number-future from the cache$/m);
    assert.strictEqual(second.code, 1);
    // Without --cache, and with --fix, the cache is neither read nor written.
    assert.strictEqual(runCli(['.'], { cwd: t.dir }).stdout, plain.stdout);
    const before = fs.readFileSync(cacheFile, 'utf8');
    const dry = runCli(['--cache', '--fix-dry-run', '.'], { cwd: t.dir });
    assert.match(dry.stderr, /^referat-lint: --cache is not used with --fix and --fix-dry-run$/m);
    assert.match(dry.stdout, /^\+# Punkt 21/m);
    assert.strictEqual(fs.readFileSync(cacheFile, 'utf8'), before);
  });

  it('lints again a file whose text changed, and every file when the configuration or the tool version changed', () => {
    runCli(['--cache', '.'], { cwd: t.dir });
    tamper(cacheFile, path.join(t.dir, 'a.referat.md'), 'from the cache');
    tamper(cacheFile, path.join(t.dir, 'b.referat.md'), 'from the cache');
    fs.writeFileSync(path.join(t.dir, 'a.referat.md'), WITH_SLIP.replace('Godkendt.', 'Godkendt uden bemærkninger.'));
    const edited = runCli(['--cache', '.'], { cwd: t.dir });
    assert.match(edited.stdout, /^a\.referat\.md:17:1 error case-number-future The case number "27\/311" is from 2027/m);
    assert.match(edited.stdout, /^b\.referat\.md:15:9 warning item-numbering from the cache$/m);

    fs.writeFileSync(path.join(t.dir, '.referatrc.json'), JSON.stringify({ rules: { 'case-number-future': 'off' } }));
    const configured = runCli(['--cache', '.'], { cwd: t.dir });
    assert.deepStrictEqual(
      configured.stdout.split('\n').filter((l) => l.includes('.referat.md:')),
      [
        `a.referat.md:15:9 warning item-numbering ${lint(WITH_SLIP)[0].message.en}`,
        `b.referat.md:15:9 warning item-numbering ${lint(WITH_SLIP)[0].message.en}`,
      ],
    );

    tamper(cacheFile, path.join(t.dir, 'b.referat.md'), 'from an older version', (data) => {
      data.version = '0.0.1';
    });
    assert.doesNotMatch(runCli(['--cache', '.'], { cwd: t.dir }).stdout, /older version/);
  });

  it('an option that changes findings is part of the key; --quiet is applied to cached findings', () => {
    runCli(['--cache', '.'], { cwd: t.dir });
    fs.writeFileSync(path.join(t.dir, 'a.referat.md'), '<!-- referat-disable-file toc-mismatch -->\n' + WITH_SLIP);
    runCli(['--cache', '.'], { cwd: t.dir });
    const unused = runCli(['--cache', '--report-unused-disables', '.'], { cwd: t.dir });
    assert.match(unused.stdout, /a\.referat\.md:1:1 warning unused-disable/);
    const quiet = runCli(['--cache', '--quiet', '.'], { cwd: t.dir });
    assert.deepStrictEqual(
      quiet.stdout.split('\n').filter((l) => l.includes('.referat.md:')),
      ['a.referat.md:18:1 error case-number-future The case number "27/311" is from 2027, after the meeting\'s year 2025.'],
    );
  });

  it('--cache-location names the file or, ending in /, the folder; the cache is written by a rename, leaving nothing beside it', () => {
    fs.mkdirSync(path.join(t.dir, 'tmp'));
    runCli(['--cache', '--cache-location', 'tmp/', '.'], { cwd: t.dir });
    assert.deepStrictEqual(fs.readdirSync(path.join(t.dir, 'tmp')), ['.referatcache']);
    runCli(['--cache', '--cache-location', 'tmp/lint.cache', '.'], { cwd: t.dir });
    assert.deepStrictEqual(fs.readdirSync(path.join(t.dir, 'tmp')).sort(), ['.referatcache', 'lint.cache']);
    assert.ok(!fs.existsSync(cacheFile));
    // A link at the location is not followed: neither it nor what it leads to is read or written.
    fs.writeFileSync(path.join(t.dir, 'elsewhere.json'), '{"tool":"referat-lint","version":"0.0.1","files":{}}');
    fs.symlinkSync(path.join(t.dir, 'elsewhere.json'), path.join(t.dir, 'tmp', 'linked.cache'));
    const linked = runCli(['--cache', '--cache-location', 'tmp/linked.cache', '.'], { cwd: t.dir });
    assert.match(linked.stderr, /the cache file .*linked\.cache cannot be read \(ELOOP\) and is not used/);
    assert.strictEqual(fs.readFileSync(path.join(t.dir, 'elsewhere.json'), 'utf8'), '{"tool":"referat-lint","version":"0.0.1","files":{}}');
    assert.ok(fs.lstatSync(path.join(t.dir, 'tmp', 'linked.cache')).isSymbolicLink());
    assert.deepStrictEqual(fs.readdirSync(path.join(t.dir, 'tmp')).sort(), ['.referatcache', 'linked.cache', 'lint.cache']);
  });

  it('a broken cache file is ignored with a notice and replaced; a file that is no cache is not overwritten', () => {
    const plain = runCli(['.'], { cwd: t.dir });
    fs.writeFileSync(cacheFile, '{"tool":"referat-lint","version":"0.1.0","files":{"x":');
    const broken = runCli(['--cache', '.'], { cwd: t.dir });
    assert.strictEqual(broken.stdout, plain.stdout);
    assert.strictEqual(
      broken.stderr,
      'referat-lint: the cache file .referatcache is not a valid referat-lint cache and is not used; it is replaced\n'.replace(
        '.referatcache',
        cacheFile,
      ),
    );
    assert.strictEqual(readCache(cacheFile).tool, 'referat-lint');
    fs.writeFileSync(path.join(t.dir, 'notes.md'), '# Noter\n');
    const foreign = runCli(['--cache', '--cache-location', 'notes.md', 'a.referat.md'], { cwd: t.dir });
    assert.match(foreign.stderr, /notes\.md is not a valid referat-lint cache and is not used and is not overwritten/);
    assert.strictEqual(fs.readFileSync(path.join(t.dir, 'notes.md'), 'utf8'), '# Noter\n');
  });

  it("gives the same output in worker threads, and keeps a PDF's pages", () => {
    fs.copyFileSync(path.join(repoRoot(), 'test', 'fixtures', 'formats', 'referat.pdf'), path.join(t.dir, 'referat.pdf'));
    const plain = runCli(['--jobs', '1', '.', 'referat.pdf'], { cwd: t.dir });
    assert.match(plain.stdout, /\(page \d+\)$/m);
    runCli(['--cache', '--jobs', '1', '.', 'referat.pdf'], { cwd: t.dir });
    assert.strictEqual(runCli(['--cache', '--jobs', '1', '.', 'referat.pdf'], { cwd: t.dir }).stdout, plain.stdout);
    tamper(cacheFile, path.join(t.dir, 'a.referat.md'), 'from the cache');
    const threaded = runCli(['--cache', '--jobs', '3', '.', 'referat.pdf'], { cwd: t.dir });
    assert.match(threaded.stdout, /^a\.referat\.md:17:1 error case-number-future from the cache$/m);
    const others = (out: string): string[] => out.split('\n').filter((l) => !l.startsWith('a.referat.md:'));
    assert.deepStrictEqual(others(threaded.stdout), others(plain.stdout));
  });
});
