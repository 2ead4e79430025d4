import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { readConfigFile } from '../../server/src/configFile';
import { parse } from '../../server/src/core/parse';
import { InputError, readDocument } from '../../server/src/files';
import { applyEdits, defaultConfig, fixAll, lintText } from '../../server/src/lint';
import { RULES } from '../../server/src/rules';
import type { Finding } from '../../server/src/rules/types';
import { corpusDir, repoRoot } from '../support/paths';

/**
 * Hostile input (issue 8), one test each: the engine returns, reads what can be read, stays
 * silent where the document is right, and never changes text it was not asked to change.
 */

const config = defaultConfig();
const CORRECT = fs.readFileSync(path.join(repoRoot(), 'examples', 'korrekt.referat.md'), 'utf8');
const HEADER = CORRECT.slice(0, CORRECT.indexOf('## Indholdsfortegnelse'));

const rulesOf = (findings: readonly Finding[]): string[] => [...new Set(findings.map((f) => f.rule))].sort();
const MEETING_DECISION = '## Beslutning i Kultur- og Fritidsudvalget den 12-03-2025\n\nGodkendt.\n';

/** A correct referat with `n` items numbered from `first`. */
function manyItems(n: number, first = 1n): string {
  const parts = [HEADER];
  for (let i = 0; i < n; i++) parts.push(`# Punkt ${first + BigInt(i)}: Sag nummer ${i + 1}\n\n${20 + (i % 5)}/${1000 + i}\n\n${MEETING_DECISION}\n`);
  return parts.join('');
}

