import * as assert from 'assert';
import { parse } from '../../server/src/core/parse';
import { parseDanishNumber, findDates, formatDanishNumber } from '../../server/src/core/danish';
import { readCaseNumber } from '../../server/src/core/caseNumber';

const HERLEV = `# REFERAT Beskæftigelsesudvalget d. 04-03-2025

**Mødedato** Tirsdag d. 4. marts 2025 kl. 16:00

**Mødested** Mødelokale 2, Rådhuset

**Mødedeltagere** Hanne Lund (A), Peter Holm (V), Sofie Dam Kjær (F)

## Indholdsfortegnelse

Godkendelse af dagsorden.....\t3
Lukket: Personalesag.....\t4

# Punkt 12: Godkendelse af dagsorden

00.01.00G01-12-25

## Beslutning

Godkendt.

Afbud:

Peter Holm (V)

## **Punkt 13: Lukket: Personalesag**

00.15.00P20-3-25
`;

describe('parse', () => {
  it('reads the meeting header: committee, date, place, members with party', () => {
    const { model } = parse(HERLEV);
    assert.strictEqual(model.meeting.committee?.text, 'Beskæftigelsesudvalget');
    assert.strictEqual(model.meeting.date, '2025-03-04');
    assert.strictEqual(model.meeting.place?.text, 'Mødelokale 2, Rådhuset');
    assert.deepStrictEqual(
      model.meeting.members.map((m) => [m.name, m.party]),
      [
        ['Hanne Lund', 'A'],
        ['Peter Holm', 'V'],
        ['Sofie Dam Kjær', 'F'],
      ],
    );
    const sofie = model.meeting.members[2];
    const line6 = HERLEV.split('\n')[6];
    const at = line6.indexOf('Sofie');
    assert.deepStrictEqual(sofie.range, { start: { line: 6, character: at }, end: { line: 6, character: at + 'Sofie Dam Kjær'.length } });
  });

  it('reads items, case numbers, decisions and absentees with exact ranges', () => {
    const { model, problems } = parse(HERLEV);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(
      model.items.map((i) => [i.number, i.title, i.line, i.closed]),
      [
        [12, 'Godkendelse af dagsorden', 13, false],
        [13, 'Lukket: Personalesag', 25, true],
      ],
    );
    const first = model.items[0];
    assert.deepStrictEqual(
      first.caseNumbers.map((c) => [c.text, c.kind, c.year]),
      [['00.01.00G01-12-25', 'kle', 2025]],
    );
    assert.strictEqual(first.decision?.line, 17);
    assert.strictEqual(first.decision?.body, 'Godkendt.');
    assert.deepStrictEqual(
      first.decision?.absentees.map((a) => [a.name, a.range.start.line, a.range.start.character, a.range.end.character]),
      [['Peter Holm', 23, 0, 10]],
    );
    assert.strictEqual(model.items[1].decision, null);
    assert.deepStrictEqual(
      model.toc.map((e) => [e.title, e.page]),
      [
        ['Godkendelse af dagsorden', 3],
        ['Lukket: Personalesag', 4],
      ],
    );
  });

  it('gives the same model for CRLF, a BOM and non-breaking spaces', () => {
    const plain = parse(HERLEV).model;
    const crlf = parse(HERLEV.replace(/\n/g, '\r\n')).model;
    assert.deepStrictEqual(crlf, plain);
    const nbsp = parse(HERLEV.replace('Punkt 12: ', 'Punkt\u00a012: ')).model;
    assert.deepStrictEqual(
      nbsp.items.map((i) => i.title),
      plain.items.map((i) => i.title),
    );
    const bom = parse('\ufeff' + HERLEV).model;
    assert.strictEqual(bom.meeting.committee?.text, 'Beskæftigelsesudvalget');
    assert.deepStrictEqual(
      bom.items.map((i) => [i.number, i.title]),
      plain.items.map((i) => [i.number, i.title]),
    );
  });

  it('reads every heading style, one document each', () => {
    const styles: Array<[string[], string]> = [
      [['# Punkt 74: A', '# Punkt 75: B'], 'atx'],
      [['## **Punkt 74: A**', '## **Punkt 75: B**'], 'atx-bold'],
      [['Punkt 74: A', 'Punkt 75: B'], 'bare'],
      [['**74. JA - A**', '**75. JA - B**'], 'bold'],
      [['##### 74. JA - A', '#### 75. JA - B'], 'atx'],
    ];
    for (const [headings, style] of styles) {
      const text = headings.map((h, n) => `${h}\n\nSagsnr.: 22-00688${n}\n\nBeslutning\n\nGodkendt.\n`).join('\n');
      const { model } = parse(text);
      assert.deepStrictEqual(
        model.items.map((i) => [i.number, i.title, i.style]),
        [
          [74, 'A', style],
          [75, 'B', style],
        ],
        headings[0],
      );
      assert.deepStrictEqual(
        model.items[1].caseNumbers.map((c) => [c.text, c.kind, c.year]),
        [['22-006881', 'year-serial', 2022]],
      );
    }
  });

  it('reads headings after a form feed, and keeps a decision that ends a page as text, not page furniture', () => {
    const text =
      'REFERAT\n\nMødedato: 3. marts 2025\n\nPunkt 1: Godkendelse af dagsorden\nSagsnr. 25/100\nBeslutning\nGodkendt.\n\fSide 2\nPunkt 2: Budget\nSagsnr. 25/101\nBeslutning\nGodkendt.\n\f# Punkt 3: Eventuelt\nBeslutning\nIntet.\n';
    const { model } = parse(text);
    assert.deepStrictEqual(
      model.items.map((i) => [i.number, i.title, i.decision?.body]),
      [
        [1, 'Godkendelse af dagsorden', 'Godkendt.'],
        [2, 'Budget', 'Godkendt.'],
        [3, 'Eventuelt', 'Intet.'],
      ],
    );
    assert.strictEqual(model.layout.pageBreaks, 2);
    assert.strictEqual(model.layout.pageFurnitureLines, 1, 'only "Side 2"');
  });

  it('joins a heading that wraps onto the next line', () => {
    const { model } = parse('# Punkt 3: Status på projektet om grøn omstilling i\nsønderjyske virksomheder\n\n21/24526\n');
    assert.strictEqual(model.items[0].title, 'Status på projektet om grøn omstilling i sønderjyske virksomheder');
    assert.strictEqual(model.items[0].headingLines, 2);
    assert.deepStrictEqual(
      model.items[0].caseNumbers.map((c) => c.text),
      ['21/24526'],
    );
  });

  it('reads case numbers only right after the heading, not in a Bilag list', () => {
    const text = '## 2. JA - Orientering\n\n00.22.04.G01\n\n19/11679\n\nÅben sag\n\n### Bilag:\n\n1\tÅben\tNøgletal.pdf\t3501/20\n';
    const item = parse(text).model.items[0];
    assert.deepStrictEqual(
      item.caseNumbers.map((c) => [c.text, c.kind]),
      [
        ['00.22.04.G01', 'kle-short'],
        ['19/11679', 'year-serial'],
      ],
    );
  });

  it('does not take Beslutningskompetence or "Beslutning om ..." as the decision', () => {
    const text =
      'Punkt 1: Budget\n\n00.30.14G01-9-24\n\nBeslutning om flytning af 23,0 mio. kr. til udvalget.\n\nBeslutningskompetence\n\nByrådet\n';
    const item = parse(text).model.items[0];
    assert.strictEqual(item.decision, null);
    assert.deepStrictEqual(
      item.sections.map((s) => s.kind),
      ['beslutningskompetence'],
    );
  });

  it('reads a bare line that starts with Beslutningskompetence as text when it is a sentence (Haderslev)', () => {
    const text =
      'Punkt 1: Budget\n\nSagsfremstilling\n\nBeslutningskompetencen ligger hos Økonomiudvalget.\n\n## Beslutningskompetence: Byrådet\n';
    const item = parse(text).model.items[0];
    assert.deepStrictEqual(
      item.sections.map((s) => [s.kind, s.title]),
      [
        ['sagsfremstilling', 'Sagsfremstilling'],
        ['beslutningskompetence', 'Beslutningskompetence: Byrådet'],
      ],
    );
  });

  it('reads decision headings with a committee and a date', () => {
    const text =
      '# REFERAT Kulturudvalget d. 14-11-2024\n\n# Punkt 1: X\n\n21/1234\n\n## **Beslutning i Kulturudvalget den 14-11-2024**\n\nGodkendt.\n\nAfbud: Ane Berg, Bo Holm.\n';
    const d = parse(text).model.items[0].decision!;
    assert.strictEqual(d.date, '2024-11-14');
    assert.deepStrictEqual(
      d.absentees.map((a) => a.name),
      ['Ane Berg', 'Bo Holm'],
    );
    assert.strictEqual(d.body, 'Godkendt.');
  });

  it('reads tables with Danish numbers and total rows', () => {
    const text =
      '# Punkt 1: X\n\n| | 2025 | 2026 |\n|---|---|---|\n| Drift | 1.214,2 | -1,2 |\n| Anlæg | 10,0 | 2,4 |\n| I alt | 1.224,2 | 1,2 |\n';
    const table = parse(text).model.items[0].tables[0];
    assert.strictEqual(table.line, 2);
    assert.strictEqual(table.kind, 'pipe');
    assert.deepStrictEqual(
      table.rows.map((r) => r.isTotal),
      [false, false, false, true],
    );
    assert.deepStrictEqual(
      table.rows[1].cells.map((c) => c.value),
      [undefined, 1214.2, -1.2],
    );
    const cell = table.rows[3].cells[1];
    assert.strictEqual(text.split('\n')[cell.range.start.line].slice(cell.range.start.character, cell.range.end.character), '1.224,2');
  });

  it('never throws, on anything', () => {
    for (const input of [
      '',
      '\n\n',
      '\u0000\u0001\uffff',
      '#'.repeat(10000),
      'Punkt 1:',
      'Punkt ' + '9'.repeat(30) + ': X',
      '**'.repeat(5000),
      '|'.repeat(10000),
      '\t'.repeat(10000),
    ]) {
      const { model } = parse(input);
      assert.ok(Array.isArray(model.items));
    }
  });
});

