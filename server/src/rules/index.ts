import { absenteeInconsistent } from './absentee-inconsistent';
import { absenteeNotMember } from './absentee-not-member';
import { caseNumberDuplicate } from './case-number-duplicate';
import { caseNumberFormat } from './case-number-format';
import { caseNumberFuture } from './case-number-future';
import { caseNumberMissing } from './case-number-missing';
import { decisionDate } from './decision-date';
import { emptyDecision } from './empty-decision';
import { itemNumbering } from './item-numbering';
import { layoutUncertain } from './layout-uncertain';
import { missingDecision } from './missing-decision';
import { tableSumMismatch } from './table-sum-mismatch';
import { tocMismatch } from './toc-mismatch';
import { dissentAbsentMember } from './dissent-absent-member';
import { signatureMismatch } from './signature-mismatch';
import { voteAbsentMember } from './vote-absent-member';
import { voteBothSides } from './vote-both-sides';
import { voteCountMismatch } from './vote-count-mismatch';
import { voteCountUnnamed } from './vote-count-unnamed';
import type { Item } from '../core/model';
import { EXPLAINED } from './absentee-inconsistent';
import type { Rule } from './types';

/** Every rule, in the order findings are reported. The one list that docs, schema and settings are checked against. */
export const RULES: readonly Rule[] = [
  layoutUncertain,
  missingDecision,
  emptyDecision,
  absenteeNotMember,
  absenteeInconsistent,
  tableSumMismatch,
  caseNumberMissing,
  caseNumberFormat,
  caseNumberFuture,
  caseNumberDuplicate,
  itemNumbering,
  tocMismatch,
  decisionDate,
  voteCountUnnamed,
  voteCountMismatch,
  voteAbsentMember,
  voteBothSides,
  dissentAbsentMember,
  signatureMismatch,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

/**
 * What the document-wide rules read of one item: its heading, case numbers and absentee list, and
 * the lines that explain an absence. When an edit leaves this the same (and moves no lines), the
 * document rules' findings stand; the incremental property test holds every rule to it.
 */
export function documentInputs(item: Item, lines: readonly string[]): string {
  const decision = item.decision;
  const explaining: string[] = [];
  for (let l = item.line; l <= item.endLine; l++) if (EXPLAINED.test(lines[l])) explaining.push(lines[l]);
  return JSON.stringify([
    item.number,
    item.numberText,
    item.numberRange,
    item.title,
    item.titleRange,
    item.headingRange,
    item.line,
    item.endLine,
    item.closed,
    item.caseNumbers,
    decision
      ? [decision.line, decision.afbudLine, decision.absentees, decision.afbudLine !== undefined ? lines[decision.afbudLine] : null]
      : null,
    explaining,
    item.signatures ?? null,
  ]);
}
