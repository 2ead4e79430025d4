import { DEFAULT_DECISION_EXEMPTIONS, DEFAULT_STANDING_ITEMS } from './config';
import { RULES } from './rules';
import type { Message } from './rules/types';

/**
 * The configuration's shape, generated from the rule registry: the JSON schema of `.referatrc.json`
 * and the `referat.*` settings of the extension manifest. `npm run manifest` writes both; a test
 * fails when the files on disk have drifted from what this module generates.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SEVERITY_VALUES = ['off', 'hint', 'information', 'warning', 'error'];

const KEY_DESCRIPTIONS: Record<string, Message> = {
  rules: {
    da: 'Regler og deres alvor: "off", "hint", "information", "warning" eller "error" (true eller false slår en regel til eller fra med dens standardalvor).',
    en: 'Rules and their severity: "off", "hint", "information", "warning" or "error" (true or false turns a rule on or off at its default severity).',
  },
  decisionExemptions: {
    da: 'Punkter der ikke skal have en beslutning (missing-decision, empty-decision), læst som begyndelsen af punktets titel.',
    en: 'Items that need no decision (missing-decision, empty-decision), matched against the start of the item title.',
  },
  standingItems: {
    da: 'Faste punkter uden sagsnummer (case-number-missing, case-number-duplicate), læst som begyndelsen af punktets titel.',
    en: 'Standing items that have no case number (case-number-missing, case-number-duplicate), matched against the start of the item title.',
  },
  totalLabels: {
    da: 'Flere tekster der markerer en sumrække ud over "I alt", "Total" og "Samlet".',
    en: 'More labels that mark a total row, besides "I alt", "Total" and "Samlet".',
  },
  caseNumberPatterns: {
    da: 'Flere gyldige former for sagsnumre, som regulære udtryk for hele nummeret. Mønstre med indlejrede gentagelser afvises.',
    en: 'More valid case-number forms, as regular expressions for the whole number. Patterns with nested repetition are refused.',
  },
  memberAliases: {
    da: 'Andre stavemåder der betyder et medlem: { "Martin Stokholm": ["M. Stokholm"] }.',
    en: 'Other spellings that mean a member: { "Martin Stokholm": ["M. Stokholm"] }.',
  },
};

const LOCALE_DESCRIPTION: Message = {
  da: 'Sproget i Referats meddelelser: "auto" følger VS Codes visningssprog.',
  en: 'The language of Referat\'s messages: "auto" follows VS Code\'s display language.',
};

const TRACE_DESCRIPTION: Message = {
  da: 'Logger trafikken mellem VS Code og Referats sprogserver i outputpanelet.',
  en: 'Logs the traffic between VS Code and the Referat language server in the Output panel.',
};

function stringList(defaults?: readonly string[]): { [key: string]: Json } {
  return { type: 'array', items: { type: 'string' }, ...(defaults ? { default: [...defaults] } : {}) };
}

/** The value schemas of the configuration keys; descriptions are added by each consumer. */
function keySchemas(): Record<string, { [key: string]: Json }> {
  const ruleProperties: { [key: string]: Json } = {};
  for (const rule of RULES) {
    ruleProperties[rule.id] = {
      description: `${rule.description.en} (default: ${rule.defaultSeverity})`,
      oneOf: [{ enum: SEVERITY_VALUES }, { type: 'boolean' }],
    };
  }
  return {
    rules: { type: 'object', properties: ruleProperties, additionalProperties: false },
    decisionExemptions: stringList(DEFAULT_DECISION_EXEMPTIONS),
    standingItems: stringList(DEFAULT_STANDING_ITEMS),
    totalLabels: stringList([]),
    caseNumberPatterns: stringList([]),
    memberAliases: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  };
}

/** Keys only a `.referatrc.json` has (not settings): how files combine, and what the CLI leaves out. */
const FILE_KEYS: Record<string, { [key: string]: Json }> = {
  extends: { description: 'Files (relative paths) or presets (referat:recommended, referat:strict) this one applies over.', oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  root: { description: 'Stop looking for configuration files in the folders above.', type: 'boolean' },
  ignores: { description: 'Files not to lint, in gitignore syntax, relative to this file\'s folder.', type: 'array', items: { type: 'string' } },
  reportUnusedDisables: { description: 'Report referat-disable comments that silence nothing (rule unused-disable).', type: 'boolean' },
};

/** The JSON schema of `.referatrc.json`. */
export function configSchema(): { [key: string]: Json } {
  const properties: { [key: string]: Json } = { $schema: { type: 'string' } };
  for (const [key, schema] of Object.entries(keySchemas())) properties[key] = { description: KEY_DESCRIPTIONS[key].en, ...schema };
  Object.assign(properties, FILE_KEYS);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Referat configuration (.referatrc.json)',
    type: 'object',
    properties,
    additionalProperties: false,
  };
}

/** `contributes.configuration` of the extension manifest; descriptions are `%key%` references into package.nls*.json. */
export function settingsContribution(): { [key: string]: Json } {
  const properties: { [key: string]: Json } = {
    'referat.locale': { type: 'string', enum: ['auto', 'da', 'en'], default: 'auto', markdownDescription: '%referat.locale%' },
  };
  for (const [key, schema] of Object.entries(keySchemas())) {
    const setting: { [key: string]: Json } = { ...schema, markdownDescription: `%referat.${key}%`, scope: 'resource' };
    if (key === 'rules' || key === 'memberAliases') setting.default = {};
    properties[`referat.${key}`] = setting;
  }
  properties['referat.trace.server'] = { type: 'string', enum: ['off', 'messages', 'verbose'], default: 'off', markdownDescription: '%referat.trace.server%', scope: 'window' };
  return { title: 'Referat', properties };
}

/** The `package.nls.json` (English) or `package.nls.da.json` (Danish) entries this module needs. */
export function settingsStrings(lang: 'da' | 'en'): Record<string, string> {
  const out: Record<string, string> = { 'referat.locale': LOCALE_DESCRIPTION[lang], 'referat.trace.server': TRACE_DESCRIPTION[lang] };
  for (const [key, message] of Object.entries(KEY_DESCRIPTIONS)) out[`referat.${key}`] = message[lang];
  return out;
}

/** Writes the schema, the settings and their strings into the repository: `npm run manifest`. */
function writeManifestFiles(root: string): void {
  const fs = require('fs') as typeof import('fs');
  const path = require('path') as typeof import('path');
  const writeJson = (file: string, value: unknown): void => fs.writeFileSync(path.join(root, file), JSON.stringify(value, null, 2) + '\n');
  const readJson = (file: string): Record<string, unknown> =>
    fs.existsSync(path.join(root, file)) ? (JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>) : {};
  fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
  writeJson('schemas/referatrc.schema.json', configSchema());
  const pkg = readJson('package.json') as { contributes: Record<string, unknown> };
  pkg.contributes.configuration = settingsContribution();
  writeJson('package.json', pkg);
  writeJson('package.nls.json', { ...readJson('package.nls.json'), ...settingsStrings('en') });
  writeJson('package.nls.da.json', { ...readJson('package.nls.da.json'), ...settingsStrings('da') });
}

if (require.main === module) writeManifestFiles(process.argv[2] ?? process.cwd());
