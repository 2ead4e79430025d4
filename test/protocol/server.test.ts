import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  SemanticTokens,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyTextEdits, TestClient } from '../support/lsp';
import { corpusDir, repoRoot } from '../support/paths';

/** Protocol tests: the built server as a process, spoken to over stdio as an editor would. */

const examples = path.join(repoRoot(), 'examples');
const SLIPS = fs.readFileSync(path.join(examples, 'med-fejl.referat.md'), 'utf8');
const PLAIN = fs.readFileSync(path.join(examples, 'plaintekst.referat.txt'), 'utf8');
const CORRECT = fs.readFileSync(path.join(examples, 'korrekt.referat.md'), 'utf8');

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `"${needle}" is in the text`);
  return i;
}

function rulesOf(items: readonly Diagnostic[]): string[] {
  return [...new Set(items.map((d) => String(d.code)))].sort();
}

function editText(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  assert.ok(edit?.changes?.[uri], 'an edit for the document');
  return applyTextEdits(text, edit.changes[uri]);
}

describe('language server over LSP', function () {
  this.timeout(60000);
  let client: TestClient;
  const uri = 'file:///tmp/referat-test/med-fejl.referat.md';

  before(async () => {
    client = await TestClient.start({ locale: 'en' });
    await client.open(uri, SLIPS);
  });
  after(async () => client.stop());

  it('pulls diagnostics with rule codes, source, severity and documentation links', async () => {
    const report = await client.diagnostics(uri);
    assert.strictEqual(report.kind, 'full');
    assert.deepStrictEqual(rulesOf(report.items!), [
      'absentee-inconsistent',
      'absentee-not-member',
      'case-number-duplicate',
      'case-number-future',
      'case-number-missing',
      'decision-date',
      'empty-decision',
      'item-numbering',
      'missing-decision',
      'table-sum-mismatch',
      'toc-mismatch',
    ]);
    const sum = report.items!.find((d) => d.code === 'table-sum-mismatch')!;
    assert.strictEqual(sum.source, 'referat');
    assert.strictEqual(sum.severity, 1);
    assert.strictEqual(sum.message, '"I alt" is 8,3, but the 3 rows add up to 8,8.');
    assert.deepStrictEqual(sum.range, {
      start: { line: lineOf(SLIPS, 'I alt'), character: 6 },
      end: { line: lineOf(SLIPS, 'I alt'), character: 9 },
    });
    const href = sum.codeDescription!.href;
    assert.ok(href.endsWith('/docs/rules/table-sum-mismatch.md'), href);
    assert.ok(fs.existsSync(new URL(href)), 'the linked page exists');
  });

  it('answers "unchanged" for the same version and a full report after an edit', async () => {
    const first = await client.diagnostics(uri);
    const again = await client.diagnostics(uri, first.resultId);
    assert.strictEqual(again.kind, 'unchanged');
    const line = lineOf(SLIPS, '# Punkt 8: Eventuelt');
    await client.change(uri, [{ range: { start: { line, character: 8 }, end: { line, character: 9 } }, text: '7' }]);
    const after = await client.diagnostics(uri, first.resultId);
    assert.strictEqual(after.kind, 'full');
    assert.ok(!rulesOf(after.items!).includes('item-numbering'), 'the gap is gone after the edit');
    await client.change(uri, [{ range: { start: { line, character: 8 }, end: { line, character: 9 } }, text: '8' }]);
    assert.ok(rulesOf((await client.diagnostics(uri)).items!).includes('item-numbering'));
  });

  it('follows incremental edits that add and remove lines, and a full replacement', async () => {
    const u = 'file:///tmp/referat-test/edits.referat.md';
    await client.open(u, CORRECT);
    assert.deepStrictEqual((await client.diagnostics(u)).items, []);
    const line = lineOf(CORRECT, '# Punkt 3:');
    // Paste a new item without a decision before Punkt 3, then renumber by typing.
    await client.change(u, [
      { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '# Punkt 3: Indskudt sag\r\n\r\n25/7777\r\n\r\n' },
    ]);
    const pasted = await client.diagnostics(u);
    assert.deepStrictEqual(rulesOf(pasted.items!), ['item-numbering', 'missing-decision', 'toc-mismatch']);
    await client.change(u, [{ range: { start: { line, character: 0 }, end: { line: line + 4, character: 0 } }, text: '' }]);
    assert.deepStrictEqual((await client.diagnostics(u)).items, []);
    await client.change(u, [{ text: SLIPS }]);
    assert.ok((await client.diagnostics(u)).items!.length > 5);
    await client.close(u);
  });

  it('outlines the meeting, the table of contents and each item with its sections and tables', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const names = symbols.map((s) => s.name);
    assert.strictEqual(names[0], 'Teknik- og Miljøudvalget 05-06-2025');
    assert.strictEqual(names[1], 'Table of contents');
    assert.deepStrictEqual(names.slice(2), [
      'Punkt 1: Godkendelse af dagsorden',
      'Punkt 2: Ny cykelsti langs Ådalen',
      'Punkt 3: Vintertjeneste, regnskab 2024',
      'Punkt 4: Klimatilpasning i Nørreby',
      'Punkt 5: Affaldsordning for sommerhuse',
      'Punkt 6: Trafiksikkerhed ved Skovby Skole',
      'Punkt 8: Eventuelt',
    ]);
    assert.strictEqual(symbols[0].children!.length, 5, 'the members');
    const item3 = symbols[4];
    assert.deepStrictEqual(
      item3.children!.map((c) => c.name),
      ['Økonomi', 'Beslutning i Teknik- og Miljøudvalget den 05-06-2025'],
    );
    assert.deepStrictEqual(
      item3.children![0].children!.map((c) => c.name),
      ['Table (5 rows)'],
    );
    assert.strictEqual(item3.selectionRange.start.line, lineOf(SLIPS, '# Punkt 3:'));
  });

  it('folds the header, the table of contents, items, sections and tables', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const has = (start: number, end: number): boolean => ranges.some((r) => r.startLine === start && r.endLine === end);
    assert.ok(has(0, 6), 'the header up to the member list');
    assert.ok(has(lineOf(SLIPS, '## Indholdsfortegnelse'), lineOf(SLIPS, '8. Eventuelt')), 'the table of contents');
    const item3 = lineOf(SLIPS, '# Punkt 3:');
    assert.ok(has(item3, lineOf(SLIPS, 'Afbud: Ole Rask') + 0 || item3) || ranges.some((r) => r.startLine === item3), 'item 3');
    assert.ok(has(lineOf(SLIPS, 'Post\tBudget'), lineOf(SLIPS, 'I alt')), 'the table');
  });

  it('offers the quick fix of a finding, and it fixes exactly that', async () => {
    const report = await client.diagnostics(uri);
    const sum = report.items!.find((d) => d.code === 'table-sum-mismatch')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: sum.range,
      context: { diagnostics: [sum] },
    });
    const fix = actions.find((a) => a.title === 'Set the total to 8,8')!;
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.strictEqual(fix.kind, 'quickfix');
    const fixed = editText(SLIPS, fix.edit, uri);
    assert.strictEqual(fixed, SLIPS.replace('I alt\t8,3', 'I alt\t8,8'));
    const docs = actions.find((a) => a.title === 'Open the documentation of table-sum-mismatch')!;
    const off = actions.find((a) => a.title === 'Turn table-sum-mismatch off in .referatrc.json')!;
    assert.deepStrictEqual(docs.command!.arguments, ['table-sum-mismatch']);
    assert.deepStrictEqual(off.command!.arguments, [uri, 'table-sum-mismatch']);
  });

  it('applies source.fixAll.referat: every fix, nothing else, and nothing fixable is left', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepStrictEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.referat'],
    );
    const fixed = editText(SLIPS, actions[0].edit, uri);
    assert.ok(fixed.includes('I alt\t8,8'));
    assert.ok(fixed.includes('4. Klimatilpasning i Nørreby\n'));
    assert.ok(fixed.includes('# Punkt 7: Eventuelt') && fixed.includes('7. Eventuelt'));
    assert.ok(fixed.includes('## Beslutning i Teknik- og Miljøudvalget den 05-06-2025\n\nGodkendt.\n\nAfbud: Ole Rask\n\n# Punkt 5'));
    const u = 'file:///tmp/referat-test/fixed.referat.md';
    await client.open(u, fixed);
    const left = (await client.diagnostics(u)).items!;
    assert.deepStrictEqual(rulesOf(left), [
      'absentee-inconsistent',
      'absentee-not-member',
      'case-number-duplicate',
      'case-number-future',
      'case-number-missing',
      'empty-decision',
      'missing-decision',
    ]);
    await client.close(u);
  });

  it('fixes all findings of one rule with one action', async () => {
    const text = CORRECT.replace('I alt\t800.000', 'I alt\t700.000')
      .replace('Afbud: Jens Bækgaard\n\n# Punkt 3', 'Afbud: Jens Bækgard\n\n# Punkt 3')
      .replace(/Punkt 4: Eventuelt/, 'Punkt 6: Eventuelt')
      .replace('# Punkt 3:', '# Punkt 4:');
    const u = 'file:///tmp/referat-test/numbering.referat.md';
    await client.open(u, text);
    const numbering = (await client.diagnostics(u)).items!.filter((d) => d.code === 'item-numbering');
    assert.strictEqual(numbering.length, 2);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: numbering[0].range,
      context: { diagnostics: [numbering[0]] },
    });
    const all = actions.find((a) => a.title === 'Fix all 2 item-numbering findings')!;
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    const fixed = editText(text, all.edit, u);
    assert.strictEqual(
      fixed,
      text.replace('# Punkt 4: Renovering', '# Punkt 3: Renovering').replace('Punkt 6: Eventuelt', 'Punkt 4: Eventuelt'),
    );
    await client.close(u);
  });

  it("opens a rule's documentation through the client", async () => {
    const result = await client.request<{ shown: boolean; uri: string }>('workspace/executeCommand', {
      command: 'referat.server.openRuleDocs',
      arguments: ['toc-mismatch'],
    });
    assert.strictEqual(result.shown, true);
    assert.strictEqual(
      client.shown[client.shown.length - 1].uri,
      pathToFileURL(path.join(repoRoot(), 'docs', 'rules', 'toc-mismatch.md')).toString(),
    );
  });

  it('completes member names after Afbud:, leaving out those already written', async () => {
    const line = lineOf(SLIPS, 'Afbud: Ole Rasch, Mette Brandt');
    const u = 'file:///tmp/referat-test/completion.referat.md';
    const lines = SLIPS.split('\n');
    lines[line] = 'Afbud: Ole Rask, H';
    const text = lines.join('\n');
    await client.open(u, text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: u },
      position: { line, character: 18 },
    });
    assert.deepStrictEqual(
      items.map((i) => i.label),
      ['Søren Kjær', 'Hanne Mølgaard', 'Peter Dahl Iversen', 'Mette Brandt'],
    );
    const hanne = items[1];
    assert.deepStrictEqual(hanne.textEdit, {
      range: { start: { line, character: 17 }, end: { line, character: 18 } },
      newText: 'Hanne Mølgaard',
    });
    assert.strictEqual(hanne.detail, '(V)');
    await client.close(u);
  });

  it("completes section headings in the document's style and a new item with the next number", async () => {
    const u = 'file:///tmp/referat-test/heading.referat.md';
    const text = `${SLIPS}\n## Be`;
    await client.open(u, text);
    const line = text.split('\n').length - 1;
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: u },
      position: { line, character: 5 },
    });
    const decision = items.find((i) => i.label === 'Beslutning i Teknik- og Miljøudvalget den 05-06-2025')!;
    assert.strictEqual(decision.textEdit!.newText, '## Beslutning i Teknik- og Miljøudvalget den 05-06-2025');
    assert.ok(items.some((i) => i.textEdit!.newText === '## Sagsfremstilling'));
    const snippet = items.find((i) => i.kind === 15)!;
    assert.strictEqual(snippet.label, 'Punkt 9: new item');
    assert.ok(snippet.textEdit!.newText.startsWith('# Punkt 9: ${1:Title}\n'), snippet.textEdit!.newText);
    assert.ok(snippet.textEdit!.newText.includes('## Beslutning i Teknik- og Miljøudvalget den 05-06-2025'));
    await client.close(u);
  });

  it('hovers a total with its sum and parts, a case number with its parts, a member with party', async () => {
    const total = lineOf(SLIPS, 'I alt');
    const h1 = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: total, character: 7 } });
    assert.strictEqual((h1.contents as { value: string }).value, '**I alt**: 8,3\n\nSum of 3 rows: **8,8**\n\n4,2 + 3,1 + 1,5');
    const cn = lineOf(SLIPS, '27/0412');
    const h2 = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: cn, character: 2 } });
    assert.strictEqual((h2.contents as { value: string }).value, '**27/0412**\n\nScheme: year and serial  \nSerial: `0412`  \nYear: 2027');
    const members = lineOf(SLIPS, '**Mødedeltagere**');
    const at = SLIPS.split('\n')[members].indexOf('Hanne');
    const h3 = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: members, character: at + 2 } });
    assert.strictEqual((h3.contents as { value: string }).value, '**Hanne Mølgaard**  \nParty: V');
  });

  it('renames a member in the member list and every absentee list', async () => {
    const line = lineOf(SLIPS, 'Afbud: Ole Rask');
    const prepared = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri },
      position: { line, character: 9 },
    });
    assert.strictEqual(prepared.placeholder, 'Ole Rask');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position: { line, character: 9 },
      newName: 'Ole Raskmose',
    });
    const renamed = editText(SLIPS, edit, uri);
    assert.strictEqual(renamed, SLIPS.replace(/Ole Rask(?!\w)/g, 'Ole Raskmose'));
    assert.ok(renamed.includes('Ole Rasch'), 'a misspelling is not the member, and stays');
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri }, position: { line, character: 9 }, newName: 'A, B' }),
    );
  });

  it('marks headings with semantic tokens, bare-line ones included', async () => {
    const u = 'file:///tmp/referat-test/plain.referat.txt';
    await client.open(u, PLAIN);
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: u } });
    const decoded: Array<[number, number, number, number]> = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      ch = tokens.data[i] === 0 ? ch + tokens.data[i + 1] : tokens.data[i + 1];
      decoded.push([line, ch, tokens.data[i + 2], tokens.data[i + 3]]);
    }
    const lines = PLAIN.split('\n');
    const text = (t: [number, number, number, number]): string => lines[t[0]].slice(t[1], t[1] + t[2]);
    assert.deepStrictEqual(decoded.filter((t) => t[3] === 0).map(text), [
      'Punkt 1: Godkendelse af dagsorden',
      'Punkt 2: Madordning på plejecentrene',
      'Punkt 3: Budgetopfølgning, 2. kvartal',
    ]);
    assert.deepStrictEqual(decoded.filter((t) => t[3] === 1).map(text), ['Resumé', 'Økonomi']);
    assert.strictEqual(decoded.filter((t) => t[3] === 2).length, 3);
    await client.close(u);
  });

  it('renumbers the items and rebuilds the table of contents by command', async () => {
    await client.request('workspace/executeCommand', { command: 'referat.server.renumberItems', arguments: [uri] });
    const renumber = client.edits[client.edits.length - 1];
    const renumbered = editText(SLIPS, renumber.edit, uri);
    assert.strictEqual(renumbered, SLIPS.replace('# Punkt 8: Eventuelt', '# Punkt 7: Eventuelt').replace('8. Eventuelt', '7. Eventuelt'));
    await client.request('workspace/executeCommand', { command: 'referat.server.rebuildToc', arguments: [uri] });
    const rebuilt = editText(SLIPS, client.edits[client.edits.length - 1].edit, uri);
    assert.ok(
      rebuilt.includes(
        '4. Klimatilpasning i Nørreby\n5. Affaldsordning for sommerhuse\n6. Trafiksikkerhed ved Skovby Skole\n8. Eventuelt\n',
      ),
      rebuilt.slice(0, 800),
    );
    await assert.rejects(
      client.request('workspace/executeCommand', { command: 'referat.server.renumberItems', arguments: ['file:///not/open.referat'] }),
    );
  });
});

