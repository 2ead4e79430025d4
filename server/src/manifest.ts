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
    da: 'Flere gyldige former for sagsnumre, som regulære udtryk i RE2-syntaks for hele nummeret (uden tilbagereferencer og lookaround).',
    en: 'More valid case-number forms, as regular expressions in RE2 syntax for the whole number (no back-references or look-around).',
  },
  memberAliases: {
    da: 'Andre stavemåder der betyder et medlem: { "Martin Stokholm": ["M. Stokholm"] }.',
    en: 'Other spellings that mean a member: { "Martin Stokholm": ["M. Stokholm"] }.',
  },
};

const LOCALE_DESCRIPTION: Message = {
  da: 'Sproget i Referat: meddelelser, knapper, statuslinje, disposition og regelsider. Standard er dansk; "auto" følger VS Codes visningssprog, som ikke findes på dansk.',
  en: 'The language of Referat: messages, buttons, status bar, outline and rule pages. Danish by default; "auto" follows VS Code\'s display language, which has no Danish.',
};

const FILES_DESCRIPTION: Message = {
  da: 'Filer der altid åbnes som referat, som globmønstre i forhold til arbejdsområdemappen (fx `møder/*.txt`). "Brug Referat" tilføjer filen eller mappen her.',
  en: 'Files always opened as a referat, as glob patterns relative to the workspace folder (e.g. `møder/*.txt`). "Use Referat" adds the file or folder here.',
};

/** Command titles: the Danish one under the command id, the English one under `<id>.en`, shown by `referat.locale`. */
const COMMAND_TITLES: Record<string, { title: Message; when?: string }> = {
  'referat.renumberItems': { title: { da: 'Omnummerér punkter', en: 'Renumber items' }, when: 'editorLangId == referat' },
  'referat.rebuildToc': {
    title: { da: 'Genopbyg indholdsfortegnelsen fra overskrifterne', en: 'Rebuild the table of contents from the headings' },
    when: 'editorLangId == referat',
  },
  'referat.lintWorkspace': { title: { da: 'Tjek alle referater i arbejdsområdet', en: 'Lint all referater in the workspace' } },
  'referat.useReferat': {
    title: { da: 'Brug Referat til denne fil, mappe eller et mønster …', en: 'Use Referat for this file, folder or a pattern …' },
    when: 'editorLangId == plaintext || editorLangId == markdown',
  },
  'referat.stopReferat': {
    title: { da: 'Åbn som almindelig tekst og glem valget', en: 'Open as plain text and forget the choice' },
    when: 'editorLangId == referat',
  },
  'referat.openAsText': { title: { da: 'Åbn som referattekst', en: 'Open as referat text' } },
};

/** Other strings VS Code shows from the manifest. */
const MANIFEST_STRINGS: Record<string, Message> = {
  'referat.semantic.itemHeading': { da: 'Overskriften på et dagsordenspunkt (Punkt)', en: 'The heading of an agenda item (Punkt)' },
  'referat.semantic.sectionHeading': { da: 'En afsnitsoverskrift i et punkt', en: 'A section heading within an item' },
  'referat.semantic.decisionHeading': { da: 'Beslutningsoverskriften', en: 'The decision heading (Beslutning)' },
  'referat.virtualWorkspaces': {
    da: 'Dokumenter tjekkes, men .referatrc.json-filer og "Tjek alle referater i arbejdsområdet" kræver filer på disken.',
    en: 'Documents are linted, but .referatrc.json files and "Lint all referater in the workspace" need files on disk.',
  },
};

/**
 * VS Code picks package.nls.json for every display language it has, and it has no Danish one: so
 * the Danish text comes first and the English follows, in one string.
 */
function bilingual(m: Message, markdown: boolean): string {
  return markdown ? `${m.da}\n\n*${m.en}*` : `${m.da} / ${m.en}`;
}

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
      description: `%referat.rules.${rule.id}%`,
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
  extends: {
    description: 'Files (relative paths) or presets (referat:recommended, referat:strict) this one applies over.',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  },
  root: { description: 'Stop looking for configuration files in the folders above.', type: 'boolean' },
  ignores: {
    description: "Files not to lint, in gitignore syntax, relative to this file's folder.",
    type: 'array',
    items: { type: 'string' },
  },
  reportUnusedDisables: { description: 'Report referat-disable comments that silence nothing (rule unused-disable).', type: 'boolean' },
};

