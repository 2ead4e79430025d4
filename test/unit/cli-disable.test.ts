import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';
import { analyze, reanalyze } from '../../server/src/analysis';
import { applyEdits, defaultConfig } from '../../server/src/lint';
import { codeActions } from '../../server/src/lsp/codeActions';
import { lint } from '../../server/src/api';
import { runCli, tempDir, WITH_SLIP, writeTree } from './cli-run';

/** The slips of WITH_SLIP: a gap in the numbering on line 15 and a case number from 2027 on line 17. */
function rulesIn(text: string, extra: string[] = [], name = 'a.referat.md'): string[] {
  const t = tempDir('referat-disable-');
  try {
    writeTree(t.dir, { [name]: text });
    const r = runCli(['--format', 'json', ...extra, name], { cwd: t.dir });
    return (JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ rule: string; range: { start: { line: number } } }> }>)[0].diagnostics.map(
      (d) => `${d.rule}@${d.range.start.line + 1}`,
    );
  } finally {
    t.remove();
  }
}

const before = (text: string, line: string, comment: string): string => text.replace(line, `${comment}\n${line}`);

describe('disable comments', () => {
  it('referat-disable-next-line silences the named rule on the next line, in .md and .txt alike', () => {
    const text = before(WITH_SLIP, '# Punkt 22', '<!-- referat-disable-next-line item-numbering -->');
    assert.deepStrictEqual(rulesIn(text), ['case-number-future@18']);
    assert.deepStrictEqual(rulesIn(text, [], 'a.referat.txt'), ['case-number-future@18']);
    const other = before(WITH_SLIP, '# Punkt 22', '<!-- referat-disable-next-line toc-mismatch -->');
    assert.deepStrictEqual(rulesIn(other), ['item-numbering@16', 'case-number-future@18']);
  });

  it('a comment line changes nothing the parser reads: the case number after it is still read', () => {
    const text = before(WITH_SLIP, '27/311', '<!-- referat-disable-next-line case-number-future -->');
    assert.deepStrictEqual(rulesIn(text), ['item-numbering@15']);
  });

  it('any comment on a line of its own reads as blank: the bare case number under it is still read, in .txt and .md', () => {
    const noted = before(WITH_SLIP, '27/311', '<!-- sagen er flyttet fra Teknik -->');
    assert.deepStrictEqual(rulesIn(noted, [], 'a.referat.txt'), ['item-numbering@15', 'case-number-future@18']);
    assert.deepStrictEqual(rulesIn(noted), ['item-numbering@15', 'case-number-future@18']);
    const slip = before(WITH_SLIP, '27/311', '<!-- referat-disabel case-number-future -->');
    assert.deepStrictEqual(rulesIn(slip, [], 'a.referat.txt'), ['item-numbering@15', 'invalid-disable@17', 'case-number-future@18']);
    const numbers = (text: string): string[][] =>
      analyze(text, defaultConfig()).parsed.model.items.map((i) => i.caseNumbers.map((c) => c.text));
    assert.deepStrictEqual(numbers(noted), numbers(WITH_SLIP));
    assert.deepStrictEqual(numbers(noted)[1], ['27/311']);
  });

  it('a comment at the end of a case number line is not read with it: referat-disable-line silences the finding there', () => {
    for (const line of [
      '27/311 <!-- referat-disable-line case-number-future -->',
      'Sagsnr.: 27/311 <!-- referat-disable-line case-number-future -- kendt fejl -->',
    ]) {
      const text = WITH_SLIP.replace('27/311', line);
      assert.deepStrictEqual(rulesIn(text, ['--report-unused-disables']), ['item-numbering@15'], line);
      assert.deepStrictEqual(
        analyze(text, defaultConfig()).parsed.model.items[1].caseNumbers.map((c) => [c.text, c.range.start.character]),
        [['27/311', line.indexOf('27')]],
      );
    }
    const noted = WITH_SLIP.replace('27/311', '27/311 <!-- flyttet fra Teknik -->');
    assert.deepStrictEqual(rulesIn(noted), ['item-numbering@15', 'case-number-future@17']);
  });

  it("the editor's incremental analysis agrees with a full one when an ordinary comment is typed", () => {
    const config = defaultConfig();
    const first = analyze(WITH_SLIP, config);
    const line = WITH_SLIP.split('\n').indexOf('27/311');
    const typed = WITH_SLIP.replace('27/311', '27/311 <!-- note -->');
    const after = reanalyze(
      first,
      typed,
      [{ range: { start: { line, character: 6 }, end: { line, character: 6 } }, text: ' <!-- note -->' }],
      config,
    );
    assert.deepStrictEqual(
      after.findings.map((f) => f.rule),
      analyze(typed, config).findings.map((f) => f.rule),
    );
    assert.deepStrictEqual(
      after.findings.map((f) => f.rule),
      ['item-numbering', 'case-number-future'],
    );
  });

  it('referat-disable … referat-enable silences a region, for one rule or for all', () => {
    const region = WITH_SLIP.replace('# Punkt 22', '<!-- referat-disable -->\n# Punkt 22').replace(
      '27/311',
      '27/311\n<!-- referat-enable -->',
    );
    assert.deepStrictEqual(rulesIn(region), []);
    const one = WITH_SLIP.replace('# Punkt 20', '<!-- referat-disable case-number-future -->\n# Punkt 20');
    assert.deepStrictEqual(rulesIn(one), ['item-numbering@16']);
    const reopened = one.replace('27/311', '<!-- referat-enable case-number-future -->\n27/311');
    assert.deepStrictEqual(rulesIn(reopened), ['item-numbering@16', 'case-number-future@19']);
  });

  it('referat-disable-file silences a rule (or, without id, every rule) anywhere in the file', () => {
    assert.deepStrictEqual(rulesIn(WITH_SLIP + '\n<!-- referat-disable-file case-number-future, item-numbering -->\n'), []);
    assert.deepStrictEqual(rulesIn(WITH_SLIP + '\n<!-- referat-disable-file -->\n'), []);
  });

  it('referat-disable-line silences the named rule on its own line only, never further down', () => {
    const own = WITH_SLIP.replace(
      '# Punkt 22: Cykelsti ved skolen',
      '# Punkt 22: Cykelsti ved skolen <!-- referat-disable-line item-numbering -->',
    );
    assert.deepStrictEqual(rulesIn(own), ['case-number-future@17']);
    // Read once as `referat-disable` with the ids "-line" and the rule: the rule went quiet for the rest of the file.
    const above = WITH_SLIP.replace(
      '# Punkt 20: Vejplan 2026',
      '# Punkt 20: Vejplan 2026 <!-- referat-disable-line case-number-future -->',
    );
    assert.deepStrictEqual(rulesIn(above), ['item-numbering@15', 'case-number-future@17']);
  });

  it('a reason after -- is not read as a rule id', () => {
    const text = before(WITH_SLIP, '# Punkt 22', '<!-- referat-disable-next-line item-numbering -- punkt 21 blev trukket -->');
    assert.deepStrictEqual(rulesIn(text), ['case-number-future@18']);
    const all = before(WITH_SLIP, '27/311', '<!-- referat-disable-next-line -- sagen er fra 2027 -->');
    assert.deepStrictEqual(rulesIn(all), ['item-numbering@15']);
  });

  it('an unknown form is a finding of its own and silences nothing', () => {
    for (const form of ['referat-disabel', 'referat-disable-lines', 'referat-disablenextline', 'referat-Enable']) {
      const text = before(WITH_SLIP, '# Punkt 22', `<!-- ${form} item-numbering -->`);
      assert.deepStrictEqual(rulesIn(text), ['invalid-disable@15', 'item-numbering@16', 'case-number-future@18'], form);
    }
    const [invalid] = lint(before(WITH_SLIP, '# Punkt 22', '<!-- referat-disabel item-numbering -->'));
    assert.strictEqual(invalid.severity, 'warning');
    assert.match(invalid.message.en, /^Unknown comment referat-disabel: the forms are referat-disable, /);
    assert.match(invalid.message.da, /^Ukendt kommentar referat-disabel: formerne er referat-disable, /);
    assert.deepStrictEqual(invalid.range, { start: { line: 14, character: 0 }, end: { line: 14, character: 39 } });
  });

  it('an unknown rule id is a finding, and the comment that names it silences nothing', () => {
    const text = before(WITH_SLIP, '# Punkt 22', '<!-- referat-disable-next-line item-numbring -->');
    assert.deepStrictEqual(rulesIn(text), ['invalid-disable@15', 'item-numbering@16', 'case-number-future@18']);
    const [invalid] = lint(text);
    assert.strictEqual(invalid.message.en, 'Unknown rule id in referat-disable-next-line: item-numbring. The comment silences nothing.');
    assert.strictEqual(invalid.message.da, 'Ukendt regel-id i referat-disable-next-line: item-numbring. Kommentaren skjuler intet.');
    const engine = lint(before(WITH_SLIP, '# Punkt 22', '<!-- referat-disable-next-line item-numbering, unused-disable -->'));
    assert.deepStrictEqual(
      engine.map((f) => f.rule),
      ['invalid-disable', 'item-numbering', 'case-number-future'],
    );
    assert.strictEqual(
      engine[0].message.en,
      'unused-disable cannot be silenced by referat-disable-next-line. The comment silences nothing.',
    );
    const file = WITH_SLIP + '\n<!-- referat-disable-file case-number-future, nosuch -->\n';
    assert.deepStrictEqual(rulesIn(file), [...rulesIn(WITH_SLIP), `invalid-disable@${WITH_SLIP.split('\n').length + 1}`]);
    assert.ok(rulesIn(WITH_SLIP).includes('case-number-future@17'));
  });

  it('a comment that only starts with referat- is an ordinary comment, and an invalid one cannot be silenced', () => {
    assert.deepStrictEqual(rulesIn(before(WITH_SLIP, '# Punkt 22', '<!-- referat-note: punkt 21 udgik -->')), [
      'item-numbering@16',
      'case-number-future@18',
    ]);
    const text = before(WITH_SLIP, '# Punkt 22', '<!-- referat-disabel -->') + '\n<!-- referat-disable-file -->\n';
    assert.deepStrictEqual(rulesIn(text), ['invalid-disable@15']);
  });

  it('--report-unused-disables reports a comment that silences nothing, with a fix that removes it', () => {
    const text = before(WITH_SLIP, '# Punkt 22', '<!-- referat-disable-next-line toc-mismatch -->');
    assert.deepStrictEqual(rulesIn(text, ['--report-unused-disables']), [
      'unused-disable@15',
      'item-numbering@16',
      'case-number-future@18',
    ]);
    const [unused] = lint(text, { reportUnusedDisables: true });
    assert.strictEqual(unused.message.en, 'The comment referat-disable-next-line (toc-mismatch) silences no finding.');
    assert.strictEqual(applyEdits(text, unused.fix!.edits).text, WITH_SLIP);
  });

  it('in the editor: a quick fix inserts the comment, and the finding goes', () => {
    const analysis = analyze(WITH_SLIP, defaultConfig());
    const finding = analysis.findings.find((f) => f.rule === 'item-numbering')!;
    const actions = codeActions(
      analysis,
      { textDocument: { uri: 'file:///a.referat.md' }, range: finding.range, context: { diagnostics: [] } },
      defaultConfig(),
      'en',
    );
    const disable = actions.find((a) => a.title === 'Disable item-numbering on this line');
    assert.ok(disable, actions.map((a) => a.title).join(', '));
    assert.ok(
      actions.some((a) => a.title === 'Turn item-numbering off in .referatrc.json'),
      'the config switch stays',
    );
    const fixed = applyEdits(WITH_SLIP, disable.edit!.changes!['file:///a.referat.md']).text;
    assert.strictEqual(fixed, before(WITH_SLIP, '# Punkt 22', '<!-- referat-disable-next-line item-numbering -->'));
    assert.deepStrictEqual(
      lint(fixed).map((f) => f.rule),
      ['case-number-future'],
    );
    const da = codeActions(
      analysis,
      { textDocument: { uri: 'file:///a.referat.md' }, range: finding.range, context: { diagnostics: [] } },
      defaultConfig(),
      'da',
    );
    assert.ok(da.some((a) => a.title === 'Slå item-numbering fra på denne linje'));
  });

  it('in a table the quick fix puts the comments around the table, which stays one table', () => {
    const text = fs.readFileSync(path.join(repoRoot(), 'examples', 'med-fejl.referat.md'), 'utf8');
    const analysis = analyze(text, defaultConfig());
    const finding = analysis.findings.find((f) => f.rule === 'table-sum-mismatch')!;
    const actions = codeActions(
      analysis,
      { textDocument: { uri: 'file:///m.referat.md' }, range: finding.range, context: { diagnostics: [] } },
      defaultConfig(),
      'en',
    );
    const disable = actions.find((a) => a.title === 'Disable table-sum-mismatch for this table')!;
    const fixed = applyEdits(text, disable.edit!.changes!['file:///m.referat.md']).text;
    const rules = (t: string): string[] => lint(t).map((f) => f.rule);
    assert.deepStrictEqual(
      rules(fixed),
      rules(text).filter((r) => r !== 'table-sum-mismatch'),
    );
    const tables = (t: string): number[] => analyze(t, defaultConfig()).parsed.model.items.map((i) => i.tables.length);
    assert.deepStrictEqual(tables(fixed), tables(text));
  });

  it("the editor's incremental analysis agrees with a full one when a comment is typed or removed", () => {
    const config = defaultConfig();
    const first = analyze(WITH_SLIP, config);
    const line = WITH_SLIP.split('\n').indexOf('27/311');
    const comment = '<!-- referat-disable-next-line case-number-future -->\n';
    const typed = WITH_SLIP.replace('27/311', comment + '27/311');
    const after = reanalyze(
      first,
      typed,
      [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: comment }],
      config,
    );
    assert.deepStrictEqual(
      after.findings.map((f) => f.rule),
      analyze(typed, config).findings.map((f) => f.rule),
    );
    assert.deepStrictEqual(
      after.findings.map((f) => f.rule),
      ['item-numbering'],
    );
    const removed = reanalyze(
      after,
      WITH_SLIP,
      [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }],
      config,
    );
    assert.deepStrictEqual(
      removed.findings.map((f) => f.rule),
      ['item-numbering', 'case-number-future'],
    );
  });
});
