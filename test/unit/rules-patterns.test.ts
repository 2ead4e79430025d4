import * as assert from 'assert';
import { lintText } from '../../server/src/lint';
import type { Finding } from '../../server/src/rules/types';

/**
 * The patterns behind the false alarms of the real documents (issue 14), each as a fictional text
 * that must stay silent, beside its real-slip counterpart that must still be found.
 */

const HEADER = `# REFERAT Miljøudvalget d. 05-05-2025

**Mødedato** Mandag d. 5. maj 2025 kl. 17:00

**Mødedeltagere** Rasmus Lind (A), Hanna Ørum (V), Karl Bøgh Nielsen (F), Tove Storm (Ø)
`;

const item = (n: number, title: string, body: string, caseNumber = `25-00${1000 + n}`) =>
  `\n## Punkt ${n}: ${title}\n\nSagsnr.: ${caseNumber}\n\n${body}\n`;
const decision = (text: string, absence = 'Afbud: Tove Storm') => `### Beslutning\n\n${text}\n\n${absence}\n`;
const caseText = '### Sagsbeskrivelse\n\nSagen handler om en ny plan.\n\n';

function loud(text: string, rule: string): Finding[] {
  return lintText(text).findings.filter((f) => f.rule === rule && (f.severity === 'warning' || f.severity === 'error'));
}