describe('language server: locale, configuration and push diagnostics', function () {
  this.timeout(60000);

  it('speaks Danish when the editor does, and English when the setting says so', async () => {
    const da = await TestClient.start({ locale: 'da' });
    const u = 'file:///tmp/referat-test/da.referat.md';
    await da.open(u, SLIPS);
    const items = (await da.diagnostics(u)).items!;
    assert.strictEqual(items.find((d) => d.code === 'table-sum-mismatch')!.message, '"I alt" er 8,3, men summen af de 3 rækker er 8,8.');
    const actions = await da.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: items[0].range,
      context: { diagnostics: [items[0]] },
    });
    assert.ok(actions.some((a) => a.title === `Åbn dokumentationen for ${items[0].code}`));
    await da.stop();
    const en = await TestClient.start({ locale: 'da', settings: { locale: 'en' } });
    await en.open(u, SLIPS);
    const enItems = await en.until(async () => {
      const r = (await en.diagnostics(u)).items!;
      return r.find((d) => d.code === 'table-sum-mismatch')!.message.startsWith('"I alt" is') ? r : undefined;
    }, 'English messages');
    assert.ok(enItems.length > 0);
    await en.stop();
  });

  it('pushes diagnostics to a client that cannot pull them, and clears them on close', async () => {
    const push = await TestClient.start({ pull: false });
    const u = 'file:///tmp/referat-test/push.referat.md';
    await push.open(u, SLIPS);
    const published = await push.until(() => push.published.get(u), 'publishDiagnostics');
    assert.strictEqual(published.version, 1);
    assert.ok(rulesOf(published.diagnostics).includes('table-sum-mismatch'));
    await push.change(u, [{ text: CORRECT }]);
    await push.until(() => push.published.get(u)?.version === 2, 'diagnostics of version 2');
    assert.deepStrictEqual(push.published.get(u)!.diagnostics, []);
    await push.close(u);
    await push.until(() => push.published.get(u)?.version === undefined, 'cleared diagnostics');
    await push.stop();
  });

  it('reads .referatrc.json over the settings, reports a broken one once and uses the defaults', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-ws-'));
    const file = path.join(dir, 'm.referat.md');
    fs.writeFileSync(file, SLIPS);
    fs.writeFileSync(path.join(dir, '.referatrc.json'), '{ "rules": { "toc-mismatch": "off" } }');
    const client = await TestClient.start({ workspaceFolder: dir, settings: { rules: { 'case-number-duplicate': 'off' } } });
    const u = pathToFileURL(file).toString();
    await client.open(u, SLIPS);
    const rules = await client.until(async () => {
      const r = rulesOf((await client.diagnostics(u)).items!);
      return r.includes('case-number-duplicate') ? undefined : r;
    }, 'settings applied');
    assert.ok(!rules.includes('toc-mismatch') && !rules.includes('case-number-duplicate') && rules.includes('item-numbering'));
    fs.writeFileSync(path.join(dir, '.referatrc.json'), '{ "rules": { "toc-mismatch": "of" }, }');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(dir, '.referatrc.json')).toString(), type: 2 }],
    });
    const message = await client.until(
      () => client.messages.find((m) => m.message.includes('.referatrc.json')),
      'a message about the config',
    );
    assert.match(message.message, /\.referatrc\.json \(rules\.toc-mismatch\)/);
    const after = rulesOf((await client.diagnostics(u)).items!);
    assert.ok(after.includes('toc-mismatch'), 'the default applies to the broken key');
    await client.diagnostics(u);
    assert.strictEqual(client.messages.filter((m) => m.message.includes('.referatrc.json')).length, 1, 'said once');
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('turns a rule off by writing .referatrc.json, and lints the workspace from disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-ws-'));
    fs.writeFileSync(path.join(dir, 'a.referat.md'), SLIPS);
    fs.mkdirSync(path.join(dir, 'arkiv'));
    fs.writeFileSync(path.join(dir, 'arkiv', 'b.txt'), PLAIN);
    fs.writeFileSync(path.join(dir, 'notes.md'), '# Noter\n\nIkke et referat.\n');
    const client = await TestClient.start({ workspaceFolder: dir });
    const u = pathToFileURL(path.join(dir, 'a.referat.md')).toString();
    await client.request('workspace/executeCommand', { command: 'referat.server.disableRule', arguments: [u, 'toc-mismatch'] });
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(dir, '.referatrc.json'), 'utf8')), { rules: { 'toc-mismatch': 'off' } });

    const result = await client.request<{ files: number; findings: number }>('workspace/executeCommand', {
      command: 'referat.server.lintWorkspace',
      arguments: [],
    });
    assert.strictEqual(result.files, 2);
    const b = pathToFileURL(path.join(dir, 'arkiv', 'b.txt')).toString();
    const published = await client.until(() => client.published.get(b), 'diagnostics of a file not open');
    assert.deepStrictEqual(rulesOf(published.diagnostics), ['absentee-not-member', 'case-number-format']);
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('language server: misbehaving clients', function () {
  this.timeout(60000);

  it('survives changes to unknown documents, requests for closed ones, and cancelled requests', async () => {
    const client = await TestClient.start();
    const u = 'file:///tmp/referat-test/gone.referat.md';
    await client.change('file:///tmp/never-opened.referat', [{ text: 'x' }], 7);
    await client.open(u, SLIPS);
    await client.change(u, [{ range: { start: { line: 9999, character: 0 }, end: { line: 9999, character: 5 } }, text: 'Punkt 1: x' }], 1);
    await client.close(u);
    assert.deepStrictEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: u } }), null);
    assert.deepStrictEqual((await client.diagnostics(u)).items, []);
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 0 } }), null);
    await client.open(u, SLIPS);
    // Each request cancelled at once: the server answers every one (cancelled or not) and stays up.
    const { CancellationTokenSource } = await import('vscode-jsonrpc');
    const answers = await Promise.allSettled(
      Array.from({ length: 20 }, () => {
        const source = new CancellationTokenSource();
        const p = client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: u } }, source.token);
        source.cancel();
        return p;
      }),
    );
    assert.strictEqual(answers.length, 20);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.strictEqual(symbols.length, 9, 'the server still answers');
    assert.strictEqual(client.process.exitCode, null);
    await client.stop();
  });
});

