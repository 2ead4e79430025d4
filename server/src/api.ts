import * as path from 'path';
import { resolveConfig, type ConfigProblem, type ReferatConfig, type ResolvedConfig } from './config';
import { loadConfig as loadConfigFiles, type LoadedConfig, type LoadOptions } from './configFile';
import { keepLineEnds } from './core/text';
import { DEFAULT_SEVERITIES, fixAll, lintText } from './lint';
import { RULE_IDS } from './rules';
import type { Finding } from './rules/types';

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