describe('hostile input', function () {
  this.timeout(120000);

  it('a 5 MB single line: read as a header, no items, one information that says so', () => {
    const text = 'Punkt'.padEnd(5 * 1024 * 1024, ' æ|\t.*(');
    const { parsed, findings } = lintText(text, config);
    assert.strictEqual(parsed.model.items.length, 0);
    assert.strictEqual(parsed.model.lineCount, 1);
    assert.deepStrictEqual(rulesOf(findings), ['parse']);
    assert.ok(findings.every((f) => f.severity === 'information'));
  });

  it('100,000 items: all read, numbered without a gap, and silent', () => {
    const { parsed, findings } = lintText(manyItems(100000), config);
    assert.strictEqual(parsed.model.items.length, 100000);
    assert.strictEqual(parsed.model.items[99999].number, 100000);
    // The toc of the example lists four items: its entries no longer match, and nothing else may fire.
    assert.deepStrictEqual(rulesOf(findings).filter((r) => r !== 'toc-mismatch'), []);
  });

  it('10,000 tables in one item: all read, right totals silent, the one wrong total found', () => {
    const table = (total: number): string => `Område\tBeløb\nA\t1.000\nB\t2.500,5\nI alt\t${total.toLocaleString('da-DK')}\n\n`;
    const tables = Array.from({ length: 10000 }, (_, i) => table(i === 7777 ? 3600 : 3500.5)).join('');
    const text = `${HEADER}# Punkt 1: Budget\n\n25/1\n\n## Økonomi\n\n${tables}${MEETING_DECISION}`;
    const { parsed, findings } = lintText(text, config);
    assert.strictEqual(parsed.model.items[0].tables.length, 10000);
    const sums = findings.filter((f) => f.rule === 'table-sum-mismatch');
    assert.strictEqual(sums.length, 1);
    assert.strictEqual(sums[0].range.start.line, parsed.model.items[0].tables[7777].rows[3].line);
  });

  it('a table with 10,000 columns: every cell read, the total row checked column by column', () => {
    const cols = 10000;
    const row = (label: string, v: (c: number) => number): string => [label, ...Array.from({ length: cols }, (_, c) => String(v(c)))].join('\t');
    const text = `${HEADER}# Punkt 1: Bred tabel\n\n25/1\n\n${row('A', (c) => c)}\n${row('B', () => 1)}\n${row('I alt', (c) => (c === 4242 ? 0 : c + 1))}\n\n${MEETING_DECISION}`;
    const { parsed, findings } = lintText(text, config);
    const table = parsed.model.items[0].tables[0];
    assert.strictEqual(table.rows[2].cells.length, cols + 1);
    const sums = findings.filter((f) => f.rule === 'table-sum-mismatch');
    assert.strictEqual(sums.length, 1);
    assert.deepStrictEqual(sums[0].range, table.rows[2].cells[4243].range);
  });

  it('binary data: the parser returns; the CLI and the workspace lint refuse it with a reason', () => {
    const bytes = Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919) % 256));
    assert.doesNotThrow(() => lintText(bytes.toString('latin1'), config));
    assert.doesNotThrow(() => lintText(bytes.toString('utf8'), config));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'referat-bin-')), 'x.referat');
    fs.writeFileSync(file, bytes);
    assert.throws(() => readDocument(file), (e: unknown) => e instanceof InputError && /not a text file/.test(e.message));
  });

  it('CRLF and mixed line endings: the same model and findings as LF', () => {
    const lf = lintText(fs.readFileSync(path.join(repoRoot(), 'examples', 'med-fejl.referat.md'), 'utf8'), config);
    const text = fs.readFileSync(path.join(repoRoot(), 'examples', 'med-fejl.referat.md'), 'utf8');
    let n = 0;
    const mixed = text.replace(/\n/g, () => ['\r\n', '\n', '\r'][n++ % 3]);
    for (const variant of [text.replace(/\n/g, '\r\n'), mixed]) {
      const other = lintText(variant, config);
      assert.deepStrictEqual(other.parsed.model, lf.parsed.model);
      assert.deepStrictEqual(other.findings.map((f) => [f.rule, f.range]), lf.findings.map((f) => [f.rule, f.range]));
    }
  });

  it('a BOM: the same model and findings, every character offset unchanged', () => {
    const withBom = lintText(`\uFEFF${CORRECT}`, config);
    assert.deepStrictEqual(withBom.findings, []);
    assert.strictEqual(withBom.parsed.model.items.length, 4);
    assert.strictEqual(withBom.parsed.model.meeting.members[0].name, 'Karen Vestergaard');
  });

  it('æøå in decomposed form (NFD): names match their composed spelling, no false alarm', () => {
    // æ and ø have no decomposition; å and é do.
    const composed = CORRECT.replace(/Jens Bækgaard/g, 'Jens Ågaard');
    const nfd = composed.replace(/(Afbud:|Fraværende\*\*) Jens Ågaard/g, (m) => m.normalize('NFD'));
    assert.notStrictEqual(nfd, composed);
    assert.deepStrictEqual(lintText(composed, config).findings, []);
    assert.deepStrictEqual(lintText(nfd, config).findings, []);
    const allNfd = lintText(composed.normalize('NFD'), config);
    assert.deepStrictEqual(allNfd.findings, []);
    assert.ok(allNfd.parsed.model.items[1].sections.some((s) => s.kind === 'resume'), 'Resumé in NFD is still a section');
  });

  it('a Punkt number of 30 digits: read exactly, consecutive numbers silent, a gap found', () => {
    const big = 123456789012345678901234567890n;
    const { parsed, findings } = lintText(manyItems(3, big), config);
    assert.deepStrictEqual(parsed.model.items.map((i) => i.numberText), [String(big), String(big + 1n), String(big + 2n)]);
    assert.deepStrictEqual(findings.filter((f) => f.rule === 'item-numbering'), []);
    const gap = manyItems(3, big).replace(`Punkt ${big + 2n}:`, `Punkt ${big + 3n}:`);
    assert.strictEqual(lintText(gap, config).findings.filter((f) => f.rule === 'item-numbering').length, 1);
  });

  it('deeply nested bold: returns, and a heading inside it is still read', () => {
    const stars = '**'.repeat(50000);
    const { parsed } = lintText(`${HEADER}${stars}Punkt 1: x${stars}\n\n**Punkt 2: Fed titel**\n\n${MEETING_DECISION}`, config);
    assert.deepStrictEqual(parsed.model.items.map((i) => i.title), ['Fed titel']);
  });

  it('a rule that throws: one internal-error naming it, the other rules still report', () => {
    const rule = RULES.find((r) => r.id === 'toc-mismatch')!;
    const check = rule.check;
    rule.check = () => {
      throw new Error('boom');
    };
    try {
      const failures: string[] = [];
      const { findings } = analyze(fs.readFileSync(path.join(repoRoot(), 'examples', 'med-fejl.referat.md'), 'utf8'), config, (f) => failures.push(f.rule));
      const internal = findings.filter((f) => f.rule === 'internal-error');
      assert.strictEqual(internal.length, 1);
      assert.match(internal[0].message.en, /toc-mismatch failed.*boom/);
      assert.deepStrictEqual(failures, ['toc-mismatch']);
      assert.ok(rulesOf(findings).includes('item-numbering') && !rulesOf(findings).includes('toc-mismatch'));
    } finally {
      rule.check = check;
    }
  });

  it('configuration: invalid JSON, wrong types, unknown rules and a back-reference each say what is wrong, and the rest applies', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-cfg-'));
    const write = (text: string): string => {
      const file = path.join(dir, '.referatrc.json');
      fs.writeFileSync(file, text);
      return file;
    };
    const broken = readConfigFile(write('{ "rules": { "toc-mismatch": "off" '));
    assert.strictEqual(broken.problems.length, 1);
    assert.match(broken.problems[0].message.en, /JSON/i);
    assert.strictEqual(broken.config.rules['toc-mismatch'], 'warning', 'a file that cannot be read changes nothing');
    const mixed = readConfigFile(write('{ "rules": { "nope": "off", "toc-mismatch": 3, "item-numbering": "off" }, "totalLabels": "Sum", "caseNumberPatterns": ["(\\\\d)\\\\1x"] }'));
    assert.deepStrictEqual(mixed.problems.map((p) => p.key).sort(), ['caseNumberPatterns', 'rules.nope', 'rules.toc-mismatch', 'totalLabels']);
    assert.strictEqual(mixed.config.rules['item-numbering'], 'off');
    assert.strictEqual(mixed.config.caseNumberPatterns.length, 0);
    const notObject = readConfigFile(write('[1, 2]'));
    assert.strictEqual(notObject.problems.length, 1);
    const binary = readConfigFile(write('\u0000\u0001\u0002'));
    assert.ok(binary.problems.length >= 1);
  });
});

