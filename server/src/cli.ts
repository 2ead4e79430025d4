import * as fs from 'fs';
import * as path from 'path';
import { parse } from './core/parse';
import { describeProblem, findConfigFile, readConfigFile } from './configFile';
import type { ResolvedConfig } from './config';
import { defaultConfig, fixAll, lintText, parseOptions } from './lint';
import type { Finding } from './rules/types';
import { collectFiles, readDocument, InputError as UsageError } from './files';

type Lang = 'da' | 'en';

interface Options {
  format: 'text' | 'json';
  config?: string;
  lang: Lang;
  fix: boolean;
  dumpModel?: string;
  inputs: string[];
}

const USAGE = `Usage: referat-lint [--format text|json] [--config FILE] [--lang da|en] [--fix] <file|dir|->...
       referat-lint --dump-model FILE

Lints Danish meeting minutes (referater). Directories are searched for .referat, .referat.md,
.referat.txt, and .md/.txt files that look like a referat; "-" reads standard input.
Exit code: 0 no warnings or errors, 1 some, 2 bad usage, an unreadable file or a bad config.`;


function defaultLang(): Lang {
  const env = process.env.REFERAT_LANG ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? '';
  return /^da/i.test(env) ? 'da' : 'en';
}

export function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { format: 'text', lang: defaultLang(), fix: false, inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--format' || a === '-f') {
      const v = value();
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, not "${v}"`);
      opts.format = v;
    } else if (a.startsWith('--format=')) {
      const v = a.slice(9);
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, not "${v}"`);
      opts.format = v;
    } else if (a === '--config' || a === '-c') opts.config = value();
    else if (a === '--lang') {
      const v = value();
      if (v !== 'da' && v !== 'en') throw new UsageError(`--lang must be da or en, not "${v}"`);
      opts.lang = v;
    } else if (a === '--fix') opts.fix = true;
    else if (a === '--dump-model') opts.dumpModel = value();
    else if (a === '-') opts.inputs.push(a);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else opts.inputs.push(a);
  }
  if (!opts.dumpModel && opts.inputs.length === 0) throw new UsageError('no files given');
  return opts;
}

interface FileResult {
  file: string;
  findings: Finding[];
}

function severityWord(s: Finding['severity'], lang: Lang): string {
  if (lang === 'en') return s;
  return { error: 'fejl', warning: 'advarsel', information: 'information', hint: 'tip' }[s];
}

function formatText(results: readonly FileResult[], lang: Lang): string {
  const lines: string[] = [];
  const count = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    for (const f of r.findings) {
      count[f.severity]++;
      lines.push(`${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${severityWord(f.severity, lang)} ${f.rule} ${f.message[lang]}`);
    }
  }
  const total = count.error + count.warning + count.information + count.hint;
  const files = results.length;
  lines.push(
    lang === 'da'
      ? `${total} fund (${count.error} fejl, ${count.warning} advarsler, ${count.information + count.hint} informationer) i ${files} ${files === 1 ? 'fil' : 'filer'}.`
      : `${total} ${total === 1 ? 'problem' : 'problems'} (${count.error} errors, ${count.warning} warnings, ${count.information + count.hint} infos) in ${files} ${files === 1 ? 'file' : 'files'}.`,
  );
  return lines.join('\n') + '\n';
}

function formatJson(results: readonly FileResult[], lang: Lang): string {
  return (
    JSON.stringify(
      results.map((r) => ({
        file: r.file,
        diagnostics: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message[lang], range: f.range })),
      })),
      null,
      2,
    ) + '\n'
  );
}

/** The model as JSON, with every line 0-based. */
export function dumpModel(text: string, config: ResolvedConfig): unknown {
  const { model, problems } = parse(text, parseOptions(config));
  return { ...model, problems };
}

function configFor(file: string, opts: Options, cache: Map<string, ResolvedConfig>): ResolvedConfig {
  const configFile = opts.config ?? (file === '-' ? findConfigFile(process.cwd()) : findConfigFile(path.dirname(path.resolve(file))));
  if (!configFile) return defaultConfig();
  const cached = cache.get(configFile);
  if (cached) return cached;
  if (!fs.existsSync(configFile)) throw new UsageError(`cannot read config ${configFile}: no such file`);
  const { config, problems } = readConfigFile(configFile);
  if (problems.length > 0) throw new UsageError(`bad config: ${describeProblem(problems[0], opts.lang)}`);
  cache.set(configFile, config);
  return config;
}

/** Runs the CLI; returns the exit code. Output goes through the given writers so tests can run it in-process too. */
export function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  let opts: Options;
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      out(USAGE + '\n');
      return 0;
    }
    if (argv.includes('--version')) {
      out(`${(require('../../../package.json') as { version: string }).version}\n`);
      return 0;
    }
    opts = parseArgs(argv);
  } catch (e) {
    err(`referat-lint: ${(e as Error).message}\n${USAGE.split('\n')[0]}\n`);
    return 2;
  }
  const cache = new Map<string, ResolvedConfig>();
  try {
    if (opts.dumpModel) {
      const config = configFor(opts.dumpModel, opts, cache);
      out(JSON.stringify(dumpModel(readDocument(opts.dumpModel), config), null, 2) + '\n');
      return 0;
    }
    const files = collectFiles(opts.inputs);
    const results: FileResult[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readDocument(file);
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const config = configFor(file, opts, cache);
      if (opts.fix && file !== '-') {
        const fixed = fixAll(text, config);
        if (fixed.text !== text) fs.writeFileSync(file, fixed.text);
        text = fixed.text;
      }
      results.push({ file, findings: lintText(text, config).findings });
    }
    out(opts.format === 'json' ? formatJson(results, opts.lang) : formatText(results, opts.lang));
    return results.some((r) => r.findings.some((f) => f.severity === 'error' || f.severity === 'warning')) ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`referat-lint: ${e.message}\n`);
      return 2;
    }
    err(`referat-lint: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
