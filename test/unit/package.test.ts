import * as assert from 'assert';
import { spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TestClient } from '../support/lsp';
import { repoRoot } from '../support/paths';
import { tempDir, WITH_SLIP } from './cli-run';

function sh(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
  assert.strictEqual(r.status, 0, `${cmd} ${args.join(' ')}: ${r.error ?? ''}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Bytes of every file below a folder, links not followed. */
function treeBytes(dir: string): number {
  let sum = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    sum += e.isDirectory() ? treeBytes(p) : fs.lstatSync(p).size;
  }
  return sum;
}

/** The npm package as `npm i referat` gets it: built by scripts/npm-package.mjs, packed, installed in a fresh project. */
describe('the npm package @slow', () => {
  let t: ReturnType<typeof tempDir>;
  let project: string;
  let installed: string;
  before(function () {
    this.timeout(600000);
    t = tempDir('referat-pack-');
    const staged = path.join(t.dir, 'staged');
    sh(process.execPath, [path.join(repoRoot(), 'scripts', 'npm-package.mjs'), '--out', staged], repoRoot());
    const packed = sh('npm', ['pack', staged, '--json', '--pack-destination', t.dir], t.dir);
    const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
    project = path.join(t.dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "reviewer", "version": "1.0.0", "private": true }\n');
    // --offline: the package has no dependency to fetch, so the install needs no registry at all.
    sh('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(t.dir, filename)], project);
    installed = path.join(project, 'node_modules', 'referat');
  });
  after(() => t?.remove());

  it('installs alone, in at most 20 MB', () => {
    const modules = fs.readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepStrictEqual(modules, ['referat']);
    const bytes = treeBytes(path.join(project, 'node_modules'));
    assert.ok(bytes <= 20 * 1024 * 1024, `${(bytes / 1024 / 1024).toFixed(1)} MB installed`);
  });

  it('npx referat-lint runs, on text, a glob and a PDF', function () {
    this.timeout(120000);
    const version = (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
    assert.strictEqual(sh('npx', ['--no-install', 'referat-lint', '--version'], project).stdout.trim(), version);
    fs.mkdirSync(path.join(project, 'referater'));
    fs.writeFileSync(path.join(project, 'referater', 'a.referat.md'), WITH_SLIP);
    fs.copyFileSync(path.join(repoRoot(), 'test', 'fixtures', 'formats', 'referat.pdf'), path.join(project, 'referater', 'b.pdf'));
    const r = spawnSync('npx', ['--no-install', 'referat-lint', '--lang', 'en', 'referater/*.md', 'referater/b.pdf'], {
      cwd: project,
      encoding: 'utf8',
    });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(
      r.stdout,
      /^referater\/a\.referat\.md:15:9 warning item-numbering Item 22 should be numbered 21: 2 of 3 items follow the sequence from 20\.$/m,
    );
    // pdf.js runs inside the bundle: the PDF's findings name their page.
    assert.match(r.stdout, /^referater\/b\.pdf:\d+:\d+ warning item-numbering .* \(page \d+\)$/m);
  });

  it('carries the bundles, the rule pages and the types, and none of the sources or tests', () => {
    for (const f of [
      'bin/referat-lint.js',
      'bin/referat-language-server.js',
      'lib/cli.js',
      'lib/cliWorker.js',
      'lib/api.js',
      'lib/server.js',
      'lib/extractWorker.js',
      'types/api.d.ts',
      'docs/rules/item-numbering.md',
      'schemas/referatrc.schema.json',
    ]) {
      assert.ok(fs.existsSync(path.join(installed, f)), f);
    }
    for (const f of ['server', 'test', 'client', 'out', 'dist', 'node_modules']) assert.ok(!fs.existsSync(path.join(installed, f)), f);
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.strictEqual(pkg.private, undefined);
    assert.strictEqual(pkg.dependencies, undefined);
    assert.ok(fs.existsSync(path.join(installed, pkg.main as string)), 'main');
  });

  it('referat-language-server answers over stdio and reports the slips', async function () {
    this.timeout(60000);
    const client = await TestClient.start({ server: path.join(installed, 'bin', 'referat-language-server.js') });
    try {
      const uri = 'file:///tmp/referat-test/a.referat.md';
      await client.open(uri, WITH_SLIP);
      const codes = (await client.diagnostics(uri)).items!.map((d) => d.code);
      assert.ok(codes.includes('item-numbering'), codes.join(', '));
    } finally {
      await client.stop();
    }
  });

  it('gives the Node API and its types: lint, fix and loadConfig', () => {
    fs.writeFileSync(path.join(project, 'a.referat.md'), WITH_SLIP);
    fs.writeFileSync(path.join(project, '.referatrc.json'), '{ "rules": { "case-number-future": "off" } }');
    const script = `
      const referat = require('referat');
      const text = require('fs').readFileSync('a.referat.md', 'utf8');
      const config = referat.loadConfig('a.referat.md');
      console.log(JSON.stringify({
        all: referat.lint(text).map((f) => f.rule),
        configured: referat.lint(text, { config }).map((f) => f.rule),
        byPath: referat.lint(text, { filePath: 'a.referat.md' }).map((f) => f.rule),
        fixed: referat.fix(text).fixed,
        files: config.files.length,
      }));`;
    const r = sh(process.execPath, ['-e', script], project);
    assert.deepStrictEqual(JSON.parse(r.stdout), {
      all: ['item-numbering', 'case-number-future'],
      configured: ['item-numbering'],
      byPath: ['item-numbering'],
      fixed: 1,
      files: 1,
    });
    // Files as the CLI finds them, published formats among them, and the rule list.
    const files = `
      const referat = require('referat');
      (async () => {
        const { results, problems } = await referat.lintFiles(['referater', 'nothing-*.md'], { lang: 'en' });
        const pdf = await referat.extractText('referater/b.pdf');
        const numbering = referat.rules.find((r) => r.id === 'item-numbering');
        console.log(JSON.stringify({
          results: results.map((r) => [r.file, r.format ?? null, r.findings.some((f) => f.rule === 'item-numbering'), r.findings.some((f) => f.fix)]),
          problems,
          pdf: [pdf.format, /Punkt|Beslutning/.test(pdf.text)],
          rule: [numbering.fixable, numbering.url, referat.rules.length > 10],
        }));
      })();`;
    assert.deepStrictEqual(JSON.parse(sh(process.execPath, ['-e', files], project).stdout), {
      results: [
        ['referater/a.referat.md', null, true, true],
        ['referater/b.pdf', 'pdf', true, false],
      ],
      problems: ['no referat matches nothing-*.md'],
      pdf: ['pdf', true],
      rule: [true, 'https://github.com/referat/referat/blob/main/docs/rules/item-numbering.md', true],
    });
    // A TypeScript user compiles against the shipped declarations, which name no package the user lacks.
    fs.writeFileSync(
      path.join(project, 'use.ts'),
      "import { lint, type Finding } from 'referat';\nconst findings: Finding[] = lint('');\nexport const rules: string[] = findings.map((f) => f.rule);\n",
    );
    const tsc = path.join(repoRoot(), 'node_modules', 'typescript', 'bin', 'tsc');
    const tsconfig = {
      compilerOptions: { strict: true, noEmit: true, module: 'node16', moduleResolution: 'node16', types: [] },
      files: ['use.ts'],
    };
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    sh(process.execPath, [tsc, '-p', '.'], project);
  });
});
