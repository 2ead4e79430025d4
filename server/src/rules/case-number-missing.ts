import { standingMatcher } from './case-numbers';
import type { Section, SectionKind } from '../core/model';
import { msg, type Rule } from './types';

/** Sections that only a case has: the account of the matter, its legal basis, its economy, who decides it. */
const CASE_TEXT = new Set<SectionKind>(['sagsfremstilling', 'lovgrundlag', 'oekonomi', 'beslutningskompetence']);

function isCaseText(section: Section): boolean {
  const body = section.bodyRange;
  return (
    CASE_TEXT.has(section.kind) &&
    (body.start.line !== body.end.line || body.start.character !== body.end.character || body.start.line !== section.line)
  );
}

/** An item without a case number where the document's other items have one. */
export const caseNumberMissing: Rule = {
  id: 'case-number-missing',
  description: msg('Et punkt mangler sagsnummer.', 'An item has no case number.'),
  defaultSeverity: 'warning',
  tags: ['case-numbers'],
  fixable: false,
  scope: 'document',
  reads: ['headings', 'caseNumbers'],
  check({ model, config }, report) {
    const isStanding = standingMatcher(config);
    const considered = model.items.filter((i) => !isStanding(i) && !i.closed);
    const withNumber = considered.filter((i) => i.caseNumbers.length > 0).length;
    // Only where the other items carry numbers consistently: at least two, and all but one in five.
    if (withNumber < 2 || considered.length - withNumber > Math.max(1, Math.floor(considered.length / 5))) return;
    for (const item of considered) {
      // A case has its case text; an item without (a dialogue meeting, a theme, a decision alone) is no case.
      if (item.caseNumbers.length > 0 || !item.sections.some(isCaseText)) continue;
      report({
        range: item.titleRange,
        message: msg(
          `Punkt ${item.numberText} har intet sagsnummer, men de andre punkter har.`,
          `Item ${item.numberText} has no case number, though the other items have one.`,
        ),
      });
    }
  },
};
