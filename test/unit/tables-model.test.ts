import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { defaultConfig, lintText } from '../../server/src/lint';
import { hover } from '../../server/src/lsp/hover';
import type { Table } from '../../server/src/core/model';
import { readTableModel } from '../../server/src/core/tables/read';
import { corpusDir, repoRoot } from '../support/paths';

/**
 * The table model: golden fixtures (fictional tables, one for each row role, with their reviewed
 * model beside them), and the editor's hover reading the same model as table-sum-mismatch.
 */

const RULE = 'table-sum-mismatch';

const HEADER = `# REFERAT Kulturudvalget d. 14-11-2024

**Mødedato** Torsdag d. 14. november 2024 kl. 16:00

**Mødedeltagere** Anne Holm (A), Bo Sejer (V), Martin Stokholm (F), Ida Krogh Lund (Ø)
`;

/** A pipe table (the rows as given, no separator row) in an item of an otherwise clean referat. */
function doc(...rows: string[][]): string {
  const table = rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
  return `${HEADER}\n# Punkt 1: Budget\n\n24/1001\n\n## Økonomi\n\n${table}\n\n## Beslutning i Kulturudvalget den 14-11-2024\n\nGodkendt.\n\nAfbud: Bo Sejer\n`;
}

function hoverAt(text: string, line: number, character: number, lang: 'da' | 'en' = 'en'): string | undefined {
  const config = defaultConfig();
  const h = hover(analyze(text, config), { line, character }, config, lang);
  return h ? (h.contents as { value: string }).value : undefined;
}

/** The hover on the cell `cell` of the row labelled `label`. */
function hoverOn(text: string, label: string, cell: string, lang: 'da' | 'en' = 'en'): string | undefined {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith(`| ${label} |`));
  assert.ok(line >= 0, `a row "${label}"`);
  const at = lines[line].indexOf(` ${cell} `, label.length + 2) + 1;
  assert.ok(at > 0, `a cell "${cell}" in "${label}"`);
  return hoverAt(text, line, at, lang);
}

describe('table model: the hover on a total reads it', () => {
  it('does not count a year in the header row', () => {
    const text = doc(['Mio. kr.', '2023'], ['Veje', '0,5'], ['Skoler', '0,2'], ['Haller', '0,1'], ['I alt', '0,8']);
    assert.deepStrictEqual(
      lintText(text).findings.filter((f) => f.rule === RULE),
      [],
    );
    assert.strictEqual(hoverOn(text, 'I alt', '0,8'), '**I alt**: 0,8\n\nSum of 3 rows: **0,8**\n\n0,5 + 0,2 + 0,1');
    assert.strictEqual(hoverOn(text, 'I alt', '0,8', 'da'), '**I alt**: 0,8\n\nSummen af 3 rækker: **0,8**\n\n0,5 + 0,2 + 0,1');
  });

  it('names the subtotals a grand total sums, not every row above it', () => {
    const text = doc(
      ['Mio. kr.', 'Budget'],
      ['Løn', '10,5'],
      ['Husleje', '2,3'],
      ['Drift i alt', '12,8'],
      ['Nyt tag', '4,0'],
      ['Anlæg i alt', '4,0'],
      ['I alt', '16,8'],
    );
    assert.strictEqual(hoverOn(text, 'I alt', '16,8'), '**I alt**: 16,8\n\nSum of 2 rows: **16,8**\n\n12,8 + 4,0');
  });

  it('says so where the rows a total sums cannot be read', () => {
    const text = doc(['Projekt', '2025'], ['Elevator', '750 / (1.700)'], ['Tag', '1.200'], ['I alt', '1.950']);
    assert.strictEqual(
      hoverOn(text, 'I alt', '1.950'),
      '**I alt**: 1.950\n\nWhich rows it sums cannot be read with certainty, so it is not checked.',
    );
  });
});

/** A fixture's tables in an item of an otherwise clean referat. */
function wrap(tables: string): string {
  return `${HEADER}\n# Punkt 1: Budget\n\n24/1001\n\n## Økonomi\n\n${tables}\n## Beslutning i Kulturudvalget den 14-11-2024\n\nGodkendt.\n\nAfbud: Bo Sejer\n`;
}

const fixtures = path.join(repoRoot(), 'test', 'fixtures', 'tables');

/** Every referat we hold, by name: the table fixtures, the examples and, where it is beside us, the real corpus. */
function documents(): Array<[string, string]> {
  const out: Array<[string, string]> = fs
    .readdirSync(fixtures)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => [f, wrap(fs.readFileSync(path.join(fixtures, f), 'utf8'))]);
  for (const file of files()) out.push([path.basename(file), fs.readFileSync(file, 'utf8')]);
  return out;
}

function files(): string[] {
  const examples = path.join(repoRoot(), 'examples');
  const files = fs
    .readdirSync(examples)
    .filter((f) => /\.referat\.(?:md|txt)$/.test(f))
    .map((f) => path.join(examples, f));
  const corpus = corpusDir();
  if (corpus) {
    files.push(
      ...fs
        .readdirSync(corpus)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => path.join(corpus, f)),
    );
    files.push(
      ...fs
        .readdirSync(path.join(corpus, 'greve'))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => path.join(corpus, 'greve', f)),
    );
  }
  return files;
}

