import * as path from 'path';
import { resolveConfig, type ConfigProblem, type ReferatConfig, type ResolvedConfig } from './config';
import { loadConfig as loadConfigFiles, type LoadedConfig, type LoadOptions } from './configFile';
import { keepLineEnds } from './core/text';
import { DEFAULT_SEVERITIES, fixAll, lintText } from './lint';
import { ConfigLoader } from './configFile';
import { findFiles, keepReferater, loadDocument } from './files';
import { extractDocument, type PublishedFormat } from './formats';
import { rulePageUrl } from './packageInfo';
import { RULE_IDS, RULES } from './rules';
import type { Finding, Message, Severity } from './rules/types';

export type { Finding, Fix, Message, Severity, TextEdit } from './rules/types';
export type { ConfigProblem, ReferatConfig, ResolvedConfig } from './config';
export type { LoadedConfig } from './configFile';
export { keepLineEnds } from './core/text';

/** How `lint` and `fix` find their configuration. */
export interface LintOptions {
  /**
   * The configuration: an object as a `.referatrc.json` holds it, or what `loadConfig` returned.
   * Without it, the configuration files are searched up from `filePath`'s folder, or the defaults apply.
   */
  config?: ReferatConfig | LoadedConfig;
  /** The document's path, to find its configuration files. */
  filePath?: string;
  /** Report disable comments that silence nothing (rule `unused-disable`). */
  reportUnusedDisables?: boolean;
}

export interface FixResult {
  /** The text with every fix that has one right answer applied, in the text's own line ending. */
  text: string;
  /** How many findings were fixed. */
  fixed: number;
  /** The findings left in the fixed text. */
  findings: Finding[];
}

function isLoaded(c: ReferatConfig | LoadedConfig): c is LoadedConfig {
  return 'merged' in c && 'files' in c && 'config' in c;
}

/** The resolved configuration for the options; problems with a given object are thrown, as a caller's mistake. */
export function configFor(options: LintOptions = {}): ResolvedConfig {
  let config: ResolvedConfig;
  if (options.config && isLoaded(options.config)) config = options.config.config;
  else if (options.config) {
    const resolved = resolveConfig(options.config, RULE_IDS, DEFAULT_SEVERITIES);
    if (resolved.problems.length > 0) throw new Error(resolved.problems.map((p: ConfigProblem) => `${p.key}: ${p.message.en}`).join('; '));
    config = resolved.config;
  } else if (options.filePath) config = loadConfigFiles(path.dirname(path.resolve(options.filePath))).config;
  else config = resolveConfig(undefined, RULE_IDS, DEFAULT_SEVERITIES).config;
  return options.reportUnusedDisables === undefined ? config : { ...config, reportUnusedDisables: options.reportUnusedDisables };
}

/** The findings of a text, sorted by position; each message is in Danish and English. */
export function lint(text: string, options: LintOptions = {}): Finding[] {
  return lintText(text, configFor(options)).findings;
}

/** The text with every fix that has one right answer applied (as `referat-lint --fix`), and what is left. */
export function fix(text: string, options: LintOptions = {}): FixResult {
  const config = configFor(options);
  const fixed = fixAll(text, config);
  const out = keepLineEnds(text, fixed.text);
  // fixAll's last lint is of the fixed text; only line ends put back after it call for another.
  const findings = out === fixed.text && fixed.findings ? fixed.findings : lintText(out, config).findings;
  return { text: out, fixed: fixed.fixed, findings };
}

/** The configuration that applies to a document or folder, or that a `.json` file holds, with its problems. */
export function loadConfig(target: string, options: LoadOptions = {}): LoadedConfig {
  return loadConfigFiles(target, options);
}

/** A rule as the registry declares it, with the address of its page. */
export interface RuleInfo {
  id: string;
  description: Message;
  defaultSeverity: Severity;
  fixable: boolean;
  /** The rule's page in English; `<id>.da.md` beside it is the Danish one. */
  url: string;
}

/** Every rule, in the registry's order. */
export const rules: readonly RuleInfo[] = RULES.map((r) => ({
  id: r.id,
  description: r.description,
  defaultSeverity: r.defaultSeverity,
  fixable: r.fixable,
  url: rulePageUrl(r.id),
}));

/** The text the linter reads from a PDF, Word file or web page, and its format; a text file's own text. */
export async function extractText(file: string): Promise<{ text: string; format?: PublishedFormat }> {
  return extractDocument(file);
}

export interface LintFilesOptions {
  /** The folder relative inputs and `.referatignore` are read from; the process's by default. */
  cwd?: string;
  /** Apply `.referatignore` and the configuration's `ignores` (default true), as the CLI without `--no-ignore`. */
  useIgnores?: boolean;
  /** Language of the reasons given for files that could not be read. */
  lang?: 'da' | 'en';
}

export interface FileResult {
  file: string;
  findings: Finding[];
  /** Set for a published file (PDF, Word, web page) whose extracted text was linted; its findings carry no fixes. */
  format?: PublishedFormat;
}

export interface LintFilesResult {
  results: FileResult[];
  /** Inputs that matched nothing, folders or files that could not be read, with the reason. */
  problems: string[];
}

/**
 * Lints files as the CLI does: folders walked for referater, glob patterns expanded, ignores
 * applied, each file with the configuration found from its folder, PDF, Word and web pages read as
 * text. Results are in the CLI's order (by path, in code-point order).
 */
export async function lintFiles(inputs: readonly string[], options: LintFilesOptions = {}): Promise<LintFilesResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const lang = options.lang ?? 'da';
  const loader = new ConfigLoader();
  const found = findFiles(inputs, { cwd, useIgnores: options.useIgnores !== false, configIgnores: (dir) => loader.forDir(dir).ignores });
  const problems = [
    ...found.unmatched.map((i) => (lang === 'da' ? `intet referat svarer til ${i}` : `no referat matches ${i}`)),
    ...found.problems.map((p) => p[lang]),
  ];
  const kept = await keepReferater(found.files, inputs, lang);
  problems.push(...kept.skipped);
  const results: FileResult[] = [];
  for (const file of kept.files) {
    const abs = path.resolve(cwd, file);
    let doc: Awaited<ReturnType<typeof loadDocument>>;
    try {
      doc = await loadDocument(abs, lang);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
      continue;
    }
    const findings = lint(doc.text, { config: loader.forDir(path.dirname(abs)) });
    results.push(doc.format ? { file, format: doc.format, findings: findings.map(({ fix: _fix, ...f }) => f) } : { file, findings });
  }
  return { results, problems };
}