describe('language server: hostile input', function () {
  this.timeout(180000);

  it('a 50 MB document gets the parser and the cheap checks, and says so once @slow', async () => {
    const client = await TestClient.start();
    const u = 'file:///tmp/referat-test/huge.referat.md';
    // The slips example (a missing decision, cheap, and a toc mismatch, not cheap) with its last item's text grown to 50 MB.
    const paragraph = 'Udvalget drøftede sagen og bad forvaltningen om en redegørelse til næste møde.\n\n';
    const big = SLIPS + paragraph.repeat(Math.ceil((50 * 1024 * 1024) / paragraph.length));
    await client.open(u, big);
    const first = rulesOf((await client.diagnostics(u)).items!);
    assert.ok(first.includes('missing-decision') && !first.includes('toc-mismatch'), first.join(','));
    await client.change(u, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'x' }]);
    await client.diagnostics(u);
    const said = client.messages.filter((m) => /20 MB/.test(m.message));
    assert.strictEqual(said.length, 1, 'said once');
    assert.match(said[0].message, /over 20 MB; only the parser and the quick checks run/);
    await client.stop();
  });

  it('a 5 MB single line and binary data: answered, and the server stays up @slow', async () => {
    const client = await TestClient.start();
    const line = 'file:///tmp/referat-test/line.referat';
    await client.open(line, 'Punkt 1: '.padEnd(5 * 1024 * 1024, '**(æ) |\t'));
    assert.ok(Array.isArray((await client.diagnostics(line)).items));
    const binary = 'file:///tmp/referat-test/binary.referat';
    await client.open(binary, Buffer.from(Array.from({ length: 100000 }, (_, i) => (i * 7919) % 256)).toString('latin1'));
    assert.ok(Array.isArray((await client.diagnostics(binary)).items));
    assert.ok(Array.isArray(await client.request('textDocument/foldingRange', { textDocument: { uri: binary } })));
    assert.strictEqual(client.process.exitCode, null);
    await client.stop();
  });

  it('a rule that throws: one internal-error naming it, the other rules still report, the stack logged once', async () => {
    const client = await TestClient.start({ env: { REFERAT_TEST_FAIL_RULE: 'toc-mismatch' } });
    const a = 'file:///tmp/referat-test/a.referat.md';
    const b = 'file:///tmp/referat-test/b.referat.md';
    await client.open(a, SLIPS);
    await client.open(b, CORRECT);
    for (const u of [a, b]) {
      const items = (await client.diagnostics(u)).items!;
      const internal = items.filter((d) => d.code === 'internal-error');
      assert.strictEqual(internal.length, 1);
      assert.match(internal[0].message, /toc-mismatch/);
    }
    assert.ok(rulesOf((await client.diagnostics(a)).items!).includes('item-numbering'));
    const logged = client.logs.filter((l) => l.includes('injected failure in toc-mismatch'));
    assert.strictEqual(logged.length, 1, 'one log line however many documents');
    assert.match(logged[0], /at .*toc-mismatch|at /, 'with the stack');
    await client.stop();
  });
});

