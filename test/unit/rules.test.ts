import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';
import { defaultConfig, fixAll, lintText } from '../../server/src/lint';
import { resolveConfig } from '../../server/src/config';
import { RULE_IDS } from '../../server/src/rules';
import { DEFAULT_SEVERITIES } from '../../server/src/lint';
import type { Finding } from '../../server/src/rules/types';

/** An expected finding: the line and the exact text its range covers. */
interface Expected {
  line: number;
  text: string;
}

interface Invalid {
  name: string;
  text: string;
  errors: Expected[];
  /** The text after every fix of this rule; omitted when the rule offers no fix here. */
  output?: string;
}

interface RuleCases {
  valid: Array<{ name: string; text: string }>;
  invalid: Invalid[];
}

function covered(text: string, f: Finding): string {
  const lines = text.split(/\r\n|\r|\n/);
  const { start, end } = f.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join(
    '\n',
  );
}

function findingsOf(rule: string, text: string): Finding[] {
  return lintText(text).findings.filter((f) => f.rule === rule);
}

/** Runs textlint-tester-style cases: valid texts stay silent, invalid ones fire exactly where expected, fixes give the output. */
function testRule(rule: string, cases: RuleCases): void {
  describe(rule, () => {
    for (const v of cases.valid) {
      it(`stays silent: ${v.name}`, () => {
        assert.deepStrictEqual(
          findingsOf(rule, v.text).map((f) => f.message.en),
          [],
        );
      });
    }
    for (const c of cases.invalid) {
      it(`fires: ${c.name}`, () => {
        const found = findingsOf(rule, c.text);
        assert.deepStrictEqual(
          found.map((f) => ({ line: f.range.start.line, text: covered(c.text, f) })),
          c.errors,
        );
        for (const f of found) {
          assert.ok(f.message.da.length > 0 && f.message.en.length > 0 && f.message.da !== f.message.en, 'a message in both languages');
        }
        if (c.output !== undefined) {
          const fixed = fixAll(c.text, defaultConfig(), rule);
          assert.strictEqual(fixed.text, c.output);
          assert.deepStrictEqual(
            findingsOf(rule, fixed.text)
              .filter((f) => f.fix)
              .map((f) => f.message.en),
            [],
            'nothing fixable left after the fix',
          );
          // The fix changes nothing else: the other rules report the same as before.
          const others = (t: string) =>
            lintText(t)
              .findings.filter((f) => f.rule !== rule && f.rule !== 'toc-mismatch' && f.rule !== 'item-numbering')
              .map((f) => `${f.rule} ${f.message.en}`);
          assert.deepStrictEqual(others(fixed.text), others(c.text));
        } else {
          assert.ok(
            found.every((f) => !f.fix),
            'no fix where no single right answer exists',
          );
        }
      });
    }
  });
}

const HEADER = `# REFERAT Kulturudvalget d. 14-11-2024

**Mødedato** Torsdag d. 14. november 2024 kl. 16:00

**Mødested** Byrådssalen

**Mødedeltagere** Anne Holm (A), Bo Sejer (V), Martin Stokholm (F), Ida Krogh Lund (Ø)
`;

function item(n: number, title: string, body: string, caseNumber = `24/${1000 + n}`): string {
  return `\n# Punkt ${n}: ${title}\n\n${caseNumber}\n\n${body}\n`;
}

const DECISION = (text: string, afbud = 'Bo Sejer') => `## Beslutning i Kulturudvalget den 14-11-2024\n\n${text}\n\nAfbud: ${afbud}\n`;

