import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ConfigLoader, readConfigFile } from '../../server/src/configFile';
import { ConfigResolver } from '../../server/src/lsp/settings';
import { URI } from 'vscode-uri';
import { runCli, tempDir, WITH_SLIP, writeTree } from './cli-run';

function rulesOf(r: { stdout: string }): string[] {
  return (JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ rule: string }> }>).flatMap((f) => f.diagnostics.map((d) => d.rule));
}

describe('configuration files that teams share', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir('referat-config-');
  });
  afterEach(() => t.remove());

  it('merges the files up the tree, nearest first', () => {
    writeTree(t.dir, {
      '.referatrc.json': '{ "rules": { "item-numbering": "off", "case-number-future": "warning" } }',
      'udvalg/.referatrc.json': '{ "rules": { "item-numbering": "error" } }',
      'udvalg/a.referat.md': WITH_SLIP,
    });
    const r = runCli(['--print-config', 'udvalg/a.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.code, 0, r.stderr);
    const shown = JSON.parse(r.stdout);
    assert.deepStrictEqual(shown.files, [path.join(t.dir, 'udvalg', '.referatrc.json'), path.join(t.dir, '.referatrc.json')]);
    assert.strictEqual(shown.rules['item-numbering'], 'error');
    assert.strictEqual(shown.rules['case-number-future'], 'warning');
    assert.strictEqual(shown.rules['missing-decision'], 'warning');
    const lint = runCli(['--format', 'json', 'udvalg/a.referat.md'], { cwd: t.dir });
    assert.deepStrictEqual(
      JSON.parse(lint.stdout)[0].diagnostics.map((d: { rule: string; severity: string }) => [d.rule, d.severity]),
      [
        ['item-numbering', 'error'],
        ['case-number-future', 'warning'],
      ],
    );
  });

  it('stops at "root": true and at the repository root (a folder with .git)', () => {
    writeTree(t.dir, {
      '.referatrc.json': '{ "rules": { "item-numbering": "off" } }',
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/a.referat.md': WITH_SLIP,
      'other/.referatrc.json': '{ "root": true, "rules": { "case-number-future": "off" } }',
      'other/b.referat.md': WITH_SLIP,
    });
    assert.deepStrictEqual(rulesOf(runCli(['--format', 'json', 'repo/a.referat.md'], { cwd: t.dir })), [
      'item-numbering',
      'case-number-future',
    ]);
    assert.deepStrictEqual(rulesOf(runCli(['--format', 'json', 'other/b.referat.md'], { cwd: t.dir })), ['item-numbering']);
  });

  it('does not search above the workspace folder in the editor', () => {
    writeTree(t.dir, { '.referatrc.json': '{ "rules": { "item-numbering": "off" } }', 'ws/a.referat.md': WITH_SLIP });
    const resolver = new ConfigResolver();
    const uri = URI.file(path.join(t.dir, 'ws', 'a.referat.md')).toString();
    assert.strictEqual(resolver.forUri(uri).config.rules['item-numbering'], 'off');
    resolver.setWorkspaceFolders([path.join(t.dir, 'ws')]);
    assert.strictEqual(resolver.forUri(uri).config.rules['item-numbering'], 'warning');
  });

  it('extends a file by path and the built-in presets referat:recommended and referat:strict', () => {
    writeTree(t.dir, {
      'shared/team.json':
        '{ "extends": "referat:strict", "rules": { "case-number-duplicate": "information" }, "totalLabels": ["Hovedtotal"] }',
      'a/.referatrc.json': '{ "extends": "../shared/team.json", "rules": { "item-numbering": "warning" } }',
      'b/.referatrc.json': '{ "extends": ["referat:recommended"] }',
      'c/.referatrc.json': '{ "extends": "referat:lenient" }',
      'd/.referatrc.json': '{ "extends": "./d.json" }',
      'd/d.json': '{ "extends": "./.referatrc.json" }',
    });
    const a = JSON.parse(runCli(['--print-config', 'a/x.referat.md'], { cwd: t.dir }).stdout);
    assert.strictEqual(a.rules['item-numbering'], 'warning');
    assert.strictEqual(a.rules['missing-decision'], 'error');
    assert.strictEqual(a.rules['case-number-duplicate'], 'information');
    assert.deepStrictEqual(a.totalLabels, ['Hovedtotal']);
    const b = JSON.parse(runCli(['--print-config', 'b/x.referat.md'], { cwd: t.dir }).stdout);
    assert.strictEqual(b.rules['missing-decision'], 'warning');
    const c = runCli(['--print-config', 'c/x.referat.md'], { cwd: t.dir });
    assert.strictEqual(c.code, 2);
    assert.match(c.stderr, /Unknown preset "referat:lenient" \(known: referat:recommended, referat:strict\)/);
    const d = runCli(['--print-config', 'd/x.referat.md'], { cwd: t.dir });
    assert.strictEqual(d.code, 2);
    assert.match(d.stderr, /"extends" makes a loop/);
  });

  it('refuses a configuration nested 100,000 deep with a message, and lints with the defaults', () => {
    const deep = '{ "rules": ' + '['.repeat(100000) + ']'.repeat(100000) + ' }';
    writeTree(t.dir, { '.referatrc.json': deep, 'a.referat.md': WITH_SLIP });
    const r = runCli(['--format', 'json', 'a.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.code, 2);
    assert.strictEqual(
      r.stderr,
      `referat-lint: bad config: ${path.join(t.dir, '.referatrc.json')}: The configuration is nested deeper than 32 levels (line 1) and is refused; the defaults are used.\n`,
    );
    assert.deepStrictEqual(rulesOf(r), ['item-numbering', 'case-number-future']);
    const { config, problems } = readConfigFile(path.join(t.dir, '.referatrc.json'));
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(config.rules['item-numbering'], 'warning');
  });

  it('refuses a "__proto__" key with a message, and the configuration stays the defaults', () => {
    writeTree(t.dir, {
      '.referatrc.json': '{ "__proto__": { "rules": { "item-numbering": "off" } }, "rules": { "case-number-future": "off" } }',
      'a.referat.md': WITH_SLIP,
    });
    const r = runCli(['--format', 'json', 'a.referat.md'], { cwd: t.dir });
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /The key "__proto__" \(line 1\) is not allowed; the configuration is refused and the defaults are used\./);
    assert.deepStrictEqual(rulesOf(r), ['item-numbering', 'case-number-future']);
    const nested = new ConfigLoader().forFile(path.join(t.dir, '.referatrc.json'));
    assert.strictEqual(Object.getPrototypeOf(nested.merged), Object.prototype);
    assert.strictEqual(nested.config.rules['item-numbering'], 'warning');
    fs.writeFileSync(path.join(t.dir, '.referatrc.json'), '{ "memberAliases": { "__proto__": ["x"] } }');
    assert.match(readConfigFile(path.join(t.dir, '.referatrc.json')).problems[0].message.en, /"__proto__"/);
  });
});
