import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ReferatApi } from '../../../client/src/extension';

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
function diagnosticsWhere(
  uri: vscode.Uri,
  test: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  limitMs = 30000,
): Promise<vscode.Diagnostic[]> {
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

/** Resolves with the first event of `event` that `test` accepts (checked at once too, through `now`). */
function eventWhere<T, R>(
  event: vscode.Event<T>,
  test: (e: T | undefined) => R | undefined | false,
  what: string,
  limitMs = 30000,
): Promise<R> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (r: R): void => {
      done = true;
      clearTimeout(timer);
      listener.dispose();
      resolve(r);
    };
    const timer = setTimeout(() => {
      listener.dispose();
      if (!done) reject(new Error(`timed out waiting for ${what}`));
    }, limitMs);
    const listener = event((e) => {
      const r = test(e);
      if (r && !done) finish(r);
    });
    const now = test(undefined);
    if (now && !done) finish(now);
  });
}

function api(): ReferatApi {
  const extension = vscode.extensions.getExtension<ReferatApi>(EXTENSION_ID);
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

/** Sets `referat.locale` and, when that changes the language, waits until the client has restarted in it. */
async function setLocale(value: string | undefined): Promise<void> {
  const changed = eventWhere(
    vscode.workspace.onDidChangeConfiguration,
    (e) => e?.affectsConfiguration('referat.locale'),
    'the locale setting changed',
  );
  await vscode.workspace.getConfiguration('referat').update('locale', value, vscode.ConfigurationTarget.Workspace);
  await changed;
  await api().whenRestarted();
}

/** The active tab, once it is the Markdown preview of `page`. */
function previewOf(page: string): Promise<vscode.Tab> {
  const find = (): vscode.Tab | undefined =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && t.label.includes(page));
  return eventWhere(vscode.window.tabGroups.onDidChangeTabs, find, `the rendered page ${page}`);
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
];