describe('fixes never lose text', function () {
  this.timeout(120000);
  const dir = corpusDir();
  const docs: Array<[string, string]> = [
    ['med-fejl.referat.md', fs.readFileSync(path.join(repoRoot(), 'examples', 'med-fejl.referat.md'), 'utf8')],
    ...(dir ? fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f): [string, string] => [f, fs.readFileSync(path.join(dir, f), 'utf8')]) : []),
  ];
  if (!dir) it('is only run on the examples: ../shared/corpus is not beside the repository');

  for (const [name, text] of docs) {
    it(`${name}: each fix changes only its own range, and fix-all a second time changes nothing`, () => {
      const { findings } = lintText(text, config);
      for (const f of findings.filter((x) => x.fix)) {
        const fixed = applyEdits(text, f.fix!.edits).text;
        // Outside the edited ranges the text is byte for byte the same: compare what comes before the first edit and after the last.
        const lines = text.split(/\r\n|\r|\n/);
        const first = f.fix!.edits.reduce((a, e) => (e.range.start.line < a.line || (e.range.start.line === a.line && e.range.start.character < a.character) ? e.range.start : a), f.fix!.edits[0].range.start);
        const last = f.fix!.edits.reduce((a, e) => (e.range.end.line > a.line || (e.range.end.line === a.line && e.range.end.character > a.character) ? e.range.end : a), f.fix!.edits[0].range.end);
        const offsetOf = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
        const before = text.slice(0, offsetOf(first));
        const after = text.slice(offsetOf(last));
        assert.ok(fixed.startsWith(before), `${f.rule}: text before the fix kept`);
        assert.ok(fixed.endsWith(after), `${f.rule}: text after the fix kept`);
      }
      const once = fixAll(text, config).text;
      assert.strictEqual(fixAll(once, config).text, once);
    });
  }
});