describe('issue 14 patterns: silent where unsure, found where sure', () => {
  describe('absentees', () => {
    it('"Afbud fra Name" names the member, not "fra Name"', () => {
      const text =
        HEADER + item(1, 'A', decision('Godkendt.', 'Afbud fra Tove Storm')) + item(2, 'B', decision('Godkendt.', 'Afbud fra Tove Storm'));
      assert.deepStrictEqual(loud(text, 'absentee-not-member'), []);
      const items = lintText(text).parsed.model.items;
      assert.deepStrictEqual(
        items.map((i) => i.decision?.absentees.map((a) => a.name)),
        [['Tove Storm'], ['Tove Storm']],
      );
    });

    it('a substitute in a parenthesis of any length stays out of the name', () => {
      const text =
        HEADER +
        item(
          1,
          'A',
          decision('Godkendt.', 'Afbud: Tove Storm (Ø) (Stedfortræder: Jens Peter Kallehave, indkaldt for hele mødet og punkt 1 til 9)'),
        );
      assert.deepStrictEqual(loud(text, 'absentee-not-member'), []);
    });

    it("names in quoted history are not this meeting's absentees", () => {
      const history = '### Sagens forløb\n\n14-04-2025 Teknikudvalget\n\nAnbefales.\n\nFraværende: Gitte Holm\n';
      const text = HEADER + item(1, 'A', decision('Godkendt.') + '\n' + history) + item(2, 'B', decision('Godkendt.'));
      assert.deepStrictEqual(loud(text, 'absentee-not-member'), []);
      assert.deepStrictEqual(loud(text, 'absentee-inconsistent'), []);
    });

    it('a member absent from some items only is no slip; a stranger under Afbud still is', () => {
      const partial =
        HEADER +
        item(1, 'A', decision('Godkendt.')) +
        item(2, 'B', decision('Godkendt.', 'Afbud: Tove Storm, Hanna Ørum')) +
        item(3, 'C', decision('Godkendt.', 'Afbud: Tove Storm, Hanna Ørum'));
      assert.deepStrictEqual(loud(partial, 'absentee-inconsistent'), []);
      const stranger = HEADER + item(1, 'A', decision('Godkendt.', 'Afbud: Tove Stom'));
      assert.deepStrictEqual(
        loud(stranger, 'absentee-not-member').map((f) => f.fix?.edits[0].newText),
        ['Tove Storm'],
      );
    });

    it('a different spelling of the same member is still inconsistent where no member list says who is meant', () => {
      const noList =
        '# REFERAT Miljøudvalget d. 05-05-2025\n' +
        item(1, 'A', decision('Godkendt.', 'Afbud: Karl Bøgh')) +
        item(2, 'B', decision('Godkendt.', 'Afbud: Karl Bøg')) +
        item(3, 'C', decision('Godkendt.', 'Afbud: Karl Bøgh'));
      assert.deepStrictEqual(
        loud(noList, 'absentee-inconsistent').map((f) => f.fix?.edits[0].newText),
        ['Karl Bøgh'],
      );
    });

    it('offers no fix where two members are equally near', () => {
      const header = HEADER.replace('Tove Storm (Ø)', 'Tove Storm (Ø), Tove Stork (B)');
      const found = loud(header + item(1, 'A', decision('Godkendt.', 'Afbud: Tove Stor')), 'absentee-not-member');
      assert.strictEqual(found.length, 1);
      assert.strictEqual(found[0].fix, undefined);
    });
  });

  describe('decisions', () => {
    it("a decision first in the item, a closed item's one line and a standing item's short decision all count", () => {
      const text =
        HEADER +
        item(1, 'Godkendelse af dagsorden', decision('Ja.')) +
        item(2, 'Lukket: Køb af areal', 'Godkendt.') +
        item(3, 'Plan', decision('Godkendt.') + '\n' + caseText);
      assert.deepStrictEqual(loud(text, 'missing-decision'), []);
      assert.deepStrictEqual(loud(text, 'empty-decision'), []);
    });

    it('a substantive item with no decision text anywhere is found', () => {
      const text =
        HEADER +
        item(1, 'Godkendelse af dagsorden', decision('Godkendt.')) +
        item(2, 'Plan', caseText) +
        item(3, 'Budget', decision('Godkendt.'));
      assert.deepStrictEqual(
        loud(text, 'missing-decision').map((f) => f.range.start.line),
        [lintText(text).parsed.model.items[1].line],
      );
    });

    it('"Punkt 4. taget til efterretning." in a decision is text, not an item', () => {
      const text =
        HEADER +
        item(1, 'Plan', decision('Punkt 1. Godkendt.\n\nPunkt 2. Taget til efterretning.')) +
        item(2, 'Budget', decision('Godkendt.'));
      assert.deepStrictEqual(
        lintText(text).parsed.model.items.map((i) => i.number),
        [1, 2],
      );
      assert.deepStrictEqual(loud(text, 'item-numbering'), []);
    });
  });

  describe('decision dates', () => {
    it('dates of later meetings, deadlines and plans in Sagsprocedure and Tidsplan say nothing', () => {
      const procedure =
        '#### Sagsprocedure\n\nMiljøudvalget den 2. juni 2025 og Byrådet den 16. juni 2025.\n\n#### Tidsplan\n\n- Høring til 30.06.2025\n\n- Miljøudvalget 18.08.2025\n';
      assert.deepStrictEqual(loud(HEADER + item(1, 'Plan', decision('Godkendt.') + '\n' + procedure), 'decision-date'), []);
    });

    it('a decision heading dated another day is found, with the fix that sets the meeting date', () => {
      const text = HEADER + item(1, 'Plan', '### Beslutning i Miljøudvalget den 06-05-2025\n\nGodkendt.\n');
      assert.deepStrictEqual(
        loud(text, 'decision-date').map((f) => f.fix?.edits[0].newText),
        ['05-05-2025'],
      );
    });
  });

  describe('case numbers', () => {
    it('standing, recurring and closed items need none; a case without one is found', () => {
      const text =
        HEADER +
        item(1, 'Godkendelse af dagsorden', decision('Godkendt.'), '') +
        item(2, 'Orientering fra formanden', decision('Taget til efterretning.'), '') +
        item(3, 'Lukket: Køb af areal', 'Godkendt.', '') +
        item(4, 'Plan', caseText + decision('Godkendt.')) +
        item(5, 'Budget', caseText + decision('Godkendt.')) +
        item(6, 'Vandløb', caseText + decision('Godkendt.'), '');
      assert.deepStrictEqual(
        loud(text, 'case-number-missing').map((f) => f.range.start.line),
        [lintText(text).parsed.model.items[5].line],
      );
    });

    it("a number of the document's own scheme is right; a number that breaks it is found", () => {
      const own = (n: string) =>
        HEADER +
        item(1, 'A', decision('Godkendt.'), 'MIL-2025-0101') +
        item(2, 'B', decision('Godkendt.'), 'MIL-2025-0102') +
        item(3, 'C', decision('Godkendt.'), n);
      assert.deepStrictEqual(loud(own('MIL-2025-0103'), 'case-number-format'), []);
      assert.strictEqual(loud(own('MIL/2025/0103'), 'case-number-format').length, 1);
    });
  });

  describe('table of contents', () => {
    const toc = (entries: string[]) => `\n## Indholdsfortegnelse\n\n${entries.map((e, i) => `${i + 1}. ${e}`).join('\n')}\n`;
    it('titles compare as a reader would: spacing, dashes and case aside', () => {
      const text =
        HEADER +
        toc(['Godkendelse af  dagsorden', 'Budget 2026 – 2029', 'STATUS PÅ VANDPLANER']) +
        item(1, 'Godkendelse af dagsorden', decision('Godkendt.')) +
        item(2, 'Budget 2026 - 2029', decision('Godkendt.')) +
        item(3, 'Status på vandplaner', decision('Godkendt.'));
      assert.deepStrictEqual(loud(text, 'toc-mismatch'), []);
    });

    it('a word before " - " is part of the title unless the document codes every entry', () => {
      const text =
        HEADER +
        toc(['Godkendelse af dagsorden', 'KLIMA - Handleplan for skov']) +
        item(1, 'Godkendelse af dagsorden', decision('Godkendt.')) +
        item(2, 'KLIMA - Handleplan for skov', decision('Godkendt.'));
      assert.deepStrictEqual(loud(text, 'toc-mismatch'), []);
    });

    it('a title that really differs is found, with the fix from the heading', () => {
      const text =
        HEADER +
        toc(['Godkendelse af dagsorden', 'Handleplan for skove']) +
        item(1, 'Godkendelse af dagsorden', decision('Godkendt.')) +
        item(2, 'Handleplan for skov og natur', decision('Godkendt.'));
      assert.deepStrictEqual(
        loud(text, 'toc-mismatch').map((f) => f.fix?.edits[0].newText),
        ['Handleplan for skov og natur'],
      );
    });
  });
});
