import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic, FoldingRange, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, TestClient } from '../support/lsp';
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

  it("names a JSON error of .referatrc.json in Danish words, not the parser's code", async () => {
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
    const client = await TestClient.start({
      workspaceFolders: [a, b],
      folderSettings: { [`file://${b}`]: { rules: { 'toc-mismatch': 'off' } } },
    });
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
    assert.ok(
      ranges.every((r) => r.startLine >= 2),
      ranges.map((r) => `${r.startLine}-${r.endLine}`).join(' '),
    );
    assert.ok(
      ranges.some((r) => r.startLine === 2 && r.endLine === 8),
      'the header from its title line',
    );
    await client.stop();
  });
});

/** A fictional referat in the coded shape (`N. JA - Title`), its table of contents with dot leaders and page numbers. */
const codedItem = (n: number, title: string): string =>
  `**${n}. JA - ${title}**\n\nÅben sag\n\n**Beslutning Udvalget for Job og Arbejdsmarked den 05-02-2025**\n\nGodkendt.\n\n`;
const CODED = `# REFERAT Udvalget for Job og Arbejdsmarked d. 05-02-2025

**Mødedato** Onsdag d. 5. februar 2025 kl. 16:00

**Mødedeltagere** Anne Holm (A), Bo Sejer (V)

# Indholdsfortegnelse

1. JA - Godkendelse af dagsorden.....\t1
2. JA - Orientering fra formanden .....\t2
3. JA - Budget 2025.....\t4

${codedItem(1, 'Godkendelse af dagsorden')}${codedItem(2, 'Orientering fra formanden')}${codedItem(3, 'Budget 2025')}`;

function edited(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  return applyTextEdits(text, edit?.changes?.[uri] ?? []);
}

describe('language server: the table-of-contents commands of issue 26', function () {
  this.timeout(60000);
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ locale: 'en' });
  });
  after(async () => client.stop());

  it('rebuilds nothing where the table of contents follows the headings: codes, dot leaders and page numbers stay', async () => {
    const u = 'file:///tmp/referat-test/coded-clean.referat.md';
    await client.open(u, CODED);
    const before = client.edits.length;
    const result = await client.request<{ applied: boolean; edits: number }>('workspace/executeCommand', {
      command: 'referat.server.rebuildToc',
      arguments: [u],
    });
    assert.deepStrictEqual(result, { applied: false, edits: 0 });
    assert.strictEqual(client.edits.length, before, 'no edit is sent');
    await client.close(u);
  });

  it("adds a new item in its neighbours' form, without a page, renumbers the entry after it, and keeps every other line; the missing-entry warning has a quick fix", async () => {
    const text = CODED.replace('**3. JA - Budget 2025**', `${codedItem(3, 'Pulje til fleksjob')}**4. JA - Budget 2025**`);
    const u = 'file:///tmp/referat-test/coded-new.referat.md';
    await client.open(u, text);
    const missing = (await client.diagnostics(u)).items!.filter((d) => d.code === 'toc-mismatch');
    assert.deepStrictEqual(
      missing.map((d) => d.message),
      ['Item 3 "Pulje til fleksjob" is missing from the table of contents.'],
    );
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: missing[0].range,
      context: { diagnostics: [missing[0]] },
    });
    const add = actions.find((a) => a.title === 'Add the item to the table of contents');
    assert.ok(add, actions.map((a) => a.title).join(' | '));
    const added = edited(text, add.edit, u);
    assert.strictEqual(added, text.replace('formanden .....\t2\n', 'formanden .....\t2\n3. JA - Pulje til fleksjob .....\n'));

    await client.request('workspace/executeCommand', { command: 'referat.server.rebuildToc', arguments: [u] });
    const rebuilt = edited(text, client.edits[client.edits.length - 1].edit, u);
    assert.strictEqual(
      rebuilt,
      text.replace(
        'formanden .....\t2\n3. JA - Budget 2025.....\t4\n',
        'formanden .....\t2\n3. JA - Pulje til fleksjob .....\n4. JA - Budget 2025.....\t4\n',
      ),
    );
    const v = 'file:///tmp/referat-test/coded-rebuilt.referat.md';
    await client.open(v, rebuilt);
    assert.deepStrictEqual((await client.diagnostics(v)).items, [], 'nothing left to warn of');
    await client.close(u);
    await client.close(v);
  });

  it('renumbers a mistyped item and its entry in the table of contents, and nothing else', async () => {
    const text = CODED.replace('**3. JA - Budget', '**4. JA - Budget').replace('3. JA - Budget 2025.....', '4. JA - Budget 2025.....');
    const u = 'file:///tmp/referat-test/coded-typo.referat.md';
    await client.open(u, text);
    await client.request('workspace/executeCommand', { command: 'referat.server.renumberItems', arguments: [u] });
    assert.strictEqual(edited(text, client.edits[client.edits.length - 1].edit, u), CODED);
    await client.close(u);
  });
});
