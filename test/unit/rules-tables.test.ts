import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits, defaultConfig, fixAll, lintText } from '../../server/src/lint';
import type { Finding } from '../../server/src/rules/types';
import { corpusDir } from '../support/paths';

/**
 * table-sum-mismatch on tables of the shapes budget items use, each a fictional table: the readings
 * that must stay silent, and the real slips (off by a digit, off by a row) that must be found with
 * the fix that sets the sum.
 */

const RULE = 'table-sum-mismatch';

const HEADER = `# REFERAT Kulturudvalget d. 14-11-2024

**Mødedato** Torsdag d. 14. november 2024 kl. 16:00

**Mødedeltagere** Anne Holm (A), Bo Sejer (V), Martin Stokholm (F), Ida Krogh Lund (Ø)
`;

/** A pipe table (the first row its header) in an item of an otherwise clean referat. */
function doc(...rows: string[][]): string {
  const [head, ...body] = rows;
  const line = (r: string[]): string => `| ${r.join(' | ')} |`;
  const table = [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
  return `${HEADER}\n# Punkt 1: Budget\n\n24/1001\n\n## Økonomi\n\n${table}\n\n## Beslutning i Kulturudvalget den 14-11-2024\n\nGodkendt.\n\nAfbud: Bo Sejer\n`;
}

function findings(text: string): Finding[] {
  return lintText(text).findings.filter((f) => f.rule === RULE);
}

function loud(text: string): Finding[] {
  return findings(text).filter((f) => f.severity === 'error' || f.severity === 'warning');
}

function covered(text: string, f: Finding): string {
  const lines = text.split('\n');
  const { start, end } = f.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join(
    '\n',
  );
}

function silent(name: string, text: string): void {
  it(`stays silent: ${name}`, () =>
    assert.deepStrictEqual(
      findings(text).map((f) => f.message.en),
      [],
    ));
}

/** Found on the cells `cells` (the text each range covers); with `fixed`, the fix gives that text and lints clean. */
function found(name: string, text: string, cells: string[], fixed?: string): void {
  it(`finds: ${name}`, () => {
    const all = loud(text);
    assert.deepStrictEqual(
      all.map((f) => covered(text, f)),
      cells,
    );
    for (const f of all) assert.ok(f.message.da !== f.message.en && f.message.da.length > 0, 'a message in both languages');
    if (fixed === undefined) {
      assert.ok(
        all.every((f) => !f.fix),
        'no fix where the answer is not certain',
      );
      return;
    }
    const out = fixAll(text, defaultConfig(), RULE).text;
    assert.strictEqual(out, fixed);
    assert.deepStrictEqual(
      loud(out).map((f) => f.message.en),
      [],
      'nothing left after the fix',
    );
  });
}

describe('table-sum-mismatch: readings of budget tables', () => {
  const budget = (drift: string, grand: string) =>
    doc(
      ['Mio. kr.', 'Budget', 'Regnskab'],
      ['Løn', '10,5', '11,0'],
      ['Husleje', '2,3', '2,4'],
      ['Drift i alt', drift, '13,4'],
      ['Nyt tag', '4,0', '0,0'],
      ['Ventilation', '1,5', '2,0'],
      ['Anlæg i alt', '5,5', '2,0'],
      ['I alt', grand, '15,4'],
    );
  silent('subtotals and their grand total', budget('12,8', '18,3'));
  found('a subtotal off by a digit (the grand total adds up the rows)', budget('13,8', '18,3'), ['13,8'], budget('12,8', '18,3'));
  found('a grand total off by a digit', budget('12,8', '18,8'), ['18,8'], budget('12,8', '18,3'));

  const running = (total: string) =>
    doc(
      ['Projekt', 'Budget i t. kr.'],
      ['Nybyggeri', '12.000'],
      ['Renovering', '8.000'],
      ['I alt', '20.000'],
      ['Tilvalg: solceller', '1.500'],
      ['Tilvalg: legeplads', '700'],
      ['I alt', total],
    );
  silent('a running total: the previous total plus the rows since', running('22.200'));
  found('a running total off by a digit: found, no fix (two readings)', running('22.300'), ['22.300']);

  const sections = (udgifter: string) =>
    doc(
      ['1.000 kr.', 'Budget 2025', 'Budget 2026'],
      ['Indtægter', '', ''],
      ['Billetsalg', '-300', '-320'],
      ['Tilskud', '-200', '-200'],
      ['Indtægter i alt', '-500', '-520'],
      ['Udgifter', '', ''],
      ['Leje', '350', '360'],
      ['Honorarer', '150', '160'],
      ['Udgifter i alt', udgifter, '520'],
    );
  silent('sections of a table, each with its total', sections('500'));
  found('a section total with two digits swapped', sections('005'), ['005'], sections('500'));

  const result = (anlaeg: string) =>
    doc(
      ['Mio. kr.', 'Budget', 'Regnskab'],
      ['Skatter', '-900,0', '-905,2'],
      ['Drift', '850,0', '861,0'],
      ['Driftsresultat', '-50,0', '-44,2'],
      ['Anlæg ekskl. salg', '60,0', '48,5'],
      ['Salg af grunde', '-5,0', '-2,5'],
      ['Anlæg i alt', anlaeg, '46,0'],
      ['Resultat i alt', '5,0', '1,8'],
    );
  silent('an unlabelled result between: the total adds up the rows after it', result('55,0'));
  found('the rows after an unlabelled result, off by a row', result('60,0'), ['60,0'], result('55,0'));

  silent(
    'a balance before the movements and after them',
    doc(
      ['Mio. kr.', 'Pulje A', 'Pulje B'],
      ['Beholdning 1. januar', '200,0', '50,0'],
      ['Afkast', '4,1', '-1,2'],
      ['Kursregulering', '-2,0', '0,7'],
      ['Ændring i alt', '2,1', '-0,5'],
      ['Beholdning 31. december', '202,1', '49,5'],
    ),
  );

  silent(
    'I alt/Difference is not a sum',
    doc(
      ['1.000 kr.', 'Budget', 'Variant A', 'Variant B'],
      ['Oprindeligt budget', '40.000', '42.500', '39.000'],
      ['Afholdt', '-600', '', ''],
      ['I alt/Difference', '39.400', '3.100', '-400'],
    ),
  );
  silent(
    'I alt uden X is not the plain sum',
    doc(['Post', 'Kr.'], ['Varer', '100'], ['Service', '250'], ['Moms', '87,5'], ['I alt uden moms', '350']),
  );

  const lineItem = (total: string) =>
    doc(['Udgifter', 'Kr.'], ['Løn', '500.000'], ['Husleje', '120.000'], ['Kontorhold i alt', '30.000'], ['Udgifter i alt', total]);
  silent('a line item that ends in i alt', lineItem('650.000'));
  found('the total after such a line item, off by the line item: no fix', lineItem('620.000'), ['620.000']);

  silent(
    'averages: a Gennemsnit row and an average column',
    doc(
      ['Skole', 'Elever', 'Gns. klassekvotient'],
      ['Nordskolen', '420', '22,1'],
      ['Sydskolen', '380', '23,4'],
      ['Gennemsnit', '400', '22,7'],
      ['I alt', '800', '22,7'],
    ),
  );

  const shares = (share: string) =>
    doc(
      ['Afgørelse', 'Antal', 'Andel'],
      ['Stadfæstet', '610', '61 %'],
      ['Ændret', '250', '25 %'],
      ['Hjemvist', '140', share],
      ['I alt', '1.000', '100 %'],
    );
  silent('shares that make 100 %', shares('14 %'));
  found('shares that do not make 100 %', shares('41 %'), ['100 %']);
  silent(
    'a ratio column (forbrug / budget) in the total row',
    doc(
      ['1.000 kr.', 'Budget', 'Forbrug', 'Forbrugsprocent'],
      ['Drift', '400', '300', '75,0'],
      ['Anlæg', '100', '50', '50,0'],
      ['I alt', '500', '350', '70,0'],
    ),
  );

  const years = (y2027: string) =>
    doc(
      ['Tabel 1: Anlæg (mio. kr.)'],
      ['', '2025', '2026', '2027'],
      ['Veje', '3,0', '2,0', '1,0'],
      ['Skoler', '5,0', '6,0', '0,5'],
      ['I alt', '8,0', '8,0', y2027],
    );
  silent('years as column headers under a caption row', years('1,5'));
  found('years under a caption row, a total off by a digit', years('2,5'), ['2,5'], years('1,5'));

  const footnote = (y2026: string) =>
    doc(['Projekt', '2025', '2026'], ['Tag', '12.000*', '1.000'], ['Vinduer', '3.000', '500'], ['I alt', '16.000', y2026]);
  silent('a footnote mark makes the column unsure, not shorter', footnote('1.500'));
  found('beside a footnote-marked column, the other column is still checked', footnote('1.400'), ['1.400'], footnote('1.500'));

  silent(
    'two figures in a cell make the column unsure',
    doc(['Projekt', '2025'], ['Elevator', '750 / (1.700)'], ['Tag', '1.200'], ['Trappe', '650 m2 / 37,6 mio. kr.'], ['I alt', '1.950']),
  );

  const merged = (forbrug: string) =>
    doc(
      ['Område', 'Aktivitet', 'Budget', 'Forbrug'],
      ['Idræt', 'Motion for seniorer', '100.000', '95.000'],
      ['Svømning for børn', '50.000', '50.000'],
      ['Kultur', 'Koncerter', '80.000', '82.500'],
      ['I alt', '', '230.000', forbrug],
    );
  silent('a merged row one cell short, its numbers under the numbers', merged('227.500'));
  found('a merged row one cell short, with a total off by a digit', merged('272.500'), ['272.500'], merged('227.500'));
  silent(
    'a short row that could stand under two columns is not read',
    doc(['Post', '2025', '2026', '2027'], ['A', '10', '20', '30'], ['B', '5', '5'], ['I alt', '15', '30', '30']),
  );

  silent(
    'a total with no rows above it is not checked against the rows below',
    doc(['Status', 'Antal'], ['Sager i alt', '40'], ['Heraf afgjort', '25'], ['Heraf under behandling', '10']),
  );

  const below = (nord: string) =>
    doc(
      ['', '2024', '2025'],
      ['I alt', '30', '41'],
      ['Nord', nord, '20'],
      ['Syd', '18', '21'],
      ['Årsager', '', ''],
      ['Sygdom', '20', '30'],
      ['Andet', '10', '11'],
    );
  silent('a total above two breakdowns that both add up', below('12'));
  found('a total above two breakdowns, one of them off by one: no fix', below('13'), ['13 | 20 |\n| Syd | 18']);

  const carried = (again: string) =>
    doc(
      ['Mio. kr.', 'Budget'],
      ['Drift', '-120,0'],
      ['Anlæg', '110,0'],
      ['Resultat i alt', '-10,0'],
      ['Finansiering', ''],
      ['Resultat i alt', again],
      ['Lån', '-15,0'],
    );
  silent('a total repeated under a caption with the same figure', carried('-10,0'));
  silent(
    'two bare I alt rows under two captions are not compared',
    doc(['Scenarie', 'Budget'], ['Scenarie A', ''], ['Nybyggeri', '10.000'], ['I alt', '10.000'], ['Scenarie B', ''], ['I alt', '12.000']),
  );
  found('a total repeated under a caption with another figure', carried('-11,2'), ['-11,2'], carried('-10,0'));

  const rounding = (total: string) => doc(['Mio. kr.', 'Beløb'], ['A', '1,26'], ['B', '2,31'], ['C', '0,4'], ['I alt', total]);
  silent('the sum within the rounding of the shown digits', rounding('4,0'));
  found('a difference beyond the rounding', rounding('4,2'), ['4,2'], rounding('4,0'));

  const digit = (total: string) => doc(['Post', 'Kr.'], ['Lønninger', '4.012.500'], ['Husleje', '3.210'], ['I alt', total]);
  found('off by a digit', digit('4.016.710'), ['4.016.710'], digit('4.015.710'));
  const row = (total: string) =>
    doc(['Post', 'Kr.'], ['Tilskud', '450.000'], ['Egenbetaling', '45.000'], ['Fonde', '12.000'], ['I alt', total]);
  found('off by a row (the total leaves out a row)', row('462.000'), ['462.000'], row('507.000'));
  found('off by the first row: a total of the last rows only is no reading', row('57.000'), ['57.000'], row('507.000'));

  it('says as information, not as a warning, a total that leaves out a running subtotal above it', () => {
    const text = doc(
      ['Mio. kr.', '2025', '2026'],
      ['Skatter', '-300,0', '-310,0'],
      ['Drift', '280,0', '290,0'],
      ['Driftsresultat', '-20,0', '-20,0'],
      ['Anlæg', '30,0', '25,0'],
      ['Salg', '-2,0', '-1,0'],
      ['Resultat', '8,0', '4,0'],
      ['Lån', '5,0', '6,0'],
      ['Forskydninger', '-1,0', '2,0'],
      ['Ændring i alt', '4,0', '8,0'],
    );
    const all = findings(text);
    assert.deepStrictEqual(
      all.map((f) => [f.severity, covered(text, f)]),
      [
        ['information', '4,0'],
        ['information', '8,0'],
      ],
    );
    assert.ok(all.every((f) => !f.fix));
    assert.match(all[0].message.en, /running total, it would be 12,0/);
  });

  it('says as information an unlabelled subtotal that adds up in every column but one', () => {
    const text = doc(
      ['Mio. kr.', 'B1', 'B2', 'B3', 'B4'],
      ['A', '10', '20', '30', '40'],
      ['B', '5', '5', '5', '5'],
      ['Resultat', '15', '25', '35', '48'],
      ['C', '1', '1', '1', '1'],
      ['I alt', '16', '26', '36', '49'],
    );
    const all = findings(text);
    assert.deepStrictEqual(
      all.map((f) => [f.severity, covered(text, f)]),
      [['information', '48']],
    );
    assert.match(all[0].message.en, /here they add up to 45, not 48/);
  });
});

describe('table-sum-mismatch: fixes on the real documents', function () {
  const corpus = corpusDir();
  if (!corpus) {
    it('is skipped: ../shared/corpus is not beside the repository');
    return;
  }
  const files = [
    ...fs
      .readdirSync(corpus)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => path.join(corpus, f)),
    ...fs
      .readdirSync(path.join(corpus, 'greve'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => path.join(corpus, 'greve', f)),
  ];

  it('reads all 159 documents', () => assert.strictEqual(files.length, 159));

  it('applying every table-sum fix changes only the total cells, and the fixed totals then add up', () => {
    let fixes = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const before = lintText(text);
      const fixable = before.findings.filter((f) => f.rule === RULE && f.fix);
      if (fixable.length === 0) continue;
      const totalCells = before.parsed.model.items.flatMap((i) =>
        i.tables.flatMap((t) => t.rows.filter((r) => r.isTotal).flatMap((r) => r.cells.map((c) => c.range))),
      );
      const edits = fixable.flatMap((f) => f.fix!.edits);
      for (const e of edits) {
        const inside = (r: Finding['range']): boolean =>
          r.start.line === e.range.start.line &&
          r.end.line === e.range.end.line &&
          r.start.character <= e.range.start.character &&
          e.range.end.character <= r.end.character;
        assert.ok(totalCells.some(inside), `${path.basename(file)}:${e.range.start.line + 1}: the edit is inside a total cell`);
      }
      const { text: after, applied } = applyEdits(text, edits);
      assert.strictEqual(applied.length, edits.length, `${path.basename(file)}: the edits do not overlap`);
      const a = text.split('\n');
      const b = after.split('\n');
      assert.strictEqual(b.length, a.length);
      a.forEach((line, n) => {
        const here = edits.filter((e) => e.range.start.line === n).sort((x, y) => x.range.start.character - y.range.start.character);
        if (here.length === 0) return assert.strictEqual(b[n], line, `${path.basename(file)}:${n + 1} unchanged`);
        // Outside the edited spans, the line is byte for byte as before.
        let at = 0;
        let shift = 0;
        for (const e of here) {
          assert.strictEqual(b[n].slice(at + shift, e.range.start.character + shift), line.slice(at, e.range.start.character));
          shift += e.newText.length - (e.range.end.character - e.range.start.character);
          at = e.range.end.character;
        }
        assert.strictEqual(b[n].slice(at + shift), line.slice(at));
      });
      const again = lintText(after).findings.filter((f) => f.rule === RULE && (f.severity === 'error' || f.severity === 'warning'));
      const fixedAt = new Set(fixable.map((f) => `${f.range.start.line}:${f.range.start.character}`));
      assert.deepStrictEqual(
        again.filter((f) => fixedAt.has(`${f.range.start.line}:${f.range.start.character}`)).map((f) => f.message.en),
        [],
        `${path.basename(file)}: the fixed totals add up`,
      );
      const unfixed = before.findings.filter(
        (f) => f.rule === RULE && !f.fix && (f.severity === 'error' || f.severity === 'warning'),
      ).length;
      assert.ok(again.length <= unfixed, `${path.basename(file)}: no new table-sum finding after the fix`);
      const others = (r: typeof before): string[] =>
        r.findings.filter((f) => f.rule !== RULE).map((f) => `${f.rule}@${f.range.start.line} ${f.message.en}`);
      assert.deepStrictEqual(others(lintText(after)), others(before), `${path.basename(file)}: the other rules see the same`);
      fixes += edits.length;
    }
    assert.ok(fixes > 0, 'some corpus findings carry a fix');
  });
});