describe('Referat in VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });
  afterEach(closeAll);

  it('activates for a referat and reports its findings in Danish by default, with codes, ranges, severities, Danish rule pages and a Danish status item', async () => {
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
    assert.match(sum.message, /men summen af de 3 rækker er 8,8/);
    const docs = sum.code as { target: vscode.Uri };
    assert.match(docs.target.toString(), /docs\/rules\/table-sum-mismatch\.da\.md$/);
    const status = api().status();
    assert.match(status.text, /^\$\(error\) \d+ fund$/, status.text);
    assert.strictEqual(status.detail, 'i dette referat');
    assert.strictEqual(status.severity, vscode.LanguageStatusSeverity.Error);
  });

  it('applies a quick fix and source.fixAll.referat, changing only what they fix', async () => {
    const doc = await open('med-fejl.referat.md');
    const ds = await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'table-sum-mismatch'), 'the sum finding');
    const sum = ds.find((d) => codeOf(d) === 'table-sum-mismatch')!;
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        sum.range,
        vscode.CodeActionKind.QuickFix.value,
      )) ?? [];
    const fix = actions.find((a) => a.title === 'Sæt totalen til 8,8');
    assert.ok(
      fix?.edit,
      `a quick fix with an edit among: ${actions.map((a) => `${a.title} (${a.kind?.value}, edit: ${Boolean(a.edit)})`).join(' | ')}`,
    );
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind));
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(doc.getText(), before.replace('I alt\t8,3\t8,9', 'I alt\t8,8\t8,9'));
    await diagnosticsWhere(doc.uri, (d) => !d.some((x) => codeOf(x) === 'table-sum-mismatch') && d.length > 0, 'the sum finding gone');

    // The server sends fix-all without its edit and fills it in on codeAction/resolve, which VS Code runs only for the number of actions asked for.
    const all =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        new vscode.Range(0, 0, 0, 0),
        'source.fixAll.referat',
        10,
      )) ?? [];
    const fixAll = all.find((a) => a.kind?.value === 'source.fixAll.referat');
    assert.ok(fixAll?.edit, 'source.fixAll.referat is offered');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    const text = doc.getText();
    assert.match(text, /^# Punkt 7: Eventuelt$/m, 'renumbered');
    assert.match(text, /^4\. Klimatilpasning i Nørreby$/m, 'toc entry rewritten from the heading');
    assert.ok(
      !text.includes('04-06-2025') && text.includes('Beslutning i Teknik- og Miljøudvalget den 05-06-2025'),
      'the decision date set to the meeting',
    );
    assert.match(text, /Sommerhusene skal have samme ordning/, 'the text around the fixes kept');
    await diagnosticsWhere(
      doc.uri,
      (d) => !d.some((x) => ['item-numbering', 'toc-mismatch', 'decision-date', 'table-sum-mismatch'].includes(codeOf(x))),
      'fixable findings gone',
    );
  });

  it('outlines the meeting, folds items and sections', async () => {
    const doc = await open('korrekt.referat.md');
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('Punkt 2: Tilskud til foreningslivet 2025'), names.join(' | '));
    const item2 = symbols.find((s) => s.name.startsWith('Punkt 2'))!;
    assert.ok(
      item2.children.some((c) => c.name.startsWith('Beslutning')),
      'sections are children',
    );
    const folds = (await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri)) ?? [];
    const heading = doc.getText().split('\n').indexOf('# Punkt 2: Tilskud til foreningslivet 2025');
    assert.ok(
      folds.some((f) => f.start === heading),
      'the item folds from its heading',
    );
  });

  it('completes member names after "Afbud: " and hovers a total with its sum', async () => {
    const doc = await open('korrekt.referat.md');
    const line = doc.getText().split('\n').indexOf('Afbud: Jens Bækgaard');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(line, 'Afbud: '.length),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('Karen Vestergaard'), labels.join(', '));
    const total = doc.getText().split('\n').indexOf('I alt\t800.000');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(total, 7),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /800\.000/);
    assert.match(text, /410\.000/);
  });

  it('renames a member in the member list and every absentee list', async () => {
    const doc = await open('korrekt.referat.md');
    const line = doc.getText().split('\n').indexOf('Afbud: Jens Bækgaard');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      doc.uri,
      new vscode.Position(line, 9),
      'Jens Bækgård',
    );
    const edits = edit.get(doc.uri);
    assert.strictEqual(edits.length, 6, 'member list, Fraværende and four Afbud lines');
    assert.ok(edits.every((e) => doc.getText(e.range) === 'Jens Bækgaard'));
  });

  it("drops a rule's findings when a setting turns it off, and speaks English when referat.locale says so, at once", async () => {
    const doc = await open('med-fejl.referat.md');
    await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'toc-mismatch'), 'toc-mismatch');
    const config = vscode.workspace.getConfiguration('referat');
    const outline = async (): Promise<string[]> => {
      const symbols =
        (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
      const names = (s: vscode.DocumentSymbol): string[] => [s.name, ...s.children.flatMap(names)];
      return symbols.flatMap(names);
    };
    try {
      await config.update('rules', { 'toc-mismatch': 'off' }, vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(doc.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'toc-mismatch'), 'toc-mismatch gone');
      assert.ok((await outline()).includes('Indholdsfortegnelse') && (await outline()).includes('Tabel (5 rækker)'), 'a Danish outline');
      await setLocale('en');
      const en = await diagnosticsWhere(doc.uri, (d) => d.some((x) => /but the 3 rows add up to 8,8/.test(x.message)), 'English messages');
      assert.match(
        (en.find((d) => codeOf(d) === 'table-sum-mismatch')!.code as { target: vscode.Uri }).target.toString(),
        /table-sum-mismatch\.md$/,
      );
      const names = await outline();
      assert.ok(
        names.includes('Table of contents') && names.includes('Table (5 rows)'),
        `an English outline without an edit: ${names.join(' | ')}`,
      );
      assert.match(api().status().text, /^\$\(error\) \d+ findings$/);
      assert.strictEqual(api().rulePage('toc-mismatch').path.split('/').pop(), 'toc-mismatch.md');
      await setLocale('da');
      await diagnosticsWhere(doc.uri, (d) => d.some((x) => /men summen af de 3 rækker er 8,8/.test(x.message)), 'Danish again');
      assert.ok((await outline()).includes('Indholdsfortegnelse'));
      assert.match(api().status().text, /fund$/);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await setLocale(undefined);
    }
  });

  it("opens the rule page rendered, in the user's language, from the quick fix and from the link, and never offers it as a referat", async () => {
    const doc = await open('med-fejl.referat.md');
    const ds = await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'table-sum-mismatch'), 'the sum finding');
    const sum = ds.find((d) => codeOf(d) === 'table-sum-mismatch')!;
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        sum.range,
        vscode.CodeActionKind.QuickFix.value,
      )) ?? [];
    const docsAction = actions.find((a) => a.title === 'Åbn dokumentationen for table-sum-mismatch');
    assert.ok(docsAction?.command, actions.map((a) => a.title).join(' | '));
    const rendered = previewOf('table-sum-mismatch.da.md');
    await vscode.commands.executeCommand(docsAction.command.command, ...(docsAction.command.arguments ?? []));
    await rendered;
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.path.includes('/docs/rules/')), 'no editable page');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The link of a diagnostic opens the page's file: it becomes the rendered page.
    const fromLink = previewOf('toc-mismatch.da.md');
    await vscode.window.showTextDocument(api().rulePage('toc-mismatch'));
    await fromLink;
    assert.ok(
      !vscode.window.visibleTextEditors.some((e) => e.document.uri.path.includes('/docs/rules/')),
      'the text editor was swapped for the preview',
    );
    assert.deepStrictEqual(
      api()
        .offered()
        .filter((u) => u.includes('/docs/rules/')),
      [],
      "the extension's own pages are never offered",
    );
  });

  it('remembers "Use Referat" for a .txt file in referat.files and applies it on every open', async () => {
    const config = vscode.workspace.getConfiguration('referat', workspaceFile('moede.txt'));
    const first = await open('moede.txt');
    assert.strictEqual(first.languageId, 'plaintext');
    await eventWhere(
      vscode.workspace.onDidOpenTextDocument,
      () =>
        api()
          .offered()
          .some((u) => u.endsWith('/moede.txt')),
      'the offer for moede.txt',
    );
    const asReferat = (name: string): Promise<vscode.TextDocument> =>
      eventWhere(
        vscode.workspace.onDidOpenTextDocument,
        (d) => d?.uri.path.endsWith(`/${name}`) && d.languageId === 'referat' && d,
        `${name} opened as a referat`,
      );
    try {
      // What the offer's "Brug Referat" writes, the file relative to the workspace folder: it applies at once.
      const switched = asReferat('moede.txt');
      await config.update('files', ['moede.txt'], vscode.ConfigurationTarget.WorkspaceFolder);
      const doc = await switched;
      await vscode.window.showTextDocument(doc);
      await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'case-number-format'), 'its findings');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const again = await vscode.window.showTextDocument(workspaceFile('moede.txt'));
      assert.strictEqual(again.document.languageId, 'referat', 'still a referat when opened again');
      // "For the whole folder": a file never opened before opens as a referat.
      await config.update('files', ['moede.txt', 'moede3*.txt'], vscode.ConfigurationTarget.WorkspaceFolder);
      const fresh = asReferat('moede3.txt');
      await vscode.window.showTextDocument(workspaceFile('moede3.txt'));
      await fresh;
    } finally {
      await config.update('files', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('wraps prose, leaves Danish punctuation unboxed and makes no word-based suggestions in a referat', () => {
    const editor = vscode.workspace.getConfiguration('editor', { languageId: 'referat' });
    assert.strictEqual(editor.get('wordWrap'), 'on');
    assert.strictEqual(editor.get('wordBasedSuggestions'), 'off');
    const allowed = editor.get<Record<string, boolean>>('unicodeHighlight.allowedCharacters') ?? {};
    for (const c of ['–', '—', '„', '“', '”', '’', '…']) assert.strictEqual(allowed[c], true, `${c} is allowed`);
    assert.strictEqual(
      vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' }).get('wordWrap'),
      'off',
      'other languages keep theirs',
    );
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
    assert.ok(
      schemaProblems.some((d) => doc(d).includes('loud') || /Value is not accepted|not accepted|enum/i.test(d.message)),
      schemaProblems.map((d) => d.message).join(' | '),
    );
    const slips = await vscode.workspace.openTextDocument(workspaceFile('sub/med-fejl.referat.md'));
    await vscode.window.showTextDocument(slips);
    await diagnosticsWhere(slips.uri, (d) => d.some((x) => codeOf(x) === 'toc-mismatch'), 'the default severity for the broken key');
    function doc(d: vscode.Diagnostic): string {
      return rcDoc.getText(d.range);
    }
  });

  it('turns a rule off by writing a valid, saved .referatrc.json, without a false warning, and the finding goes', async () => {
    const rc = workspaceFile('.referatrc.json');
    const doc = await open('korrekt-kopi.referat.md');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), doc.getText().replace('I alt\t800.000', 'I alt\t700.000'));
    await vscode.workspace.applyEdit(edit);
    const ds = await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'table-sum-mismatch'), 'the sum finding');
    const sum = ds.find((d) => codeOf(d) === 'table-sum-mismatch')!;
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        sum.range,
        vscode.CodeActionKind.QuickFix.value,
      )) ?? [];
    const off = actions.find((a) => a.title === 'Slå table-sum-mismatch fra i .referatrc.json');
    assert.ok(off?.command, actions.map((a) => a.title).join(' | '));
    try {
      await vscode.commands.executeCommand(off.command.command, ...(off.command.arguments ?? []));
      await diagnosticsWhere(doc.uri, (d) => !d.some((x) => codeOf(x) === 'table-sum-mismatch'), 'the rule off');
      assert.deepStrictEqual(
        JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(rc)).toString('utf8')),
        { rules: { 'table-sum-mismatch': 'off' } },
        'saved on disk',
      );
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === rc.toString() && d.isDirty), 'no unsaved editor');
    } finally {
      await vscode.workspace.fs.delete(rc);
    }
  });

  it('lints the workspace into one set of findings per file: opening a file replaces its workspace findings, and once fixed, saved and linted again the finding stays gone', async () => {
    const target = workspaceFile('moede2.txt');
    const before = referatDiagnostics(target);
    assert.deepStrictEqual(before, [], 'nothing before the lint');
    const linted = diagnosticsWhere(
      target,
      (d) => d.some((x) => codeOf(x) === 'case-number-format'),
      'workspace findings of a file never opened',
    );
    await vscode.commands.executeCommand('referat.lintWorkspace');
    const fromDisk = await linted;
    // Opening it from the Problems view opens it as a referat, and its findings are one set.
    const opened = eventWhere(
      vscode.workspace.onDidOpenTextDocument,
      (d) => d?.uri.toString() === target.toString() && d.languageId === 'referat' && d,
      'moede2.txt opened as a referat',
    );
    await vscode.window.showTextDocument(target);
    const doc = await opened;
    const key = (d: vscode.Diagnostic): string => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`;
    const current = await diagnosticsWhere(doc.uri, (d) => d.length > 0, 'the live findings');
    assert.deepStrictEqual(current.map(key).sort(), fromDisk.map(key).sort(), 'the same findings, not twice');
    // Fixing the file in the editor replaces its workspace findings.
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => /^Mødedeltagere/.test(l));
    assert.ok(line >= 0);
    const bad = current.find((d) => codeOf(d) === 'case-number-format')!;
    const edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, doc.lineAt(bad.range.start.line).rangeIncludingLineBreak);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsWhere(doc.uri, (d) => !d.some((x) => codeOf(x) === 'case-number-format'), 'the fixed finding gone').catch(
      async (e: Error) => {
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
        const all = referatDiagnostics(doc.uri);
        throw new Error(
          `${e.message}; ${doc.languageId}, closed ${doc.isClosed}, text has 25/33O2: ${doc.getText().includes('25/33O2')}, visible ${vscode.window.visibleTextEditors.map((v) => v.document.uri.path.split('/').pop() + ':' + v.document.languageId)}, symbols ${symbols?.length}, diagnostics ${all.length} (${new Set(all.map(key)).size} distinct)`,
        );
      },
    );
    assert.ok(!referatDiagnostics(doc.uri).some((d) => codeOf(d) === 'case-number-format'), 'no stale workspace finding beside it');
    // Saved and closed, then linted again: the fixed finding does not come back, and each finding is there once.
    const liveDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString() && !d.isClosed);
    assert.ok(liveDoc && (await liveDoc.save()), 'saved');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('referat.lintWorkspace');
    const after = referatDiagnostics(target);
    assert.ok(after.length > 0 && !after.some((d) => codeOf(d) === 'case-number-format'), after.map(key).join(', '));
    assert.strictEqual(new Set(after.map(key)).size, after.length, 'no finding twice');
  });
});