describe('Danish numbers, dates and case numbers', () => {
  it('reads Danish numbers', () => {
    assert.deepStrictEqual(parseDanishNumber('1.214,2'), { value: 1214.2, decimals: 1, percent: false });
    assert.deepStrictEqual(parseDanishNumber('-1,2'), { value: -1.2, decimals: 1, percent: false });
    assert.deepStrictEqual(parseDanishNumber('78%'), { value: 78, decimals: 0, percent: true });
    assert.deepStrictEqual(parseDanishNumber('18,6 %'), { value: 18.6, decimals: 1, percent: true });
    assert.deepStrictEqual(parseDanishNumber('23,0 mio. kr.'), { value: 23, decimals: 1, percent: false });
    assert.deepStrictEqual(parseDanishNumber('<b>395.807</b>'), { value: 395807, decimals: 0, percent: false });
    assert.strictEqual(parseDanishNumber('Drift'), undefined);
    assert.strictEqual(parseDanishNumber('1,2,3'), undefined);
    assert.strictEqual(formatDanishNumber(1214.2, 1), '1.214,2');
    assert.strictEqual(formatDanishNumber(-2.4, 1), '-2,4');
  });

  it('finds dates in both forms', () => {
    assert.deepStrictEqual(
      findDates('Beslutning den 14-11-2024').map((d) => d.iso),
      ['2024-11-14'],
    );
    assert.deepStrictEqual(
      findDates('Onsdag d. 27. november 2024 kl. 16:00').map((d) => d.iso),
      ['2024-11-27'],
    );
    assert.deepStrictEqual(findDates('den 31-02-2024'), []);
  });

  it('reads dates as web pages and PDF copies render them', () => {
    const iso = (t: string) => findDates(t).map((d) => d.iso);
    assert.deepStrictEqual(iso('Torsdag, 6 marts, 2025 - 16:30'), ['2025-03-06']);
    assert.deepStrictEqual(iso('Onsdag, March 5, 2025 - 18:00'), ['2025-03-05']);
    assert.deepStrictEqual(iso('Mødedato: 6/3/2025 5:00:00 PM'), ['2025-06-03']);
    assert.deepStrictEqual(iso('den 6/3/2025'), ['2025-03-06']);
    assert.deepStrictEqual(iso('den 3/28/2025'), ['2025-03-28']);
    assert.deepStrictEqual(iso('Onsdag den 12-feb-2025'), ['2025-02-12']);
    assert.deepStrictEqual(iso('Tirsdag 4. mar 2025 kl. 15:00'), ['2025-03-04']);
    assert.deepStrictEqual(iso('Den 04.03.2025 kl. 13:00'), ['2025-03-04']);
    assert.deepStrictEqual(iso('Maybe 5, 2025'), []);
  });

  it('takes the meeting date from a header sentence, and from the decision headings where the header has none', () => {
    const sentence = parse(
      'Hjem > Politik > Udvalg\n\nMiljøudvalgets møde den 4. marts 2025\n\nPunkt 1: Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt den 1. april 2025.\n',
    ).model;
    assert.strictEqual(sentence.meeting.date, '2025-03-04');
    const decided = parse(
      'Referat\n\nPunkt 1: Godkendelse af dagsorden\n\nBeslutning i Byrådet den 03-06-2025\n\nGodkendt.\n\nPunkt 2: Meddelelser\n\nBeslutning i Byrådet den 03-06-2025\n\nTaget til efterretning.\n',
    ).model;
    assert.strictEqual(decided.meeting.date, '2025-06-03');
    const disagree = parse(
      'Referat\n\nPunkt 1: Godkendelse af dagsorden\n\nBeslutning i Byrådet den 03-06-2025\n\nGodkendt.\n\nPunkt 2: Meddelelser\n\nBeslutning i Byrådet den 10-06-2025\n\nTaget til efterretning.\n',
    ).model;
    assert.strictEqual(disagree.meeting.date, undefined);
  });

  it('keeps a repeated heading with text of its own as an item, and lets a sentence with the same number yield', () => {
    const repeat = parse(
      'Mødedato: 3. juni 2025\n\n# Punkt 3: Indskudt sag\n\n25/7777\n\n# Punkt 3: Vejplan\n\n25/7001\n\n## Beslutning\n\nGodkendt.\n',
    ).model;
    assert.deepStrictEqual(
      repeat.items.map((i) => i.title),
      ['Indskudt sag', 'Vejplan'],
    );
    const sentence = parse(
      'Mødedato: 3. juni 2025\n\n1. næstformand Ida Krogh var mødeleder.\nSagsnr.: 25/7001\n1. Vejplan\n\nBeslutning\n\nGodkendt.\n',
    ).model;
    assert.deepStrictEqual(
      sentence.items.map((i) => [i.title, i.caseNumbers.map((c) => c.text)]),
      [['Vejplan', ['25/7001']]],
    );
  });

  it('reads a lone Dagsorden line above the header as the page name, not a table of contents', () => {
    const model = parse(
      'Dagsorden\n\nMandag 3. mar 2025 kl. 08:00\n\nØkonomiudvalget\n\nReferat\n\nPunkt 1: Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n',
    ).model;
    assert.deepStrictEqual(model.toc, []);
    assert.strictEqual(model.meeting.date, '2025-03-03');
  });

  it('classifies case numbers', () => {
    assert.strictEqual(readCaseNumber('00.01.00G01-143-24')?.kind, 'kle');
    assert.strictEqual(readCaseNumber('00.22.04.G01')?.kind, 'kle-short');
    assert.strictEqual(readCaseNumber('21/24526')?.kind, 'year-serial');
    assert.strictEqual(readCaseNumber('22-006881')?.year, 2022);
    assert.strictEqual(readCaseNumber('00.01.00G-12-24')?.kind, 'other');
    assert.strictEqual(readCaseNumber('14-11-2024'), undefined);
    assert.strictEqual(readCaseNumber('Godkendt.'), undefined);
  });
});