describe('rules', () => {
  testRule('missing-decision', {
    valid: [
      {
        name: 'every item decided',
        text: HEADER + item(1, 'Godkendelse af dagsorden', DECISION('Godkendt.')) + item(2, 'Budget', DECISION('Anbefales.')),
      },
      {
        name: 'closed items and formalities',
        text:
          HEADER +
          item(1, 'Lukket: Personalesag', 'Intet.') +
          item(2, 'Eventuelt', '## Procedure\n\nIntet.') +
          item(3, 'Underskriftsblad', ''),
      },
      {
        name: 'Beslutningskompetence is not a decision, but the decision is there',
        text: HEADER + item(1, 'Budget', '## Beslutningskompetence\n\nByrådet\n\n' + DECISION('Anbefales.')),
      },
    ],
    invalid: [
      {
        name: 'an item with only Beslutningskompetence',
        text: HEADER + item(1, 'Budget', '## Beslutningskompetence\n\nByrådet') + item(2, 'Kunstpris', DECISION('Godkendt.')),
        errors: [{ line: 8, text: 'Budget' }],
      },
    ],
  });

  testRule('empty-decision', {
    valid: [
      { name: 'a decision with text', text: HEADER + item(1, 'Budget', DECISION('Godkendt.')) },
      { name: 'an empty decision on a signature sheet', text: HEADER + item(1, 'Underskriftsark', '## Beslutning\n\nAfbud: Bo Sejer') },
    ],
    invalid: [
      {
        name: 'only Afbud under the heading',
        text: HEADER + item(1, 'Budget', '## Beslutning i Kulturudvalget den 14-11-2024\n\nAfbud:\n\nBo Sejer (V)'),
        errors: [{ line: 12, text: 'Beslutning i Kulturudvalget den 14-11-2024' }],
      },
    ],
  });

  testRule('absentee-not-member', {
    valid: [
      { name: 'members as written', text: HEADER + item(1, 'Budget', DECISION('Godkendt.', 'Bo Sejer, Ida Krogh Lund.')) },
      {
        name: 'no member list, nothing to check',
        text: '# REFERAT Kulturudvalget d. 14-11-2024\n' + item(1, 'Budget', DECISION('Godkendt.', 'Hans Hansen')),
      },
    ],
    invalid: [
      {
        name: 'a near miss and a stranger',
        text: HEADER + item(1, 'Budget', DECISION('Godkendt.', 'Martin Stockholm, Karen Blixen')),
        errors: [
          { line: 16, text: 'Martin Stockholm' },
          { line: 16, text: 'Karen Blixen' },
        ],
        output: HEADER + item(1, 'Budget', DECISION('Godkendt.', 'Martin Stokholm, Karen Blixen')),
      },
      {
        name: 'a dropped middle name is fixed to the member list',
        text: HEADER + item(1, 'Budget', DECISION('Godkendt.', 'Ida Lund')),
        errors: [{ line: 16, text: 'Ida Lund' }],
        output: HEADER + item(1, 'Budget', DECISION('Godkendt.', 'Ida Krogh Lund')),
      },
    ],
  });

  testRule('absentee-inconsistent', {
    valid: [
      {
        name: 'the same in every item',
        text: HEADER + item(1, 'A', DECISION('Godkendt.')) + item(2, 'B', DECISION('Godkendt.')) + item(3, 'C', DECISION('Godkendt.')),
      },
      {
        name: 'a member who came late, as the text says',
        text:
          HEADER +
          item(1, 'A', DECISION('Godkendt.', 'Bo Sejer, Anne Holm')) +
          item(2, 'B', DECISION('Godkendt. Anne Holm ankom under behandlingen.')) +
          item(3, 'C', DECISION('Godkendt.')),
      },
    ],
    invalid: [
      {
        name: 'one item differs without a word (information: a member may have left)',
        text:
          HEADER +
          item(1, 'A', DECISION('Godkendt.')) +
          item(2, 'B', DECISION('Godkendt.', 'Anne Holm')) +
          item(3, 'C', DECISION('Godkendt.')),
        errors: [{ line: 27, text: 'Afbud: Anne Holm' }],
      },
      {
        name: 'spelled two ways without a member list',
        text:
          '# REFERAT Kulturudvalget d. 14-11-2024\n' +
          item(1, 'A', DECISION('Godkendt.', 'Martin Stokholm')) +
          item(2, 'B', DECISION('Godkendt.', 'Martin Stockholm')) +
          item(3, 'C', DECISION('Godkendt.', 'Martin Stokholm')),
        errors: [{ line: 21, text: 'Martin Stockholm' }],
        output:
          '# REFERAT Kulturudvalget d. 14-11-2024\n' +
          item(1, 'A', DECISION('Godkendt.', 'Martin Stokholm')) +
          item(2, 'B', DECISION('Godkendt.', 'Martin Stokholm')) +
          item(3, 'C', DECISION('Godkendt.', 'Martin Stokholm')),
      },
    ],
  });

  const table = (total: string, share = '100 %') =>
    `## Økonomi\n\nI 1.000 kr.\t2025\t2026\tAndel\nDrift\t1.214,2\t-1,2\t60 %\nAnlæg\t800,0\t2,4\t40 %\nI alt\t${total}\t1,2\t${share}\n\n` +
    DECISION('Godkendt.');

  testRule('table-sum-mismatch', {
    valid: [
      { name: 'totals and shares that add up', text: HEADER + item(1, 'Budget', table('2.014,2')) },
      {
        name: 'rounding of shown decimals',
        text:
          HEADER +
          item(1, 'Budget', '| | Beløb |\n|---|---|\n| A | 0,4 |\n| B | 0,4 |\n| C | 0,4 |\n| I alt | 1,3 |\n\n' + DECISION('Godkendt.')),
      },
      {
        name: 'a ratio column checked against its own row',
        text:
          HEADER +
          item(
            1,
            'Budget',
            'I hele 1.000 kr.\tBudget\tForbrug\tForbrugsprocent\nJob\t395.807\t296.780\t75,0\nI alt\t395.807\t296.780\t75,0\n\n' +
              DECISION('Godkendt.'),
          ),
      },
      {
        name: 'a total above its parts',
        text: HEADER + item(1, 'Budget', '| | Beløb |\n|---|---|\n| I alt | 30 |\n| A | 10 |\n| B | 20 |\n\n' + DECISION('Godkendt.')),
      },
      {
        name: 'rows after the total are not parts',
        text:
          HEADER +
          item(
            1,
            'Sager',
            'Stadfæstet\t3.923\t78%\nÆndret\t504\t10%\nHjemvist\t602\t12%\nI alt\t5.029\t100%\nAfviste sager\t599\t\n\n' +
              DECISION('Godkendt.'),
          ),
      },
    ],
    invalid: [
      {
        name: 'a total off by 100',
        text: HEADER + item(1, 'Budget', table('2.114,2')),
        errors: [{ line: 17, text: '2.114,2' }],
        output: HEADER + item(1, 'Budget', table('2.014,2')),
      },
      {
        name: 'shares that do not make 100 %',
        text:
          HEADER +
          item(1, 'Sager', 'Stadfæstet\t3.923\t78%\nÆndret\t504\t15%\nHjemvist\t602\t12%\nI alt\t5.029\t100%\n\n' + DECISION('Godkendt.')),
        errors: [{ line: 15, text: '100%' }],
      },
    ],
  });

  const CASE = (decision: string) => `## Sagsfremstilling\n\nSagen handler om et tilskud.\n\n${DECISION(decision)}`;
  testRule('case-number-missing', {
    valid: [
      {
        name: 'standing items need none',
        text:
          HEADER +
          item(1, 'Godkendelse af dagsorden', DECISION('Godkendt.'), '') +
          item(2, 'A', CASE('Godkendt.')) +
          item(3, 'B', CASE('Godkendt.')),
      },
      {
        name: 'recurring items need none either',
        text:
          HEADER +
          item(1, 'Spørgetid', CASE('Ingen spørgsmål.'), '') +
          item(2, 'Borgmesteren orienterer', CASE('Taget til efterretning.'), '') +
          item(3, 'Kulturudvalgets mødekalender 2025', CASE('Godkendt.'), '') +
          item(4, 'A', CASE('Godkendt.')) +
          item(5, 'B', CASE('Godkendt.')),
      },
      {
        name: 'a closed item',
        text:
          HEADER +
          item(1, 'A', CASE('Godkendt.')) +
          item(2, 'Lukket: Personalesag', CASE('Godkendt.'), '') +
          item(3, 'C', CASE('Godkendt.')),
      },
      {
        name: 'a dialogue meeting, with no case text, is no case',
        text:
          HEADER +
          item(1, 'Dialogmøde med ældrerådet', DECISION('Der var en god drøftelse.'), '') +
          item(2, 'A', CASE('Godkendt.')) +
          item(3, 'B', CASE('Godkendt.')),
      },
      {
        name: 'the other items carry numbers only here and there',
        text:
          HEADER +
          item(1, 'A', CASE('Godkendt.')) +
          item(2, 'B', CASE('Godkendt.'), '') +
          item(3, 'C', CASE('Godkendt.'), '') +
          item(4, 'D', CASE('Godkendt.')),
      },
    ],
    invalid: [
      {
        name: 'a case without, where the others have one',
        text: HEADER + item(1, 'A', CASE('Godkendt.')) + item(2, 'B', CASE('Godkendt.'), '') + item(3, 'C', CASE('Godkendt.')),
        errors: [{ line: 23, text: 'B' }],
      },
    ],
  });

  testRule('case-number-format', {
    valid: [
      {
        name: 'one scheme throughout',
        text: HEADER + item(1, 'A', DECISION('Godkendt.'), '00.01.00G01-12-24') + item(2, 'B', DECISION('Godkendt.'), '00.01.00G01-13-24'),
      },
    ],
    invalid: [
      {
        name: 'a facet without digits',
        text:
          HEADER +
          item(1, 'A', DECISION('Godkendt.'), '00.01.00G01-12-24') +
          item(2, 'B', DECISION('Godkendt.'), '00.01.00G-13-24') +
          item(3, 'C', DECISION('Godkendt.'), '00.01.00G01-14-24'),
        errors: [{ line: 21, text: '00.01.00G-13-24' }],
      },
      {
        name: 'another scheme than the rest',
        text:
          HEADER +
          item(1, 'A', DECISION('Godkendt.'), '00.01.00G01-12-24') +
          item(2, 'B', DECISION('Godkendt.'), '24/1234') +
          item(3, 'C', DECISION('Godkendt.'), '00.01.00G01-14-24'),
        errors: [{ line: 21, text: '24/1234' }],
      },
    ],
  });

  testRule('case-number-future', {
    valid: [
      {
        name: 'this year and earlier',
        text: HEADER + item(1, 'A', DECISION('Godkendt.'), '24/1') + item(2, 'B', DECISION('Godkendt.'), '21/77'),
      },
    ],
    invalid: [
      {
        name: 'a year after the meeting',
        text: HEADER + item(1, 'A', DECISION('Godkendt.'), '26/1234'),
        errors: [{ line: 10, text: '26/1234' }],
      },
    ],
  });

  const numbered = (numbers: number[]) =>
    HEADER + numbers.map((n, k) => item(n, String.fromCharCode(65 + k), DECISION('Godkendt.'), `24/${k + 1}`)).join('');
  testRule('item-numbering', {
    valid: [
      { name: 'numbers run on from any start', text: HEADER + item(74, 'A', DECISION('Godkendt.')) + item(75, 'B', DECISION('Godkendt.')) },
    ],
    invalid: [
      {
        name: 'a gap before the last item: only its number changes',
        text: numbered([74, 75, 76, 78]),
        errors: [{ line: 41, text: '78' }],
        output: numbered([74, 75, 76, 77]),
      },
      {
        name: 'a typo in the first item: only that number changes, not the correct items after it',
        text: numbered([7, 2, 3, 4]),
        errors: [{ line: 8, text: '7' }],
        output: numbered([1, 2, 3, 4]),
      },
      {
        name: 'two numbers swapped: both change, the others stay',
        text: numbered([1, 2, 4, 3, 5]),
        errors: [
          { line: 30, text: '4' },
          { line: 41, text: '3' },
        ],
        output: numbered([1, 2, 3, 4, 5]),
      },
      {
        name: 'a repeat',
        text: HEADER + item(1, 'A', DECISION('Godkendt.'), '24/1') + item(1, 'B', DECISION('Godkendt.'), '24/2'),
        errors: [{ line: 19, text: '1' }],
        output: HEADER + item(1, 'A', DECISION('Godkendt.'), '24/1') + item(2, 'B', DECISION('Godkendt.'), '24/2'),
      },
      {
        name: 'a gap in the middle: the items before it or those after it are off, equally few, so no fix',
        text: numbered([74, 75, 77, 78]),
        errors: [{ line: 30, text: '77' }],
      },
    ],
  });

  const toc = (entries: string[]) => `\n## Indholdsfortegnelse\n\n${entries.map((e, i) => `${e}.....\t${i + 3}`).join('\n')}\n`;
  testRule('toc-mismatch', {
    valid: [
      {
        name: 'entries equal the headings',
        text:
          HEADER +
          toc(['Budget 2025', 'Kunstpris']) +
          item(1, 'Budget 2025', DECISION('Godkendt.')) +
          item(2, 'Kunstpris', DECISION('Godkendt.')),
      },
    ],
    invalid: [
      {
        name: 'an entry differing by a word',
        text:
          HEADER +
          toc(['Budget 2026', 'Kunstpris']) +
          item(1, 'Budget 2025', DECISION('Godkendt.')) +
          item(2, 'Kunstpris', DECISION('Godkendt.')),
        errors: [{ line: 10, text: 'Budget 2026' }],
        output:
          HEADER +
          toc(['Budget 2025', 'Kunstpris']) +
          item(1, 'Budget 2025', DECISION('Godkendt.')) +
          item(2, 'Kunstpris', DECISION('Godkendt.')),
      },
      {
        name: 'an item missing between two entries: added in their form (dot leader), without a page number',
        text:
          HEADER +
          toc(['Budget 2025', 'Kunstpris']) +
          item(1, 'Budget 2025', DECISION('Godkendt.')) +
          item(2, 'Vejplan', DECISION('Godkendt.')) +
          item(3, 'Kunstpris', DECISION('Godkendt.')),
        errors: [{ line: 24, text: 'Vejplan' }],
        output: (
          HEADER +
          toc(['Budget 2025', 'Kunstpris']) +
          item(1, 'Budget 2025', DECISION('Godkendt.')) +
          item(2, 'Vejplan', DECISION('Godkendt.')) +
          item(3, 'Kunstpris', DECISION('Godkendt.'))
        ).replace('Budget 2025.....\t3\n', 'Budget 2025.....\t3\nVejplan.....\n'),
      },
      {
        name: 'an item missing where entries that name no item stand: no unique place, no fix',
        text:
          HEADER +
          toc(['Budget 2025', 'Gammel sag', 'Anden sag', 'Kunstpris']) +
          item(1, 'Budget 2025', DECISION('Godkendt.')) +
          item(2, 'Vejplan', DECISION('Godkendt.')) +
          item(3, 'Kunstpris', DECISION('Godkendt.')),
        errors: [
          { line: 11, text: 'Gammel sag' },
          { line: 12, text: 'Anden sag' },
          { line: 26, text: 'Vejplan' },
        ],
      },
      {
        name: 'an extra entry and a missing one',
        text: HEADER + toc(['Budget 2025', 'Vejplan']) + item(1, 'Budget 2025', DECISION('Godkendt.')),
        errors: [{ line: 11, text: 'Vejplan' }],
      },
    ],
  });

  testRule('decision-date', {
    valid: [
      { name: 'the meeting date', text: HEADER + item(1, 'A', DECISION('Godkendt.')) },
      {
        name: 'another committee earlier in the case history',
        text: HEADER + item(1, 'A', '## Beslutning i Økonomiudvalget den 05-11-2024\n\nAnbefales.\n\n' + DECISION('Godkendt.')),
      },
      {
        name: 'a Procedure line about a later meeting',
        text:
          HEADER +
          item(1, 'A', '## Procedure\n\nKulturudvalget 13. december 2024 behandler den endelige plan.\n\n' + DECISION('Godkendt.')),
      },
      {
        name: 'a timetable of later meetings, in order',
        text: HEADER + item(1, 'A', '## Tidsplan\n\n- Kulturudvalget 12.12.2024\n\n- Byrådet 16.12.2024\n\n' + DECISION('Godkendt.')),
      },
      {
        name: 'a prose paragraph under Proces that names an old decision',
        text:
          HEADER +
          item(
            1,
            'A',
            'Proces\n\nFristen var den 31. oktober 2024. Kriterierne blev godkendt af Kulturudvalget den 1. oktober 2019.\n\n' +
              DECISION('Godkendt.'),
          ),
      },
      {
        name: 'a decision retold in the case history',
        text:
          HEADER + item(1, 'A', DECISION('Godkendt.') + '\n## Sagens forløb\n\n### Beslutning i Kulturudvalget den 10-10-2024\n\nUdsat.\n'),
      },
    ],
    invalid: [
      {
        name: 'a decision dated the day after',
        text: HEADER + item(1, 'A', DECISION('Godkendt.').replace('14-11-2024', '15-11-2024')),
        errors: [{ line: 12, text: '15-11-2024' }],
        output: HEADER + item(1, 'A', DECISION('Godkendt.')),
      },
      {
        name: 'a timetable that names the committee before the step above it and before this meeting',
        text:
          HEADER +
          item(
            1,
            'A',
            '## Tidsplan\n\n- Høring 01.12.2024 - 15.01.2025\n\n- Kulturudvalget 12.02.2024\n\n- Byrådet 24.02.2025\n\n' +
              DECISION('Godkendt.'),
          ),
        errors: [{ line: 16, text: '12.02.2024' }],
      },
    ],
  });

  testRule('case-number-duplicate', {
    valid: [
      {
        name: 'standing items may share',
        text:
          HEADER + item(1, 'Godkendelse af dagsorden', DECISION('Godkendt.'), '21/1') + item(2, 'Eventuelt', DECISION('Intet.'), '21/1'),
      },
    ],
    invalid: [
      {
        name: 'two cases with one number',
        text: HEADER + item(1, 'Budget', DECISION('Godkendt.'), '24/5') + item(2, 'Kunstpris', DECISION('Godkendt.'), '24/5'),
        errors: [{ line: 21, text: '24/5' }],
      },
    ],
  });
});

