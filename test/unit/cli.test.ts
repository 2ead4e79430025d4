import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { collectFiles } from '../../server/src/files';
import { CLEAN, runCli, WITH_SLIP } from './cli-run';

/** Runs the built CLI; in English unless the arguments choose a language (Danish is its default). */
function run(args: string[], input?: string, cwd?: string): { code: number; stdout: string; stderr: string } {
  return runCli(args, { input, cwd });
}

describe('referat-lint (as a process)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-cli-'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'slip.referat.md'), WITH_SLIP);
    fs.writeFileSync(path.join(dir, 'sub', 'clean.referat.txt'), CLEAN);
    fs.writeFileSync(path.join(dir, 'sub', 'notes.md'), '# Noter\n\nIkke et referat.\n');
    fs.writeFileSync(path.join(dir, 'sub', 'looks-like.md'), CLEAN);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints file:line:col severity rule message and a summary, exit 1 on warnings', () => {
    const r = run([path.join(dir, 'slip.referat.md')]);
    assert.strictEqual(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepStrictEqual(
      lines.slice(0, -1).map((l) => l.replace(dir, 'D')),
      [
        'D/slip.referat.md:15:9 warning item-numbering Item 22 should be numbered 21: 2 of 3 items follow the sequence from 20.',
        'D/slip.referat.md:17:1 error case-number-future The case number "27/311" is from 2027, after the meeting\'s year 2025.',
      ],
    );
    assert.strictEqual(lines[lines.length - 1], '2 problems (1 error, 1 warning, 0 infos) in 1 file. 1 fixable with --fix.');
  });

  it('prints the JSON shape with 0-based positions', () => {
    const r = run(['--format', 'json', path.join(dir, 'slip.referat.md')]);
    assert.strictEqual(r.code, 1);
    const json = JSON.parse(r.stdout);
    assert.deepStrictEqual(json, [
      {
        file: path.join(dir, 'slip.referat.md'),
        diagnostics: [
          {
            rule: 'item-numbering',
            severity: 'warning',
            message: 'Item 22 should be numbered 21: 2 of 3 items follow the sequence from 20.',
            range: { start: { line: 14, character: 8 }, end: { line: 14, character: 10 } },
          },
          {
            rule: 'case-number-future',
            severity: 'error',
            message: 'The case number "27/311" is from 2027, after the meeting\'s year 2025.',
            range: { start: { line: 16, character: 0 }, end: { line: 16, character: 6 } },
          },
        ],
      },
    ]);
  });

  it('speaks Danish with --lang da', () => {
    const r = run(['--lang', 'da', path.join(dir, 'slip.referat.md')]);
    assert.match(r.stdout, /advarsel item-numbering Punkt 22 skulle have nummeret 21: 2 af 3 punkter følger rækken fra 20\./);
    assert.match(r.stdout, /2 fund \(1 fejl, 1 advarsel, 0 informationer\) i 1 fil\./);
  });

  it('walks directories for referater, and exits 0 when they are clean', () => {
    const r = run(['--format', 'json', path.join(dir, 'sub')]);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.deepStrictEqual(
      JSON.parse(r.stdout).map((f: { file: string }) => path.basename(f.file)),
      ['clean.referat.txt', 'looks-like.md'],
    );
  });

  it('reads standard input with -', () => {
    const r = run(['-'], WITH_SLIP);
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /^-:15:9 warning item-numbering/m);
  });

  it('dumps the model', () => {
    const r = run(['--dump-model', path.join(dir, 'slip.referat.md')]);
    assert.strictEqual(r.code, 0, r.stderr);
    const model = JSON.parse(r.stdout);
    assert.strictEqual(model.meeting.date, '2025-06-03');
    assert.deepStrictEqual(
      model.meeting.members.map((m: { name: string }) => m.name),
      ['Lars Vinther', 'Pia Kold'],
    );
    assert.deepStrictEqual(
      model.items.map((i: { number: number; line: number; title: string }) => [i.number, i.line, i.title]),
      [
        [20, 6, 'Vejplan 2026'],
        [22, 14, 'Cykelsti ved skolen'],
        [22, 22, 'Vintertjeneste'],
      ],
    );
    assert.strictEqual(model.items[0].decision.line, 10);
    assert.strictEqual(model.items[0].decision.date, '2025-06-03');
    assert.deepStrictEqual(
      model.items[1].caseNumbers.map((c: { text: string }) => c.text),
      ['27/311'],
    );
  });

  it('uses the nearest .referatrc.json, and --fix writes the fixes', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-fix-'));
    try {
      const file = path.join(d, 'a.referat.md');
      fs.writeFileSync(file, WITH_SLIP);
      fs.writeFileSync(path.join(d, '.referatrc.json'), '// only numbering\n{ "rules": { "case-number-future": "off" } }\n');
      assert.strictEqual(run([file]).stdout.includes('case-number-future'), false);
      const r = run(['--fix', file]);
      assert.strictEqual(r.code, 0, r.stdout);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), WITH_SLIP.replace('Punkt 22', 'Punkt 21'));
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  describe('with --jobs (worker threads over many files)', () => {
    let many: string;
    /** Forty referater, every fourth with a slip, in two folders: enough files for the workers. */
    before(() => {
      many = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-jobs-'));
      fs.mkdirSync(path.join(many, 'z'));
      for (let i = 0; i < 40; i++) {
        const year = 20 + (i % 5);
        const text = (i % 4 === 0 ? WITH_SLIP : CLEAN)
          .replace('25/310', `${year}/${1000 + i}`)
          .replace('Vejplan 2026', `Vejplan ${2026 + i}`);
        fs.writeFileSync(path.join(many, i < 25 ? '' : 'z', `m${String(i).padStart(2, '0')}.referat.md`), text);
      }
    });
    after(() => fs.rmSync(many, { recursive: true, force: true }));

    for (const args of [[], ['--format', 'json'], ['--lang', 'da']]) {
      it(`prints the same as in-process, byte for byte (${args.join(' ') || 'text'})`, () => {
        const parallel = run(['--jobs', '2', ...args, many]);
        const inProcess = run(['--jobs', '1', ...args, many]);
        assert.strictEqual(parallel.code, 1, parallel.stderr);
        assert.strictEqual(parallel.code, inProcess.code);
        assert.strictEqual(parallel.stderr, '');
        assert.strictEqual(parallel.stdout, inProcess.stdout);
        assert.match(parallel.stdout, /(40 files|40 filer)|m39\.referat\.md/);
      });
    }

    it('reports every unreadable file, lints the rest and exits 2, as in-process', () => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-jobs-bad-'));
      try {
        fs.cpSync(many, d, { recursive: true });
        fs.writeFileSync(path.join(d, 'm07.referat.md'), Buffer.from([0x50, 0x00, 0x01]));
        fs.writeFileSync(path.join(d, 'z', 'm30.referat.md'), Buffer.from([0x50, 0x00, 0x02]));
        const parallel = run(['--jobs', '2', d]);
        const inProcess = run(['--jobs', '1', d]);
        assert.strictEqual(parallel.code, 2);
        assert.strictEqual(
          parallel.stderr,
          `referat-lint: ${path.join(d, 'm07.referat.md')}: not a text file (it contains NUL bytes)\nreferat-lint: ${path.join(d, 'z', 'm30.referat.md')}: not a text file (it contains NUL bytes)\n`,
        );
        assert.match(parallel.stdout, /in 38 files\./);
        assert.deepStrictEqual(parallel, inProcess);
      } finally {
        fs.rmSync(d, { recursive: true, force: true });
      }
    });

    it('exits 2 on a bad config in a subfolder, as in-process', () => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-jobs-cfg-'));
      try {
        fs.cpSync(many, d, { recursive: true });
        fs.writeFileSync(path.join(d, 'z', '.referatrc.json'), '{ "rules": { "item-numbering": "loud" } }');
        const parallel = run(['--jobs', '2', d]);
        assert.strictEqual(parallel.code, 2);
        assert.match(parallel.stderr, /^referat-lint: bad config: .*\.referatrc\.json \(rules\.item-numbering\)/);
        assert.strictEqual(parallel.stderr.trim().split('\n').length, 1);
        assert.deepStrictEqual(parallel, run(['--jobs', '1', d]));
      } finally {
        fs.rmSync(d, { recursive: true, force: true });
      }
    });

    it('--fix writes the same files as in-process', () => {
      const a = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-jobs-fix-'));
      const b = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-jobs-fix-'));
      try {
        fs.cpSync(many, a, { recursive: true });
        fs.cpSync(many, b, { recursive: true });
        const parallel = run(['--jobs', '2', '--fix', a]);
        const inProcess = run(['--jobs', '1', '--fix', b]);
        assert.strictEqual(parallel.code, inProcess.code);
        assert.strictEqual(parallel.stdout.split(a).join('D'), inProcess.stdout.split(b).join('D'));
        const fixedFile = path.join('z', 'm28.referat.md');
        assert.strictEqual(fs.readFileSync(path.join(a, fixedFile), 'utf8'), fs.readFileSync(path.join(b, fixedFile), 'utf8'));
        assert.match(fs.readFileSync(path.join(a, fixedFile), 'utf8'), /Punkt 21/);
        for (const f of collectFiles([a]))
          assert.strictEqual(fs.readFileSync(f, 'utf8'), fs.readFileSync(path.join(b, path.relative(a, f)), 'utf8'), f);
      } finally {
        fs.rmSync(a, { recursive: true, force: true });
        fs.rmSync(b, { recursive: true, force: true });
      }
    });

    it('refuses a --jobs that is not a whole number from 1', () => {
      for (const bad of ['0', 'x', '-2', '1.5']) {
        const r = run(['--jobs', bad, many]);
        assert.strictEqual(r.code, 2);
        assert.match(r.stderr, /--jobs must be a whole number from 1/);
      }
    });
  });

  it('exits 2 with one line on stderr for bad usage, unreadable files and bad configs', () => {
    const usage = run(['--format', 'xml', 'x']);
    assert.strictEqual(usage.code, 2);
    assert.match(usage.stderr, /--format must be text, json, sarif, github, gitlab, junit, not "xml"/);
    const missing = run(['/no/such/file.referat']);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /cannot read \/no\/such\/file.referat/);
    const bin = path.join(dir, 'binary.referat');
    fs.writeFileSync(bin, Buffer.from([0x50, 0x00, 0x01, 0xff]));
    const binary = run([bin]);
    assert.strictEqual(binary.code, 2);
    assert.match(binary.stderr, /not a text file/);
    const cfg = path.join(dir, 'bad.json');
    fs.writeFileSync(cfg, '{ "rules": { "toc-mismatch": "loud" } }');
    const bad = run(['--config', cfg, path.join(dir, 'slip.referat.md')]);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /bad config: .*bad\.json \(rules\.toc-mismatch\)/);
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{ "rules": ');
    const b = run(['--config', broken, path.join(dir, 'slip.referat.md')]);
    assert.strictEqual(b.code, 2);
    assert.match(b.stderr, /Invalid JSON/);
    assert.strictEqual(b.stderr.trim().split('\n').length, 1);
  });
});
