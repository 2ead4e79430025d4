import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, FoldingRange } from 'vscode-languageserver-protocol';
import { TestClient } from '../support/lsp';
import { repoRoot } from '../support/paths';

/** What the editor asked of the server in issue 17: Danish unless told otherwise, folder settings, folds. */

const SLIPS = fs.readFileSync(path.join(repoRoot(), 'examples', 'med-fejl.referat.md'), 'utf8');
const rulesOf = (items: readonly Diagnostic[]): string[] => [...new Set(items.map((d) => String(d.code)))].sort();

describe('language server: the editor of issue 17', function () {
  this.timeout(60000);

  it('speaks Danish to an editor that names no language or another one than English, with Danish rule pages', async () => {
    for (const locale of ['', 'de']) {
      const client = await TestClient.start({ locale });
      const u = 'file:///tmp/referat-test/da.referat.md';
      await client.open(u, SLIPS);
      const sum = (await client.diagnostics(u)).items!.find((d) => d.code === 'table-sum-mismatch')!;
      assert.strictEqual(sum.message, '"I alt" er 8,3, men summen af de 3 rækker er 8,8.', `locale "${locale}"`);
      assert.match(sum.codeDescription!.href, /\/docs\/rules\/table-sum-mismatch\.da\.md$/);
      await client.stop();
    }
  });

  it('names a JSON error of .referatrc.json in Danish words, not the parser\'s code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-json-'));
    fs.writeFileSync(path.join(dir, '.referatrc.json'), '{ "rules": { "toc-mismatch": } }');
    const client = await TestClient.start({ workspaceFolder: dir, locale: 'da', settings: { locale: 'da' } });
    const u = pathToFileURL(path.join(dir, 'm.referat.md')).toString();
    await client.open(u, SLIPS);
    await client.diagnostics(u);
    const said = await client.until(() => client.messages.find((m) => m.message.includes('.referatrc.json')), 'the message');
    assert.match(said.message, /Ugyldig JSON \(der mangler en værdi, linje 1\)/);
    assert.ok(!/[A-Z][a-z]+Expected/.test(said.message), said.message);
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies folder-scoped settings in a multi-root workspace', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-roots-'));
    const [a, b] = [path.join(root, 'a'), path.join(root, 'b')];
    for (const d of [a, b]) fs.mkdirSync(d);
    const client = await TestClient.start({ workspaceFolders: [a, b], folderSettings: { [`file://${b}`]: { rules: { 'toc-mismatch': 'off' } } } });
    const [ua, ub] = [pathToFileURL(path.join(a, 'm.referat.md')).toString(), pathToFileURL(path.join(b, 'm.referat.md')).toString()];
    await client.open(ua, SLIPS);
    await client.open(ub, SLIPS);
    const inB = await client.until(async () => {
      const r = rulesOf((await client.diagnostics(ub)).items!);
      return r.includes('toc-mismatch') ? undefined : r;
    }, 'the folder setting of b');
    assert.ok(inB.includes('item-numbering'));
    assert.ok(rulesOf((await client.diagnostics(ua)).items!).includes('toc-mismatch'), 'folder a keeps the default');
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('starts the header fold on its first line with text, so that Fold All does not fold from a blank line', async () => {
    const client = await TestClient.start();
    const u = 'file:///tmp/referat-test/blank-first.referat.md';
    await client.open(u, `\n\n${SLIPS}`);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: u } });
    assert.ok(ranges.every((r) => r.startLine >= 2), ranges.map((r) => `${r.startLine}-${r.endLine}`).join(' '));
    assert.ok(ranges.some((r) => r.startLine === 2 && r.endLine === 8), 'the header from its title line');
    await client.stop();
  });
});
