import { compilePattern, type TextPattern } from './patterns';
import type { Message, Severity } from './rules/types';
import { DEFAULT_DECISION_EXEMPTIONS, DEFAULT_STANDING_ITEMS } from './core/layout/standing';

export type RuleSetting = Severity | 'off';

/** Configuration as a `.referatrc.json` or the VS Code settings write it; every key optional. */
export interface ReferatConfig {
  rules?: Record<string, RuleSetting>;
  /** Items that need no decision (missing-decision, empty-decision). */
  decisionExemptions?: string[];
  /** Standing items: exempt from case-number-missing and case-number-duplicate. */
  standingItems?: string[];
  /** Extra labels of total rows. */
  totalLabels?: string[];
  /** Extra case-number forms, as regular expressions matched against the whole number. */
  caseNumberPatterns?: string[];
  /** Other spellings that mean a member: { "Martin Stokholm": ["M. Stokholm"] }. */
  memberAliases?: Record<string, string[]>;
  /** Report disable comments that silence nothing (rule `unused-disable`). */
  reportUnusedDisables?: boolean;
  /** Files that reference this one's settings, nearest last: paths or `referat:recommended` / `referat:strict`. */
  extends?: string | string[];
  /** Stop looking for configuration files in the folders above this one. */
  root?: boolean;
  /** Files not to lint, in gitignore syntax, relative to this file's folder (the CLI). */
  ignores?: string[];
}

export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  decisionExemptions: string[];
  standingItems: string[];
  totalLabels: string[];
  caseNumberPatterns: TextPattern[];
  memberAliases: Record<string, string[]>;
  reportUnusedDisables?: boolean;
}

export { DEFAULT_DECISION_EXEMPTIONS, DEFAULT_STANDING_ITEMS };

/** A problem with the configuration: shown once, and the defaults are used for the key. */
export interface ConfigProblem {
  file?: string;
  key: string;
  message: Message;
  /** Offset in the file, when known. */
  offset?: number;
}

/** Every key a configuration may have; `extends`, `root` and `ignores` are read by the file loader. */
export const CONFIG_KEYS: readonly string[] = [
  'rules',
  'decisionExemptions',
  'standingItems',
  'totalLabels',
  'caseNumberPatterns',
  'memberAliases',
  'reportUnusedDisables',
  'extends',
  'root',
  'ignores',
  '$schema',
];

const SETTINGS: ReadonlyArray<RuleSetting> = ['off', 'information', 'warning', 'error', 'hint'];

/**
 * Merges and checks a configuration object. Unknown keys, wrong types and unknown rule ids are
 * reported and ignored; the rest applies.
 */
export function resolveConfig(
  input: unknown,
  ruleIds: readonly string[],
  defaults: Record<string, RuleSetting>,
  file?: string,
): { config: ResolvedConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: ResolvedConfig = {
    rules: { ...defaults },
    decisionExemptions: [...DEFAULT_DECISION_EXEMPTIONS],
    standingItems: [...DEFAULT_STANDING_ITEMS],
    totalLabels: [],
    caseNumberPatterns: [],
    memberAliases: {},
  };
  const problem = (key: string, da: string, en: string): void => {
    problems.push({ file, key, message: { da, en } });
  };
  if (input === undefined || input === null) return { config, problems };
  if (typeof input !== 'object' || Array.isArray(input)) {
    problem('', 'Konfigurationen skal være et JSON-objekt.', 'The configuration must be a JSON object.');
    return { config, problems };
  }
  const obj = input as Record<string, unknown>;
  const stringList = (key: string): string[] | undefined => {
    const v = obj[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      problem(key, `"${key}" skal være en liste af tekster.`, `"${key}" must be a list of strings.`);
      return undefined;
    }
    return v as string[];
  };
  for (const key of Object.keys(obj)) {
    if (!CONFIG_KEYS.includes(key)) {
      problem(key, `Ukendt nøgle "${key}" ignoreres.`, `Unknown key "${key}" is ignored.`);
    }
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) {
      problem(
        'rules',
        '"rules" skal være et objekt: { "regel-id": "off" | "information" | "warning" | "error" }.',
        '"rules" must be an object: { "rule-id": "off" | "information" | "warning" | "error" }.',
      );
    } else {
      for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
        if (!ruleIds.includes(id)) {
          problem(`rules.${id}`, `Ukendt regel "${id}" ignoreres.`, `Unknown rule "${id}" is ignored.`);
        } else if (typeof value === 'boolean') {
          config.rules[id] = value ? defaults[id] : 'off';
        } else if (typeof value !== 'string' || !SETTINGS.includes(value as RuleSetting)) {
          problem(
            `rules.${id}`,
            `"rules.${id}" skal være "off", "information", "warning" eller "error".`,
            `"rules.${id}" must be "off", "information", "warning" or "error".`,
          );
        } else {
          config.rules[id] = value as RuleSetting;
        }
      }
    }
  }
  stringList('ignores');
  if (obj.root !== undefined && typeof obj.root !== 'boolean')
    problem('root', '"root" skal være true eller false.', '"root" must be true or false.');
  if (
    obj.extends !== undefined &&
    typeof obj.extends !== 'string' &&
    !(Array.isArray(obj.extends) && obj.extends.every((x) => typeof x === 'string'))
  ) {
    problem('extends', '"extends" skal være en tekst eller en liste af tekster.', '"extends" must be a string or a list of strings.');
  }
  if (obj.reportUnusedDisables !== undefined) {
    if (typeof obj.reportUnusedDisables !== 'boolean')
      problem(
        'reportUnusedDisables',
        '"reportUnusedDisables" skal være true eller false.',
        '"reportUnusedDisables" must be true or false.',
      );
    else config.reportUnusedDisables = obj.reportUnusedDisables;
  }
  const exemptions = stringList('decisionExemptions');
  if (exemptions) config.decisionExemptions = exemptions;
  const standing = stringList('standingItems');
  if (standing) config.standingItems = standing;
  const totals = stringList('totalLabels');
  if (totals) config.totalLabels = totals;
  const patterns = stringList('caseNumberPatterns');
  if (patterns) {
    for (const source of patterns) {
      const compiled = compilePattern(source);
      if ('pattern' in compiled) config.caseNumberPatterns.push(compiled.pattern);
      else problem('caseNumberPatterns', compiled.problem.da, compiled.problem.en);
    }
  }
  if (obj.memberAliases !== undefined) {
    const v = obj.memberAliases;
    if (
      typeof v !== 'object' ||
      v === null ||
      Array.isArray(v) ||
      !Object.values(v).every((x) => Array.isArray(x) && x.every((s) => typeof s === 'string'))
    ) {
      problem(
        'memberAliases',
        '"memberAliases" skal være et objekt: { "Navn": ["Andet navn"] }.',
        '"memberAliases" must be an object: { "Name": ["Other name"] }.',
      );
    } else {
      config.memberAliases = v as Record<string, string[]>;
    }
  }
  return { config, problems };
}