function danish(text: string): number {
  return Number(text.replace(/\./g, '').replace(',', '.').replace(/[−–]/, '-'));
}

describe('table model: hover and rule agree', function () {
  this.timeout(300000);
  it('on every total of the table fixtures, the examples and the corpus: the sum the hover shows is the one the finding names, and a silent total adds up in the hover', () => {
    const config = defaultConfig();
    let totals = 0;
    let found = 0;
    for (const [name, text] of documents()) {
      const analysis = analyze(text, config);
      const loud = analysis.findings.filter((f) => f.rule === RULE && f.severity !== 'information');
      for (const item of analysis.parsed.model.items)
        for (const table of item.tables)
          for (const row of table.rows) {
            if (!row.isTotal) continue;
            row.cells.forEach((cell, c) => {
              if (c === 0 || cell.value === undefined || cell.percent) return;
              const h = hover(analysis, cell.range.start, config, 'en');
              const where = `${name}:${row.line + 1} "${cell.text}"`;
              assert.ok(h, `${where}: a hover`);
              const value = (h.contents as { value: string }).value;
              const finding = loud.find(
                (f) => f.range.start.line === cell.range.start.line && f.range.start.character === cell.range.start.character,
              );
              const sum = /Sum of (\d+) rows: \*\*([-\d.,]+)\*\*/.exec(value);
              totals++;
              if (finding) {
                found++;
                const named = /but the (\d+) rows add up to ([-\d.,]+)\.$/.exec(finding.message.en);
                if (!named) return;
                assert.ok(sum, `${where}: the hover shows the sum the finding names\n${value}`);
                assert.strictEqual(sum[1], named[1], `${where}: as many rows`);
                // The message writes the sum as the total writes its figure, the hover with the parts' decimals.
                const shown = 0.5 * Math.pow(10, -(named[2].split(',')[1] ?? '').length) + 1e-6;
                assert.ok(Math.abs(danish(sum[2]) - danish(named[2])) <= shown, `${where}: ${sum[2]} = ${named[2]}`);
                return;
              }
              if (!sum) return;
              // Silent: the hover's sum is the total within the rounding of the shown digits of the parts.
              const decimals = (sum[2].split(',')[1] ?? '').length;
              const slack = (Number(sum[1]) + 1) * 0.5 * Math.pow(10, -decimals) + 1e-6;
              assert.ok(Math.abs(danish(sum[2]) - cell.value) <= slack, `${where}: silent, but the hover says ${sum[2]}\n${value}`);
            });
          }
    }
    assert.ok(totals > 100 && found > 0, `${totals} totals, ${found} with a finding`);
  });
});

/**
 * Golden files (as textlint's parser fixtures): each fictional table text in test/fixtures/tables/
 * beside the model it must read to and the findings it must give, in a form a person can review
 * (`<name>.json`). `UPDATE_GOLDEN=1` rewrites them; read the diff.
 */
/** A table model as a reviewer checks it: rows by label, without the character offsets. */
export function reviewableTable(table: Table): unknown {
  const model = readTableModel(table);
  const label = (cells: ReadonlyArray<{ text: string }>): string => cells[0]?.text ?? '';
  return {
    caption: model.caption ? label(model.caption.cells) : null,
    headers: model.headers.map((h) => h.cells.map((c) => c.text).join(' | ')),
    columns: model.columns,
    rows: model.rows.map((r) => `${label(r.row.cells)}: ${r.role}`),
    checks: model.checks.map((k) => ({
      total: `${label(k.row.cells)} / ${k.column}: ${k.cell.text}`,
      basis: k.basis,
      certainty: k.certainty,
      parts: k.parts.map((r) => label(r.cells)),
      expected: k.expected === undefined ? null : Math.round(k.expected * 1000) / 1000,
      fix: k.unique,
    })),
  };
}

describe('table model: golden fixtures, one for each row role', () => {
  const files = fs
    .readdirSync(fixtures)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  it('are there', () => assert.ok(files.length >= 10));
  for (const file of files) {
    it(file, () => {
      const table = fs.readFileSync(path.join(fixtures, file), 'utf8');
      const text = wrap(table);
      const { parsed, findings } = lintText(text);
      const first = text.split('\n').indexOf('## Økonomi') + 2;
      const actual = {
        tables: parsed.model.items[0].tables.map(reviewableTable),
        findings: findings.map(
          (f) => `${f.rule} ${f.severity} line ${f.range.start.line - first + 1}${f.fix ? ' (fix)' : ''}: ${f.message.en}`,
        ),
      };
      const golden = path.join(fixtures, file.replace(/\.txt$/, '.json'));
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, JSON.stringify(actual, null, 2) + '\n');
      assert.deepStrictEqual(actual, JSON.parse(fs.readFileSync(golden, 'utf8')));
    });
  }
});