describe('language server on a real referat', function () {
  this.timeout(60000);
  const corpus = corpusDir();
  if (!corpus) {
    it('is skipped: ../shared/corpus is not beside the repository');
    return;
  }
  const name = 'haderslev-beskaeftigelse-og-borgerserviceudvalget-2024-11-14.txt';
  const expectations = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test', 'corpus', 'expectations.json'), 'utf8'))[name] as {
    items: unknown[];
    slips: Array<{ rule: string; line: number }>;
  };

  it(`shows ${name} as .referat.md: its outline, folding and real slips, and fixes them`, async () => {
    const text = fs.readFileSync(path.join(corpus, name), 'utf8');
    const client = await TestClient.start();
    const u = 'file:///tmp/referat-corpus/haderslev.referat.md';
    await client.open(u, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.strictEqual(symbols.filter((s) => s.name.startsWith('Punkt ')).length, expectations.items.length);
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: u } });
    assert.ok(folds.length >= expectations.items.length);
    const items = (await client.diagnostics(u)).items!.filter((d) => d.severity! <= 2);
    assert.deepStrictEqual(
      items.map((d) => `${d.code}@${d.range.start.line}`).sort(),
      expectations.slips.map((s) => `${s.rule}@${s.line}`).sort(),
    );
    const toc = items.filter((d) => d.code === 'toc-mismatch');
    let fixed = text;
    for (const d of toc) {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: u },
        range: d.range,
        context: { diagnostics: [d] },
      });
      const fix = actions.find((a) => a.kind === 'quickfix' && a.edit)!;
      fixed = applyTextEdits(fixed, fix.edit!.changes![u]);
    }
    await client.change(u, [{ text: fixed }]);
    const left = (await client.diagnostics(u)).items!.filter((d) => d.severity! <= 2);
    assert.deepStrictEqual(
      left.map((d) => d.code),
      ['case-number-missing'],
    );
    await client.stop();
  });
});

