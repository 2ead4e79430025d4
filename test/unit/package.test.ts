import * as assert from 'assert';
import { spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';
import { tempDir, WITH_SLIP } from './cli-run';

function sh(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  assert.strictEqual(r.status, 0, `${cmd} ${args.join(' ')}: ${r.error ?? ''}\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe('the npm package', () => {
  let t: ReturnType<typeof tempDir>;
  let project: string;
  before(function () {
    this.timeout(600000);
    t = tempDir('referat-pack-');
    // npm test has just built out/; prepack would build it again (with declarations) for a real release.
    const packed = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', t.dir], repoRoot());
    const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
    project = path.join(t.dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "reviewer", "version": "1.0.0", "private": true }\n');
    sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(t.dir, filename)], project);
  });
  after(() => t?.remove());

  it('installs from the packed tarball, and npx referat-lint runs', function () {
    this.timeout(120000);
    const version = (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
    assert.strictEqual(sh('npx', ['--no-install', 'referat-lint', '--version'], project).stdout.trim(), version);
    fs.writeFileSync(path.join(project, 'a.referat.md'), WITH_SLIP);
    const r = spawnSync('npx', ['--no-install', 'referat-lint', '--lang', 'en', 'a.referat.md'], { cwd: project, encoding: 'utf8' });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /^a\.referat\.md:15:9 warning item-numbering Item 22 should be numbered 21: 2 of 3 items follow the sequence from 20\.$/m);
  });

  it('carries the built CLI and rule pages, and none of the sources or tests', () => {
    const root = path.join(project, 'node_modules', 'referat');
    for (const f of ['bin/referat-lint.js', 'out/server/src/cli.js', 'out/server/src/api.js', 'docs/rules/item-numbering.md', 'package.json']) assert.ok(fs.existsSync(path.join(root, f)), f);
    for (const f of ['server', 'test', 'client', 'out/test', 'out/client']) assert.ok(!fs.existsSync(path.join(root, f)), f);
  });

  it('gives the Node API: lint, fix and loadConfig', () => {
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
    assert.deepStrictEqual(JSON.parse(r.stdout), { all: ['item-numbering', 'case-number-future'], configured: ['item-numbering'], byPath: ['item-numbering'], fixed: 1, files: 1 });
  });
});
