import { absenteeInconsistent } from './absentee-inconsistent';
import { absenteeNotMember } from './absentee-not-member';
import { caseNumberDuplicate } from './case-number-duplicate';
import { caseNumberFormat } from './case-number-format';
import { caseNumberFuture } from './case-number-future';
import { caseNumberMissing } from './case-number-missing';
import { decisionDate } from './decision-date';
import { emptyDecision } from './empty-decision';
import { itemNumbering } from './item-numbering';
import { missingDecision } from './missing-decision';
import { tableSumMismatch } from './table-sum-mismatch';
import { tocMismatch } from './toc-mismatch';
import type { Rule } from './types';

/** Every rule, in the order findings are reported. The one list that docs, schema and settings are checked against. */
export const RULES: readonly Rule[] = [
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
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