describe('configuration', () => {
  it('turns a rule off, and changes a severity', () => {
    const text = HEADER + item(1, 'A', DECISION('Godkendt.'), '26/1234');
    const { config, problems } = resolveConfig(
      { rules: { 'case-number-future': 'warning', 'missing-decision': 'off' } },
      RULE_IDS,
      DEFAULT_SEVERITIES,
    );
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(
      lintText(text, config).findings.map((f) => [f.rule, f.severity]),
      [['case-number-future', 'warning']],
    );
    const off = resolveConfig({ rules: { 'case-number-future': 'off' } }, RULE_IDS, DEFAULT_SEVERITIES).config;
    assert.deepStrictEqual(lintText(text, off).findings, []);
  });

  it('reports unknown keys, unknown rules and wrong types, and keeps the defaults', () => {
    const { config, problems } = resolveConfig(
      { rules: { nope: 'off', 'toc-mismatch': 'loud' }, totalLabels: 'Sum', colour: 1 },
      RULE_IDS,
      DEFAULT_SEVERITIES,
      'x/.referatrc.json',
    );
    assert.deepStrictEqual(problems.map((p) => p.key).sort(), ['colour', 'rules.nope', 'rules.toc-mismatch', 'totalLabels']);
    assert.strictEqual(config.rules['toc-mismatch'], 'warning');
    assert.deepStrictEqual(config.totalLabels, []);
  });

  it('refuses a case-number pattern that needs backtracking, and says why', () => {
    const { config, problems } = resolveConfig({ caseNumberPatterns: ['(a)\\1', '[0-9]{4}-[0-9]{3}'] }, RULE_IDS, DEFAULT_SEVERITIES);
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].message.en, /refused: it uses back-references or look-around/);
    assert.match(problems[0].message.da, /afvises: det bruger tilbagereferencer/);
    assert.strictEqual(config.caseNumberPatterns.length, 1);
  });

  it('accepts a configured case-number form where the document is too short to show its own', () => {
    const text = HEADER + item(1, 'A', DECISION('Godkendt.'), '2024-123');
    assert.deepStrictEqual(
      lintText(text)
        .findings.filter((f) => f.rule === 'case-number-format')
        .map((f) => f.severity),
      ['information'],
    );
    const { config } = resolveConfig({ caseNumberPatterns: ['[0-9]{4}-[0-9]{3}'] }, RULE_IDS, DEFAULT_SEVERITIES);
    assert.deepStrictEqual(
      lintText(text, config).findings.filter((f) => f.rule === 'case-number-format'),
      [],
    );
  });

  it("judges case numbers by the document's own scheme", () => {
    const own = (n: string) =>
      HEADER +
      item(1, 'A', DECISION('Godkendt.'), '2024-123') +
      item(2, 'B', DECISION('Godkendt.'), '2024-124') +
      item(3, 'C', DECISION('Godkendt.'), n);
    assert.deepStrictEqual(
      lintText(own('2024-125')).findings.filter((f) => f.rule === 'case-number-format'),
      [],
    );
    const broken = lintText(own('2024/12-5')).findings.filter((f) => f.rule === 'case-number-format');
    assert.deepStrictEqual(
      broken.map((f) => [f.severity, f.message.en]),
      [
        [
          'warning',
          'The case number "2024/12-5" is malformed: it fits neither the document\'s scheme (the document\'s own form, like 2024-123) nor a known one.',
        ],
      ],
    );
  });

  it('missing-decision names an item whose heading was lost by the line it starts at', () => {
    const text = fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'layouts', 'lost-headings-sections.txt'), 'utf8');
    const found = lintText(text).findings.filter((f) => f.rule === 'missing-decision');
    assert.deepStrictEqual(
      found.map((f) => [f.message.da, f.message.en]),
      [
        [
          'Punktet på linje 25 (overskriften mangler) har ingen beslutning.',
          'The item at line 25 (its heading lost) has no decision (Beslutning).',
        ],
      ],
    );
  });
});
