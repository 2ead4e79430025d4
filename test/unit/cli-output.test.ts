import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';
import { RULES } from '../../server/src/rules';
import { lint } from '../../server/src/api';
import { summaryLine, type Totals } from '../../server/src/cliFormat';
import { DOMParser } from '@xmldom/xmldom';
import { CLEAN, runCli, tempDir, WITH_SLIP, writeTree } from './cli-run';

/** sax (with @vscode/vsce) in strict mode: what it finds wrong with a text as XML (nothing when well-formed). */
function xmlErrors(xml: string): string[] {
  interface SaxParser {
    onerror: (e: Error) => void;
    error: Error | null;
    resume(): void;
    write(s: string): SaxParser;
    close(): void;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sax = require('sax') as { parser(strict: boolean): SaxParser };
  const parser = sax.parser(true);
  const errors: string[] = [];
  parser.onerror = (e) => {
    errors.push(e.message.split('\n')[0]);
    parser.error = null;
    parser.resume();
  };
  parser.write(xml).close();
  return errors;
}

/** Only the numbering gap: one fixable warning and nothing else. */
const ONE_WARNING = CLEAN.replace('Punkt 21', 'Punkt 22');
/** The gap's message in English, as the engine words it. */
const NUMBERING = lint(ONE_WARNING)[0].message.en;

/** Microsoft's SARIF Multitool from devDependencies: its `validate` findings for a SARIF file (none when valid). */
function multitoolFindings(sarifFile: string, outFile: string): Array<{ ruleId: string; message: { arguments?: string[] } }> {
  const bin = path.join(repoRoot(), 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');
  // npm leaves the platform binary without its execute bit when install scripts are not allowed.
  if (fs.existsSync(bin) && (fs.statSync(bin).mode & 0o100) === 0) fs.chmodSync(bin, 0o755);
  const r = spawnSync(bin, ['validate', sarifFile, '--output', outFile], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
  });
  assert.strictEqual(r.status, 0, `Multitool failed: ${r.error ?? ''} ${r.stdout} ${r.stderr}`);
  const log = JSON.parse(fs.readFileSync(outFile, 'utf8').replace(/^\uFEFF/, ''));
  return log.runs[0].results ?? [];
}

describe('referat-lint output formats and exit codes', () => {
  let t: ReturnType<typeof tempDir>;
  before(() => {
    t = tempDir('referat-out-');
    writeTree(t.dir, { 'slip.referat.md': WITH_SLIP, 'warn.referat.md': ONE_WARNING, 'clean.referat.md': CLEAN });
  });
  after(() => t.remove());

  it('--format sarif writes SARIF 2.1.0 that the SARIF Multitool validates, with rules, regions and fixes @slow', function () {
    this.timeout(120000);
    const r = runCli(['--format', 'sarif', 'slip.referat.md', 'clean.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.strictEqual(log.version, '2.1.0');
    const driver = log.runs[0].tool.driver;
    for (const rule of RULES) {
      const entry = driver.rules.find((x: { id: string }) => x.id === rule.id);
      assert.ok(entry, rule.id);
      assert.strictEqual(entry.shortDescription.text, rule.description.en);
      // The link works on the machine that reads the report: the page in the published repository, which this checkout holds.
      const page = /^https:\/\/github\.com\/referat\/referat\/blob\/main\/(docs\/rules\/[a-z-]+\.md)$/.exec(entry.helpUri);
      assert.ok(page && fs.existsSync(path.join(repoRoot(), page[1])), entry.helpUri);
    }
    const results = log.runs[0].results;
    assert.deepStrictEqual(
      results.map(
        (x: {
          ruleId: string;
          level: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: object } }>;
        }) => [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region],
      ),
      [
        ['item-numbering', 'warning', 'slip.referat.md', { startLine: 15, startColumn: 9, endLine: 15, endColumn: 11 }],
        ['case-number-future', 'error', 'slip.referat.md', { startLine: 17, startColumn: 1, endLine: 17, endColumn: 7 }],
      ],
    );
    assert.deepStrictEqual(results[0].fixes[0].artifactChanges[0].replacements, [
      { deletedRegion: { startLine: 15, startColumn: 9, endLine: 15, endColumn: 11 }, insertedContent: { text: '21' } },
    ]);
    assert.strictEqual(driver.rules[results[0].ruleIndex].id, 'item-numbering');
    const file = path.join(t.dir, 'out.sarif');
    fs.writeFileSync(file, r.stdout);
    assert.deepStrictEqual(multitoolFindings(file, path.join(t.dir, 'validation-good.sarif')), []);
    // The validator does find faults: a region starting at line 0 is one.
    fs.writeFileSync(file, r.stdout.replace('"startLine":15', '"startLine":0'));
    assert.ok(
      multitoolFindings(file, path.join(t.dir, 'validation-bad.sarif')).some((f) => f.message.arguments?.[0]?.endsWith('region.startLine')),
    );
  });

  it('--format github writes workflow-command annotations', () => {
    const r = runCli(['--format', 'github', 'slip.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.code, 1);
    assert.deepStrictEqual(r.stdout.trim().split('\n').slice(0, 2), [
      '::warning file=slip.referat.md,line=15,col=9,endLine=15,endColumn=11,title=item-numbering::Item 22 should be numbered 21: 2 of 3 items follow the sequence from 20.',
      '::error file=slip.referat.md,line=17,col=1,endLine=17,endColumn=7,title=case-number-future::The case number "27/311" is from 2027, after the meeting\'s year 2025.',
    ]);
  });

  it('--format github ends with a summary annotation, which says when GitHub shows only ten of a kind', () => {
    const r = runCli(['--format', 'github', 'slip.referat.md'], { cwd: t.dir });
    const lines = r.stdout.trim().split('\n');
    assert.strictEqual(lines.length, 3);
    assert.strictEqual(lines[2], '::notice title=referat-lint::2 problems (1 error, 1 warning, 0 infos) in 1 file. 1 fixable with --fix.');
    const d = tempDir('referat-annotations-');
    try {
      const files = Array.from({ length: 12 }, (_, i) => `r${String(i).padStart(2, '0')}.referat.md`);
      for (const f of files) writeTree(d.dir, { [f]: ONE_WARNING });
      const many = runCli(['--format', 'github', '--max-warnings', '20', '.'], { cwd: d.dir });
      const out = many.stdout.trim().split('\n');
      assert.strictEqual(out.filter((l) => l.startsWith('::warning ')).length, 12);
      assert.strictEqual(
        out[out.length - 1],
        "::notice title=referat-lint::12 problems (0 errors, 12 warnings, 0 infos) in 12 files. 12 fixable with --fix. GitHub shows 10 annotations of each kind per step: 10 of the 12 warnings are annotated; every finding is in this step's log.",
      );
      const da = runCli(['--lang', 'da', '--format', 'github', '--max-warnings', '20', '.'], { cwd: d.dir }).stdout.trim().split('\n');
      assert.strictEqual(
        da[da.length - 1],
        '::notice title=referat-lint::12 fund (0 fejl, 12 advarsler, 0 informationer) i 12 filer. 12 kan rettes med --fix. GitHub viser 10 anmærkninger af hver slags pr. trin: 10 af de 12 advarsler er vist; alle fund står i trinnets log.',
      );
    } finally {
      d.remove();
    }
  });

  it('--format gitlab writes GitLab Code Quality issues, one per finding, with a fingerprint each', () => {
    const r = runCli(['--format', 'gitlab', 'slip.referat.md', 'warn.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.code, 1);
    const issues = JSON.parse(r.stdout) as Array<{
      description: string;
      check_name: string;
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }>;
    assert.deepStrictEqual(
      issues.map(({ fingerprint: _f, ...i }) => i),
      [
        {
          description: NUMBERING,
          check_name: 'item-numbering',
          severity: 'minor',
          location: { path: 'slip.referat.md', lines: { begin: 15 } },
        },
        {
          description: 'The case number "27/311" is from 2027, after the meeting\'s year 2025.',
          check_name: 'case-number-future',
          severity: 'major',
          location: { path: 'slip.referat.md', lines: { begin: 17 } },
        },
        {
          description: NUMBERING,
          check_name: 'item-numbering',
          severity: 'minor',
          location: { path: 'warn.referat.md', lines: { begin: 15 } },
        },
      ],
    );
    assert.strictEqual(new Set(issues.map((i) => i.fingerprint)).size, 3);
    assert.deepStrictEqual(
      JSON.parse(runCli(['--format', 'gitlab', 'slip.referat.md', 'warn.referat.md'], { cwd: t.dir }).stdout),
      issues,
      'the same fingerprints on every run',
    );
    assert.deepStrictEqual(JSON.parse(runCli(['--format', 'gitlab', 'clean.referat.md'], { cwd: t.dir }).stdout), []);
  });

  it('--format junit writes a test suite per file and a failing test per finding, escaped as XML', () => {
    const d = tempDir('referat-junit-');
    try {
      // A file name with the characters XML must escape, and a control character it cannot hold at all.
      writeTree(d.dir, { 'a <&> "b"\u0001.referat.md': WITH_SLIP, 'clean.referat.md': CLEAN });
      const r = runCli(['--format', 'junit', '.'], { cwd: d.dir });
      assert.strictEqual(r.code, 1);
      assert.deepStrictEqual(xmlErrors(r.stdout), []);
      // The strict parser does object to XML that is not well-formed: an ampersand left bare is one.
      assert.notDeepStrictEqual(xmlErrors(r.stdout.replace('&amp;', '&')), []);
      const doc = new DOMParser().parseFromString(r.stdout, 'text/xml');
      const suites = Array.from(doc.getElementsByTagName('testsuite'));
      assert.deepStrictEqual(
        suites.map((s) => [s.getAttribute('name'), s.getAttribute('tests'), s.getAttribute('failures')]),
        [
          ['a <&> "b"\ufffd.referat.md', '2', '2'],
          ['clean.referat.md', '1', '0'],
        ],
      );
      const failures = Array.from(suites[0].getElementsByTagName('failure'));
      assert.deepStrictEqual(
        failures.map((f) => f.getAttribute('type')),
        ['item-numbering', 'case-number-future'],
      );
      assert.strictEqual(failures[0].textContent, `a <&> "b"\ufffd.referat.md:15:9 warning item-numbering ${NUMBERING}`);
      assert.strictEqual(suites[1].getElementsByTagName('testcase').length, 1);
      assert.strictEqual(suites[1].getElementsByTagName('failure').length, 0);
    } finally {
      d.remove();
    }
  });

  it('orders files by path in code-point order, whatever the locale', () => {
    const d = tempDir('referat-order-');
    try {
      for (const name of ['a.referat.md', 'B.referat.md', 'Æble.referat.md', 'z.referat.md', 'Zeta.referat.md'])
        writeTree(d.dir, { [name]: CLEAN });
      const r = runCli(['--format', 'json', '.'], { cwd: d.dir, env: { LC_ALL: 'da_DK.UTF-8' } });
      assert.deepStrictEqual(
        JSON.parse(r.stdout).map((f: { file: string }) => f.file),
        ['B.referat.md', 'Zeta.referat.md', 'a.referat.md', 'z.referat.md', 'Æble.referat.md'],
      );
    } finally {
      d.remove();
    }
  });

  it('counts fixable findings in the summary, and --fix says how many it fixed in how many files', () => {
    const d = tempDir('referat-fixcount-');
    try {
      writeTree(d.dir, { 'a.referat.md': WITH_SLIP, 'b.referat.md': ONE_WARNING, 'c.referat.md': CLEAN });
      const before = runCli(['.'], { cwd: d.dir });
      assert.match(before.stdout, /^3 problems \(1 error, 2 warnings, 0 infos\) in 3 files\. 2 fixable with --fix\.$/m);
      const fixed = runCli(['--fix', '.'], { cwd: d.dir });
      assert.match(fixed.stdout, /^Fixed 2 problems in 2 files\.\n1 problem \(1 error, 0 warnings, 0 infos\) in 3 files\.$/m);
      const da = runCli(['--lang', 'da', '.'], { cwd: d.dir });
      assert.match(da.stdout, /^1 fund \(1 fejl, 0 advarsler, 0 informationer\) i 3 filer\.$/m);
    } finally {
      d.remove();
    }
  });

  it('--max-warnings N fails only above N warnings; an error always fails', () => {
    assert.strictEqual(runCli(['warn.referat.md'], { cwd: t.dir }).code, 1);
    assert.strictEqual(runCli(['--max-warnings', '1', 'warn.referat.md'], { cwd: t.dir }).code, 0);
    assert.strictEqual(runCli(['--max-warnings', '0', 'warn.referat.md'], { cwd: t.dir }).code, 1);
    assert.strictEqual(runCli(['--max-warnings', '5', 'slip.referat.md'], { cwd: t.dir }).code, 1);
    const bad = runCli(['--max-warnings', 'many', 'warn.referat.md'], { cwd: t.dir });
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--max-warnings must be a whole number from 0/);
  });

  it('says on stderr when the warnings alone fail the run, and only then', () => {
    const d = tempDir('referat-maxwarn-');
    try {
      writeTree(d.dir, {
        'a.referat.md': ONE_WARNING,
        'b.referat.md': ONE_WARNING,
        'c.referat.md': ONE_WARNING,
        'slip.referat.md': WITH_SLIP,
      });
      const over = runCli(['--max-warnings', '2', 'a.referat.md', 'b.referat.md', 'c.referat.md'], { cwd: d.dir });
      assert.strictEqual(over.code, 1);
      assert.strictEqual(over.stderr, 'referat-lint: 3 warnings, more than --max-warnings 2 allows.\n');
      const da = runCli(['--lang', 'da', '--max-warnings', '2', 'a.referat.md', 'b.referat.md', 'c.referat.md'], { cwd: d.dir });
      assert.strictEqual(da.stderr, 'referat-lint: 3 advarsler, flere end --max-warnings 2 tillader.\n');
      const one = runCli(['--lang', 'da', 'a.referat.md'], { cwd: d.dir });
      assert.strictEqual(one.code, 1);
      assert.strictEqual(one.stderr, 'referat-lint: 1 advarsel, flere end --max-warnings 0 tillader (standard).\n');
      assert.strictEqual(runCli(['--max-warnings', '3', 'a.referat.md', 'b.referat.md', 'c.referat.md'], { cwd: d.dir }).stderr, '');
      // An error fails the run by itself: the warnings are not its reason.
      assert.strictEqual(runCli(['slip.referat.md', 'a.referat.md'], { cwd: d.dir }).stderr, '');
    } finally {
      d.remove();
    }
  });

  it('the summary says one as one and many as many, for every word in both languages', () => {
    const totals = (error: number, warning: number, information: number, files: number, fixable: number): Totals => ({
      counts: { error, warning, information, hint: 0 },
      fixable,
      files,
      fixed: 0,
      fixedFiles: 0,
    });
    assert.strictEqual(
      summaryLine(totals(1, 1, 1, 1, 1), 'en'),
      '3 problems (1 error, 1 warning, 1 info) in 1 file. 1 fixable with --fix.\n',
    );
    assert.strictEqual(summaryLine(totals(0, 1, 0, 1, 0), 'en'), '1 problem (0 errors, 1 warning, 0 infos) in 1 file.\n');
    assert.strictEqual(summaryLine(totals(2, 2, 2, 2, 0), 'en'), '6 problems (2 errors, 2 warnings, 2 infos) in 2 files.\n');
    assert.strictEqual(
      summaryLine(totals(1, 1, 1, 1, 1), 'da'),
      '3 fund (1 fejl, 1 advarsel, 1 information) i 1 fil. 1 kan rettes med --fix.\n',
    );
    assert.strictEqual(summaryLine(totals(2, 2, 2, 2, 0), 'da'), '6 fund (2 fejl, 2 advarsler, 2 informationer) i 2 filer.\n');
    assert.strictEqual(summaryLine(totals(0, 0, 0, 0, 0), 'da'), '0 fund (0 fejl, 0 advarsler, 0 informationer) i 0 filer.\n');
  });

  it('--quiet reports errors only, and warnings alone then pass', () => {
    const r = runCli(['--quiet', 'slip.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.code, 1);
    assert.deepStrictEqual(r.stdout.trim().split('\n'), [
      'slip.referat.md:17:1 error case-number-future The case number "27/311" is from 2027, after the meeting\'s year 2025.',
      '1 problem (1 error, 0 warnings, 0 infos) in 1 file.',
    ]);
    assert.strictEqual(runCli(['--quiet', 'warn.referat.md'], { cwd: t.dir }).code, 0);
  });

  it('--fix-dry-run prints a unified diff that patch applies, and writes nothing', () => {
    const d = tempDir('referat-dry-');
    try {
      writeTree(d.dir, { 'a.referat.md': WITH_SLIP });
      const r = runCli(['--fix-dry-run', 'a.referat.md'], { cwd: d.dir });
      assert.strictEqual(fs.readFileSync(path.join(d.dir, 'a.referat.md'), 'utf8'), WITH_SLIP);
      assert.match(r.stdout, /^--- a\.referat\.md$/m);
      assert.match(r.stdout, /^-# Punkt 22: Cykelsti ved skolen\n\+# Punkt 21: Cykelsti ved skolen$/m);
      assert.match(r.stderr, /Would fix 1 problem in 1 file\./);
      assert.strictEqual(r.code, 1, 'the case number from 2027 stays');
      const patch = spawnSync('patch', ['-p0', '--dry-run'], { cwd: d.dir, input: r.stdout, encoding: 'utf8' });
      if (patch.error) return; // no patch(1) on this machine: the diff was checked above
      assert.strictEqual(patch.status, 0, patch.stdout + patch.stderr);
    } finally {
      d.remove();
    }
  });

  it('reads standard input as --stdin-filename NAME, with the configuration of its folder', () => {
    const d = tempDir('referat-stdin-');
    try {
      writeTree(d.dir, { 'sub/.referatrc.json': '{ "rules": { "case-number-future": "off" } }' });
      const r = runCli(['--stdin-filename', 'sub/new.referat.md', '-'], { cwd: d.dir, input: WITH_SLIP });
      assert.strictEqual(r.code, 1, r.stderr);
      assert.deepStrictEqual(r.stdout.trim().split('\n'), [
        'sub/new.referat.md:15:9 warning item-numbering Item 22 should be numbered 21: 2 of 3 items follow the sequence from 20.',
        '1 problem (0 errors, 1 warning, 0 infos) in 1 file. 1 fixable with --fix.',
      ]);
    } finally {
      d.remove();
    }
  });

  it('--fix on standard input prints the fixed text, and the report on stderr', () => {
    const r = runCli(['--fix', '-'], { input: WITH_SLIP, cwd: t.dir });
    assert.strictEqual(r.stdout, WITH_SLIP.replace('Punkt 22', 'Punkt 21'));
    assert.match(r.stderr, /-:17:1 error case-number-future/);
    assert.strictEqual(r.code, 1);
    const clean = runCli(['--fix', '-'], { input: CLEAN, cwd: t.dir });
    assert.strictEqual(clean.stdout, CLEAN);
    assert.strictEqual(clean.code, 0);
  });

  it('speaks Danish by default whatever LANG says, and English with --lang en', () => {
    const da = runCli(['slip.referat.md'], { cwd: t.dir, defaultLang: true, env: { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' } });
    assert.match(
      da.stdout,
      /slip\.referat\.md:15:9 advarsel item-numbering Punkt 22 skulle have nummeret 21: 2 af 3 punkter følger rækken fra 20\./,
    );
    const usage = runCli(['--format', 'xml', 'x'], { defaultLang: true });
    assert.match(usage.stderr, /--format skal være text, json, sarif, github/);
    const en = runCli(['--lang', 'en', 'slip.referat.md'], { cwd: t.dir });
    assert.match(en.stdout, /warning item-numbering Item 22 should be numbered 21/);
  });

  it('documents every flag in --help and in the README', () => {
    const help = runCli(['--help']).stdout;
    const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
    for (const flag of [
      '--format',
      '--config',
      '--lang',
      '--fix',
      '--fix-dry-run',
      '--max-warnings',
      '--quiet',
      '--report-unused-disables',
      '--stdin-filename',
      '--no-ignore',
      '--cache',
      '--cache-location',
      '--jobs',
      '--print-config',
      '--dump-model',
      '--version',
    ]) {
      assert.ok(help.includes(flag), `--help lacks ${flag}`);
      assert.ok(readme.includes(flag), `README lacks ${flag}`);
    }
  });
});