/** The JSON schema of `.referatrc.json`. */
export function configSchema(): { [key: string]: Json } {
  const properties: { [key: string]: Json } = { $schema: { type: 'string' } };
  for (const [key, schema] of Object.entries(keySchemas())) properties[key] = { ...schema, description: KEY_DESCRIPTIONS[key].en };
  const rules = properties.rules as { properties: Record<string, { description: string }> };
  for (const rule of RULES) rules.properties[rule.id].description = ruleDescription(rule.id, 'en');
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
    'referat.locale': { type: 'string', enum: ['da', 'en', 'auto'], default: 'da', markdownDescription: '%referat.locale%' },
    'referat.files': { type: 'array', items: { type: 'string' }, default: [], markdownDescription: '%referat.files%', scope: 'resource' },
  };
  for (const [key, schema] of Object.entries(keySchemas())) {
    const setting: { [key: string]: Json } = { ...schema, markdownDescription: `%referat.${key}%`, scope: 'resource' };
    if (key === 'rules' || key === 'memberAliases') setting.default = {};
    properties[`referat.${key}`] = setting;
  }
  properties['referat.trace.server'] = {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    markdownDescription: '%referat.trace.server%',
    scope: 'window',
  };
  return { title: 'Referat', properties };
}

function ruleDescription(id: string, lang: 'da' | 'en'): string {
  const rule = RULES.find((r) => r.id === id)!;
  return lang === 'da'
    ? `${rule.description.da} (standard: ${rule.defaultSeverity})`
    : `${rule.description.en} (default: ${rule.defaultSeverity})`;
}

/** Every string of the manifest, in both languages, by its `%key%`. */
export function manifestMessages(): Record<string, Message> {
  const out: Record<string, Message> = {
    'referat.locale': LOCALE_DESCRIPTION,
    'referat.files': FILES_DESCRIPTION,
    'referat.trace.server': TRACE_DESCRIPTION,
    ...MANIFEST_STRINGS,
  };
  for (const [key, message] of Object.entries(KEY_DESCRIPTIONS)) out[`referat.${key}`] = message;
  for (const rule of RULES) out[`referat.rules.${rule.id}`] = { da: ruleDescription(rule.id, 'da'), en: ruleDescription(rule.id, 'en') };
  return out;
}

/** The entries of package.nls.json: command titles one language each, descriptions Danish then English. */
export function manifestStrings(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, { title }] of Object.entries(COMMAND_TITLES)) {
    out[id] = title.da;
    out[`${id}.en`] = title.en;
  }
  for (const [key, message] of Object.entries(manifestMessages()))
    out[key] = bilingual(message, !key.startsWith('referat.rules.') && !key.startsWith('referat.semantic.'));
  return out;
}

/** `contributes.commands` and the command palette's `when` clauses: one title per language, chosen by `referat.locale`. */
export function commandsContribution(): { commands: Json[]; commandPalette: Json[] } {
  const commands: Json[] = [];
  const commandPalette: Json[] = [];
  for (const [id, { when }] of Object.entries(COMMAND_TITLES)) {
    for (const [command, lang] of [
      [id, "config.referat.locale != 'en'"],
      [`${id}.en`, "config.referat.locale == 'en'"],
    ]) {
      commands.push({ command, title: `%${command}%`, category: 'Referat' });
      commandPalette.push({ command, when: when ? `(${when}) && ${lang}` : lang });
    }
  }
  return { commands, commandPalette };
}

/**
 * Editor defaults for referater: prose wraps, Danish punctuation is not flagged, no word-based
 * suggestions, and a PDF's page breaks (form feeds) are not drawn as red control-character boxes.
 */
export function languageDefaults(): { [key: string]: Json } {
  return {
    '[referat]': {
      'editor.wordWrap': 'on',
      'editor.wordBasedSuggestions': 'off',
      'editor.renderControlCharacters': false,
      'editor.unicodeHighlight.allowedCharacters': Object.fromEntries(
        ['–', '—', '‘', '’', '‚', '“', '”', '„', '«', '»', '…', '´', '·', '\u00a0'].map((c) => [c, true]),
      ),
    },
  };
}

/** Writes the schema, the settings and their strings into the repository: `npm run manifest`. */
function writeManifestFiles(root: string): void {
  // The registry's module is also read by the bundled server, which must not load the file system for it: only `npm run manifest` does.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('fs') as typeof import('fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('path') as typeof import('path');
  const writeJson = (file: string, value: unknown): void => fs.writeFileSync(path.join(root, file), JSON.stringify(value, null, 2) + '\n');
  const readJson = (file: string): Record<string, unknown> =>
    fs.existsSync(path.join(root, file)) ? (JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>) : {};
  fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
  writeJson('schemas/referatrc.schema.json', configSchema());
  const pkg = readJson('package.json') as { contributes: Record<string, unknown> };
  const { commands, commandPalette } = commandsContribution();
  pkg.contributes.commands = commands;
  pkg.contributes.menus = { ...(pkg.contributes.menus as object), commandPalette };
  pkg.contributes.configuration = settingsContribution();
  pkg.contributes.configurationDefaults = languageDefaults();
  writeJson('package.json', pkg);
  writeJson('package.nls.json', manifestStrings());
}

if (require.main === module) writeManifestFiles(process.argv[2] ?? process.cwd());
