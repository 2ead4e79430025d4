import * as assert from 'assert';
import * as vscode from 'vscode';

/**
 * The extension inside a real VS Code extension host (issue 7). The workspace is a copy of
 * examples/ prepared by the launcher. Every wait is for an event, never a fixed sleep.
 */

const EXTENSION_ID = 'referat.referat';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the launcher opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

function referatDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'referat');
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Resolves when the referat diagnostics of `uri` satisfy `test`, checking on every change. */
function diagnosticsWhere(uri: vscode.Uri, test: (ds: vscode.Diagnostic[]) => boolean, what: string, limitMs = 30000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = referatDiagnostics(uri);
      if (!test(ds)) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(ds);
      return true;
    };
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}; have: ${referatDiagnostics(uri).map(codeOf).join(', ')}`));
    }, limitMs);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

const SLIP_RULES = [
  'absentee-inconsistent', 'absentee-not-member', 'case-number-duplicate', 'case-number-future', 'case-number-missing', 'decision-date',
  'empty-decision', 'item-numbering', 'missing-decision', 'table-sum-mismatch', 'toc-mismatch',
];

describe('Referat in VS Code', () => {
  afterEach(closeAll);

  it('activates for a referat and reports its findings with codes, ranges, severities and English messages', async () => {
    const doc = await open('med-fejl.referat.md');
    assert.strictEqual(doc.languageId, 'referat');
    const ds = await diagnosticsWhere(doc.uri, (d) => d.length >= SLIP_RULES.length, 'the eleven slips');
    // The launcher loads the extension from the folder the .vsix was installed into.
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is there');
    assert.ok(extension.extensionPath.includes(`${EXTENSION_ID}-${extension.packageJSON.version}`), extension.extensionPath);
    assert.deepStrictEqual([...new Set(ds.map(codeOf))].sort(), SLIP_RULES);
    const sum = ds.find((d) => codeOf(d) === 'table-sum-mismatch')!;
    assert.strictEqual(sum.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(doc.getText(sum.range), '8,3');
    assert.match(sum.message, /but the 3 rows add up to 8,8/);
    const docs = sum.code as { target: vscode.Uri };
    assert.match(docs.target.toString(), /docs\/rules\/table-sum-mismatch\.md$/);
  });

  it('applies a quick fix and source.fixAll.referat, changing only what they fix', async () => {
    const doc = await open('med-fejl.referat.md');
    const ds = await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'table-sum-mismatch'), 'the sum finding');
    const sum = ds.find((d) => codeOf(d) === 'table-sum-mismatch')!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, sum.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = actions.find((a) => a.title === 'Set the total to 8,8');
    assert.ok(fix?.edit, `a quick fix with an edit among: ${actions.map((a) => `${a.title} (${a.kind?.value}, edit: ${Boolean(a.edit)})`).join(' | ')}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind));
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(doc.getText(), before.replace('I alt\t8,3\t8,9', 'I alt\t8,8\t8,9'));
    await diagnosticsWhere(doc.uri, (d) => !d.some((x) => codeOf(x) === 'table-sum-mismatch') && d.length > 0, 'the sum finding gone');

    const all = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.referat')) ?? [];
    const fixAll = all.find((a) => a.kind?.value === 'source.fixAll.referat');
    assert.ok(fixAll?.edit, 'source.fixAll.referat is offered');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    const text = doc.getText();
    assert.match(text, /^# Punkt 7: Eventuelt$/m, 'renumbered');
    assert.match(text, /^4\. Klimatilpasning i Nørreby$/m, 'toc entry rewritten from the heading');
    assert.ok(!text.includes('04-06-2025') && text.includes('Beslutning i Teknik- og Miljøudvalget den 05-06-2025'), 'the decision date set to the meeting');
    assert.match(text, /Sommerhusene skal have samme ordning/, 'the text around the fixes kept');
    await diagnosticsWhere(doc.uri, (d) => !d.some((x) => ['item-numbering', 'toc-mismatch', 'decision-date', 'table-sum-mismatch'].includes(codeOf(x))), 'fixable findings gone');
  });

  it('outlines the meeting, folds items and sections', async () => {
    const doc = await open('korrekt.referat.md');
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('Punkt 2: Tilskud til foreningslivet 2025'), names.join(' | '));
    const item2 = symbols.find((s) => s.name.startsWith('Punkt 2'))!;
    assert.ok(item2.children.some((c) => c.name.startsWith('Beslutning')), 'sections are children');
    const folds = (await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri)) ?? [];
    const heading = doc.getText().split('\n').indexOf('# Punkt 2: Tilskud til foreningslivet 2025');
    assert.ok(folds.some((f) => f.start === heading), 'the item folds from its heading');
  });

  it('completes member names after "Afbud: " and hovers a total with its sum', async () => {
    const doc = await open('korrekt.referat.md');
    const line = doc.getText().split('\n').indexOf('Afbud: Jens Bækgaard');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 'Afbud: '.length));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('Karen Vestergaard'), labels.join(', '));
    const total = doc.getText().split('\n').indexOf('I alt\t800.000');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(total, 7));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /800\.000/);
    assert.match(text, /410\.000/);
  });

  it('renames a member in the member list and every absentee list', async () => {
    const doc = await open('korrekt.referat.md');
    const line = doc.getText().split('\n').indexOf('Afbud: Jens Bækgaard');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(line, 9), 'Jens Bækgård');
    const edits = edit.get(doc.uri);
    assert.strictEqual(edits.length, 6, 'member list, Fraværende and four Afbud lines');
    assert.ok(edits.every((e) => doc.getText(e.range) === 'Jens Bækgaard'));
  });

  it('drops a rule\'s findings when a setting turns it off, and speaks Danish when told to', async () => {
    const doc = await open('med-fejl.referat.md');
    await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'toc-mismatch'), 'toc-mismatch');
    const config = vscode.workspace.getConfiguration('referat');
    try {
      await config.update('rules', { 'toc-mismatch': 'off' }, vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(doc.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'toc-mismatch'), 'toc-mismatch gone');
      await config.update('locale', 'da', vscode.ConfigurationTarget.Workspace);
      const da = await diagnosticsWhere(doc.uri, (d) => d.some((x) => /men summen af de 3 rækker er 8,8/.test(x.message)), 'Danish messages');
      assert.ok(da.length > 0);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('locale', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('validates .referatrc.json against the schema, and a broken one leaves the defaults in force', async () => {
    const rc = workspaceFile('sub/.referatrc.json');
    await vscode.workspace.fs.writeFile(rc, Buffer.from('{ "rules": { "toc-mismatch": "loud" } }\n'));
    const rcDoc = await vscode.workspace.openTextDocument(rc);
    await vscode.window.showTextDocument(rcDoc);
    const schemaProblems = await new Promise<vscode.Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no schema diagnostics on .referatrc.json')), 30000);
      const check = (): void => {
        const ds = vscode.languages.getDiagnostics(rc);
        if (ds.length === 0) return;
        clearTimeout(timer);
        listener.dispose();
        resolve(ds);
      };
      const listener = vscode.languages.onDidChangeDiagnostics(check);
      check();
    });
    assert.ok(schemaProblems.some((d) => doc(d).includes('loud') || /Value is not accepted|not accepted|enum/i.test(d.message)), schemaProblems.map((d) => d.message).join(' | '));
    const slips = await vscode.workspace.openTextDocument(workspaceFile('sub/med-fejl.referat.md'));
    await vscode.window.showTextDocument(slips);
    await diagnosticsWhere(slips.uri, (d) => d.some((x) => codeOf(x) === 'toc-mismatch'), 'the default severity for the broken key');
    function doc(d: vscode.Diagnostic): string {
      return rcDoc.getText(d.range);
    }
  });
});
