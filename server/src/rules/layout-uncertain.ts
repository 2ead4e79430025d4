import { uncertainParts, type ReadPart } from '../core/certainty';
import { RULES } from './index';
import { msg, type Message, type Rule } from './types';

const PART_NAMES: Record<ReadPart, Message> = {
  headings: msg('punktoverskrifterne', 'the item headings'),
  caseNumbers: msg('sagsnumrene', 'the case numbers'),
  date: msg('mødedatoen', 'the meeting date'),
  members: msg('medlemslisten', 'the member list'),
  toc: msg('indholdsfortegnelsen', 'the table of contents'),
  decisions: msg('beslutningerne', 'the decisions'),
};

/** Why a part is in doubt, by the signal that did not hold (see core/certainty.ts). */
const DOUBTS: Record<string, Message> = {
  'items-found': msg('ingen punkter fundet', 'no items found'),
  'numbers-in-sequence': msg('numrene følger ikke hinanden', 'the numbers do not run in sequence'),
  'one-heading-shape': msg('overskrifterne har flere former', 'the headings take several shapes'),
  'sections-after-headings': msg(
    'der står hverken sagsnummer, afsnit eller beslutning under de fleste overskrifter',
    'most headings have no case number, section or decision below them',
  ),
  'agrees-with-toc': msg('de passer ikke med indholdsfortegnelsen', 'they do not match the table of contents'),
  'shared-scheme': msg('punkterne deler ikke én form', 'the items share no one form'),
  'header-date': msg('ingen dato i hovedet', 'no date in the header'),
  'decision-dates-agree': msg('beslutningsoverskrifterne har en anden dato', 'the decision headings give another date'),
  'names-look-like-names': msg('nogle linjer læses ikke som navne', 'some entries do not read as names'),
  'entries-match-items': msg('de fleste linjer svarer ikke til et punkt', 'most entries match no item'),
  'decisions-found': msg('under halvdelen af punkterne har en beslutning', 'fewer than half of the items have a decision'),
};

/**
 * The document's one note on what the parser could not read with certainty (issue 24), and which
 * checks are therefore off: those checks say nothing rather than guess (see lint.ts, `readsCertainly`).
 */
export const layoutUncertain: Rule = {
  id: 'layout-uncertain',
  description: msg(
    'Dele af dokumentets layout kunne ikke læses sikkert; kontrollerne der bygger på dem er slået fra.',
    "Parts of the document's layout could not be read with certainty; the checks that rely on them are off.",
  ),
  defaultSeverity: 'information',
  tags: ['layout'],
  fixable: false,
  scope: 'document',
  reads: [],
  check({ model, config }, report) {
    // With no item read the parser's own note says so, and no check has anything to miss.
    if (!model.certainty || model.items.length === 0) return;
    const parts = uncertainParts(model.certainty);
    if (parts.length === 0) return;
    const off = RULES.filter((r) => r.reads.some((p) => parts.includes(p)) && (config.rules[r.id] ?? r.defaultSeverity) !== 'off').map(
      (r) => r.id,
    );
    // Only parts that turn a check off are worth the reader's time.
    if (off.length === 0) return;
    const said = (lang: keyof Message): string =>
      parts
        .map((p) => {
          const why = model.certainty[p].signals
            .filter((s) => !s.holds)
            .map((s) => DOUBTS[s.id]?.[lang])
            .filter(Boolean);
          return `${PART_NAMES[p][lang]}${why.length > 0 ? ` (${why.join('; ')})` : ''}`;
        })
        .join(', ');
    report({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: msg(
        `Layoutet kunne ikke læses sikkert: ${said('da')}. Disse kontroller er derfor slået fra: ${off.join(', ')}.`,
        `The layout could not be read with certainty: ${said('en')}. These checks are therefore off: ${off.join(', ')}.`,
      ),
    });
  },
};