describe('language server: checked protocol input and bounded waits (issue 15)', function () {
  this.timeout(60000);

  /** The codes and ranges of a fresh analysis of `text`, from a document opened with it. */
  async function freshDiagnostics(client: TestClient, text: string): Promise<string[]> {
    const u = `file:///tmp/referat-test/fresh-${Math.random().toString(36).slice(2)}.referat.md`;
    await client.open(u, text);
    const items = (await client.diagnostics(u)).items!;
    await client.close(u);
    return items.map((d) => `${d.code}@${JSON.stringify(d.range)}`);
  }
  const summary = (items: readonly Diagnostic[]): string[] => items.map((d) => `${d.code}@${JSON.stringify(d.range)}`);

  it('a didChange past the end of the document is not applied: logged once, findings pause, and a full text brings them back', async () => {
    const client = await TestClient.start();
    const u = 'file:///tmp/referat-test/misfit.referat.md';
    await client.open(u, CORRECT);
    assert.deepStrictEqual((await client.diagnostics(u)).items, []);
    const lineCount = CORRECT.split('\n').length;
    // An editor that believes the document is longer than it is: applied, the text would be doubled.
    const past = { line: lineCount + 1, character: 0 };
    await client.change(u, [{ range: { start: past, end: past }, text: CORRECT }]);
    await client.change(u, [
      { range: { start: { line: lineCount + 5, character: 0 }, end: { line: lineCount + 6, character: 0 } }, text: 'x' },
    ]);
    assert.deepStrictEqual((await client.diagnostics(u)).items, [], 'no findings of a text the editor does not have');
    assert.strictEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: u } }), null);
    const logged = client.logs.filter((l) => l.includes(u) && l.includes('does not fit'));
    assert.strictEqual(logged.length, 1, logged.join('\n'));
    assert.match(logged[0], /outside the document's \d+ lines/);
    const said = await client.until(() => client.messages.find((m) => m.message.includes('no longer fit')), 'a message to the user');
    assert.match(
      said.message,
      /misfit\.referat\.md no longer fit the server's copy; findings pause until the document is closed and opened again/,
    );
    await assert.rejects(
      client.request('workspace/executeCommand', { command: 'referat.server.renumberItems', arguments: [u] }),
      /not the editor's text/,
    );

    await client.change(u, [{ text: SLIPS }]);
    assert.deepStrictEqual(summary((await client.diagnostics(u)).items!), await freshDiagnostics(client, SLIPS));
    await client.stop();
  });

  it('a client that allows dynamic registration is asked for the whole text, and the request is withdrawn once it came', async () => {
    const client = await TestClient.start({ textDocument: { synchronization: { dynamicRegistration: true } } });
    const registered: Array<{ id: string; method: string; registerOptions?: { syncKind?: number } }> = [];
    const unregistered: string[] = [];
    client.connection.onRequest('client/registerCapability', (p: { registrations: typeof registered }) => {
      registered.push(...p.registrations);
      return null;
    });
    client.connection.onRequest('client/unregisterCapability', (p: { unregisterations: Array<{ id: string }> }) => {
      unregistered.push(...p.unregisterations.map((r) => r.id));
      return null;
    });
    const u = 'file:///tmp/referat-test/dynamic.referat.md';
    await client.open(u, CORRECT);
    await client.change(u, [{ range: { start: { line: 9999, character: 0 }, end: { line: 9999, character: 0 } }, text: 'x' }]);
    const full = await client.until(
      () => registered.find((r) => r.method === 'textDocument/didChange'),
      'a registration of full-text sync',
    );
    assert.strictEqual(full.registerOptions?.syncKind, 1, 'TextDocumentSyncKind.Full');
    // As VS Code does with the next edit once full sync is registered: the whole text.
    await client.change(u, [{ text: SLIPS }]);
    await client.until(() => unregistered.includes(full.id), 'the registration withdrawn');
    assert.deepStrictEqual(summary((await client.diagnostics(u)).items!), await freshDiagnostics(client, SLIPS));
    assert.ok(!client.messages.some((m) => m.message.includes('no longer fit')), 'nothing to tell the user: it recovers by itself');
    await client.stop();
  });

  it('a version number that goes back: the result id stands for the text, so the new findings are sent', async () => {
    const client = await TestClient.start();
    const u = 'file:///tmp/referat-test/versions.referat.md';
    const slipped = CORRECT.replace('I alt\t800.000', 'I alt\t700.000').replace('# Punkt 3:', '# Punkt 4:');
    await client.open(u, CORRECT);
    const first = await client.diagnostics(u);
    assert.deepStrictEqual(first.items, []);
    // The same version number with another whole text.
    await client.change(u, [{ text: slipped }], 1);
    const again = await client.diagnostics(u, first.resultId);
    assert.strictEqual(again.kind, 'full');
    assert.deepStrictEqual(summary(again.items!), await freshDiagnostics(client, slipped));
    assert.ok(again.items!.length >= 2);
    // An incremental change with a version that goes back cannot be trusted to fit: set aside, and said.
    await client.change(u, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }], 1);
    assert.deepStrictEqual((await client.diagnostics(u, again.resultId)).items, []);
    assert.ok(
      client.logs.some((l) => l.includes(u) && /version 1 does not follow version 1/.test(l)),
      client.logs.join('\n'),
    );
    await client.stop();
  });

  it('commands that wait for the editor give up after a timeout with a message, and the server goes on', async () => {
    const client = await TestClient.start({ env: { REFERAT_CLIENT_TIMEOUT_MS: '300' } });
    client.connection.onRequest('workspace/applyEdit', () => new Promise(() => undefined));
    client.connection.onRequest('window/showDocument', () => new Promise(() => undefined));
    const u = 'file:///tmp/referat-test/timeout.referat.md';
    await client.open(u, SLIPS);
    const outcome = (p: Promise<unknown>): Promise<string> =>
      Promise.race([
        p.then(
          () => 'answered',
          (e: Error) => e.message,
        ),
        new Promise<string>((r) => setTimeout(() => r('no answer within 15 s'), 15000)),
      ]);
    assert.strictEqual(
      await outcome(client.request('workspace/executeCommand', { command: 'referat.server.renumberItems', arguments: [u] })),
      'The editor did not answer within 300 ms (applying the edit).',
    );
    assert.strictEqual(
      await outcome(client.request('workspace/executeCommand', { command: 'referat.server.rebuildToc', arguments: [u] })),
      'The editor did not answer within 300 ms (applying the edit).',
    );
    assert.strictEqual(
      await outcome(client.request('workspace/executeCommand', { command: 'referat.server.openRuleDocs', arguments: ['toc-mismatch'] })),
      'The editor did not answer within 300 ms (showing the documentation).',
    );
    assert.ok(
      (await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } })).length > 2,
      'still answering',
    );
    await client.stop();
  });

  it('with a client that resolves code actions, the fix-all edits are made only when one is chosen, and are the same', async () => {
    const lazy = await TestClient.start({
      textDocument: {
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          resolveSupport: { properties: ['edit'] },
        },
      },
    });
    const text = CORRECT.replace(/Punkt 4: Eventuelt/, 'Punkt 6: Eventuelt').replace('# Punkt 3:', '# Punkt 4:');
    const u = 'file:///tmp/referat-test/lazy.referat.md';
    await lazy.open(u, text);
    const numbering = (await lazy.diagnostics(u)).items!.filter((d) => d.code === 'item-numbering');
    const actions = await lazy.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: numbering[0].range,
      context: { diagnostics: [numbering[0]] },
    });
    const all = actions.find((a) => a.title === 'Fix all 2 item-numbering findings')!;
    assert.ok(all && all.edit === undefined && all.data !== undefined, JSON.stringify(all));
    assert.ok(
      actions.some((a) => a.kind === 'quickfix' && a.edit),
      'a single quick fix still comes with its edit',
    );
    const resolved = await lazy.request<CodeAction>('codeAction/resolve', all);
    assert.strictEqual(
      editText(text, resolved.edit, u),
      text.replace('# Punkt 4: Renovering', '# Punkt 3: Renovering').replace('Punkt 6: Eventuelt', 'Punkt 4: Eventuelt'),
    );
    const source = await lazy.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: numbering[0].range,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.strictEqual(source[0].edit, undefined);
    const fixedAll = editText(text, (await lazy.request<CodeAction>('codeAction/resolve', source[0])).edit, u);
    assert.deepStrictEqual(
      (await freshDiagnostics(lazy, fixedAll)).filter((d) => d.startsWith('item-numbering')),
      [],
    );
    await lazy.stop();
  });
});
