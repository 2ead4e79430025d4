import * as fs from 'fs';
import * as path from 'path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { jsonErrorWords } from './jsonErrors';
import { resolveConfig, type ConfigProblem, type ReferatConfig, type ResolvedConfig } from './config';
import { DEFAULT_SEVERITIES } from './lint';
import { RULE_IDS } from './rules';

export const CONFIG_FILE_NAME = '.referatrc.json';

/** Finds the nearest `.referatrc.json` from a folder upwards. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads a config text (JSON with comments); a syntax error is one problem naming the line, and the defaults apply. */
export function readConfigText(text: string, file?: string, base?: ReferatConfig): { config: ResolvedConfig; problems: ConfigProblem[]; raw?: ReferatConfig } {
  const errors: ParseError[] = [];
  const raw = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0];
    const where = `line ${lineOf(text, e.offset)}`;
    const { config } = resolveConfig(base, RULE_IDS, DEFAULT_SEVERITIES, file);
    return {
      config,
      problems: [
        {
          file,
          key: '',
          offset: e.offset,
          message: {
            da: `Ugyldig JSON (${jsonErrorWords(e.error).da}, ${where.replace('line', 'linje')}); standardindstillingerne bruges.`,
            en: `Invalid JSON (${jsonErrorWords(e.error).en}, ${where}); the defaults are used.`,
          },
        },
      ],
    };
  }
  const merged = base ? mergeConfig(base, raw as ReferatConfig) : raw;
  const { config, problems } = resolveConfig(merged, RULE_IDS, DEFAULT_SEVERITIES, file);
  return { config, problems, raw: raw as ReferatConfig };
}

/** Settings first, the file over them: rules merge key by key, lists are replaced. */
export function mergeConfig(base: ReferatConfig, over: ReferatConfig | undefined): ReferatConfig {
  if (!over || typeof over !== 'object' || Array.isArray(over)) return { ...base, ...(over as object) };
  const rules = { ...(base.rules ?? {}), ...(typeof over.rules === 'object' && over.rules && !Array.isArray(over.rules) ? over.rules : {}) };
  const merged: ReferatConfig = { ...base, ...over };
  if (base.rules || (over.rules && typeof over.rules === 'object' && !Array.isArray(over.rules))) merged.rules = rules;
  return merged;
}

export function readConfigFile(file: string, base?: ReferatConfig): { config: ResolvedConfig; problems: ConfigProblem[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const { config } = resolveConfig(base, RULE_IDS, DEFAULT_SEVERITIES, file);
    return { config, problems: [{ file, key: '', message: { da: `Kan ikke læse filen: ${(e as Error).message}`, en: `Cannot read the file: ${(e as Error).message}` } }] };
  }
  return readConfigText(text, file, base);
}

export function describeProblem(p: ConfigProblem, lang: 'da' | 'en'): string {
  const where = p.file ? `${p.file}${p.key ? ` (${p.key})` : ''}` : p.key;
  return `${where}: ${p.message[lang]}`;
}
