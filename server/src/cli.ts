import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { parse } from './core/parse';
import { describeProblem, findConfigFile, readConfigFile } from './configFile';
import type { ResolvedConfig } from './config';
import { defaultConfig, fixAll, lintText, parseOptions } from './lint';
import type { Finding, Severity } from './rules/types';
import { collectFiles, keepReferater, loadDocument, InputError as UsageError, type LoadedDocument } from './files';
import { describeWhereabouts, locator, type Whereabouts } from './formats';

type Lang = 'da' | 'en';

/** What linting one file needs to know; the same in the main thread and in every worker. */
export interface FileSettings {
  format: 'text' | 'json';
  config?: string;
  lang: Lang;
  fix: boolean;
}

interface Options extends FileSettings {
  jobs: number;
  dumpModel?: string;
  extract?: string;
  inputs: string[];
}

const USAGE = `Usage: referat-lint [--format text|json] [--config FILE] [--lang da|en] [--fix] [--jobs N] <file|dir|->...
       referat-lint --dump-model FILE
       referat-lint --extract FILE

Lints Danish meeting minutes (referater). Directories are searched for .referat, .referat.md,
.referat.txt, and .md/.txt files that look like a referat; "-" reads standard input. PDF, Word (.docx)
and web pages (.html, .htm) are read as text, and found in folders where that text looks like a
referat; their findings name the page (PDF) or the item; --fix leaves them as they are.
--extract FILE prints the text that is linted, as read from a PDF, Word or HTML file.
--jobs N lints many files in N worker threads (default: the number of CPUs; 1 = no workers).
Exit code: 0 no warnings or errors, 1 some, 2 bad usage, an unreadable file or a bad config.`;

/** Fewer files than this are linted in-process: starting workers would cost more than it saves. */
const MIN_FILES_FOR_WORKERS = 17;
const MIN_FILES_PER_WORKER = 8;

function defaultLang(): Lang {
  const env = process.env.REFERAT_LANG ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? '';
  return /^da/i.test(env) ? 'da' : 'en';
}

export function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { format: 'text', lang: defaultLang(), fix: false, jobs: os.availableParallelism(), inputs: [] };
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
    else if (a === '--jobs' || a === '-j') opts.jobs = parseJobs(value());
    else if (a.startsWith('--jobs=')) opts.jobs = parseJobs(a.slice(7));
    else if (a === '--dump-model') opts.dumpModel = value();
    else if (a === '--extract') opts.extract = value();
    else if (a === '-') opts.inputs.push(a);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else opts.inputs.push(a);
  }
  if (!opts.dumpModel && !opts.extract && opts.inputs.length === 0) throw new UsageError('no files given');
  return opts;
}

function parseJobs(v: string): number {
  if (!/^[1-9]\d{0,3}$/.test(v)) throw new UsageError(`--jobs must be a whole number from 1, not "${v}"`);
  return Number(v);
}

type Counts = Record<Severity, number>;

/** One file's part of the output, already formatted, so that workers send back text rather than findings. */
export interface FileReport {
  /** The file's lines (text) or its array element (JSON), as they appear in the output. */
  body: string;
  counts: Counts;
}

/** A linted file: its report and, with --fix, the fixed text the main thread is to write. */
export interface LintedFile {
  report: FileReport;
  fixedText?: string;
}

function severityWord(s: Severity, lang: Lang): string {
  if (lang === 'en') return s;
  return { error: 'fejl', warning: 'advarsel', information: 'information', hint: 'tip' }[s];
}

function reportFile(file: string, findings: readonly Finding[], settings: FileSettings, where?: (line: number) => Whereabouts): FileReport {
  const counts: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  const { lang } = settings;
  if (settings.format === 'json') {
    const element = { file, diagnostics: findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message[lang], range: f.range, ...where?.(f.range.start.line) })) };
    // Indented one level, as it stands inside the output's array; JSON escapes every line break inside strings.
    return { body: '  ' + JSON.stringify(element, null, 2).split('\n').join('\n  '), counts };
  }
  let body = '';
  for (const f of findings) {
    const words = where && describeWhereabouts(where(f.range.start.line));
    body += `${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${severityWord(f.severity, lang)} ${f.rule} ${f.message[lang]}${words ? ` (${words[lang]})` : ''}\n`;
  }
  return { body, counts };
}

function formatReports(reports: readonly FileReport[], settings: FileSettings): string {
  if (settings.format === 'json') return reports.length === 0 ? '[]\n' : `[\n${reports.map((r) => r.body).join(',\n')}\n]\n`;
  const count: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reports) for (const s of Object.keys(count) as Severity[]) count[s] += r.counts[s];
  const total = count.error + count.warning + count.information + count.hint;
  const files = reports.length;
  const summary =
    settings.lang === 'da'
      ? `${total} fund (${count.error} fejl, ${count.warning} advarsler, ${count.information + count.hint} informationer) i ${files} ${files === 1 ? 'fil' : 'filer'}.`
      : `${total} ${total === 1 ? 'problem' : 'problems'} (${count.error} errors, ${count.warning} warnings, ${count.information + count.hint} infos) in ${files} ${files === 1 ? 'file' : 'files'}.`;
  return reports.map((r) => r.body).join('') + summary + '\n';
}

/** The model as JSON, with every line 0-based. */
export function dumpModel(text: string, config: ResolvedConfig): unknown {
  const { model, problems } = parse(text, parseOptions(config));
  return { ...model, problems };
}

function configFor(file: string, settings: FileSettings, cache: Map<string, ResolvedConfig>): ResolvedConfig {
  const configFile = settings.config ?? (file === '-' ? findConfigFile(process.cwd()) : findConfigFile(path.dirname(path.resolve(file))));
  if (!configFile) return defaultConfig();
  const cached = cache.get(configFile);
  if (cached) return cached;
  if (!fs.existsSync(configFile)) throw new UsageError(`cannot read config ${configFile}: no such file`);
  const { config, problems } = readConfigFile(configFile);
  if (problems.length > 0) throw new UsageError(`bad config: ${describeProblem(problems[0], settings.lang)}`);
  cache.set(configFile, config);
  return config;
}

/**
 * Reads, fixes (without writing) and lints one file. Throws a UsageError for an unreadable file or
 * a bad config. The same code runs in-process and in the workers, so both give the same bytes.
 */
export async function lintFile(file: string, settings: FileSettings, cache: Map<string, ResolvedConfig>): Promise<LintedFile> {
  let text: string;
  let format: LoadedDocument['format'];
  try {
    ({ text, format } = await loadDocument(file, settings.lang));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const config = configFor(file, settings, cache);
  let fixedText: string | undefined;
  // A fix cannot be written back into a PDF, Word or HTML file.
  if (settings.fix && file !== '-' && !format) {
    const fixed = fixAll(text, config);
    if (fixed.text !== text) fixedText = fixed.text;
    text = fixed.text;
  }
  const { findings, lines, parsed } = lintText(text, config);
  const where = format ? locator(lines, format, parsed.model.items.map((i) => i.line)) : undefined;
  return { report: reportFile(file, findings, settings, where), ...(fixedText !== undefined ? { fixedText } : {}) };
}

/** A file a worker could not lint: the message to exit 2 with, or an internal error's stack. */
export interface LintFailure {
  message: string;
  internal: boolean;
}

export type WorkerRequest = { batch: number; files: string[] };
export type WorkerReply = { batch: number; outcomes: Array<LintedFile | LintFailure> };
export type WorkerSettings = FileSettings;

async function lintInProcess(files: readonly string[], settings: FileSettings): Promise<FileReport[]> {
  const cache = new Map<string, ResolvedConfig>();
  const reports: FileReport[] = [];
  for (const file of files) {
    const linted = await lintFile(file, settings, cache);
    if (linted.fixedText !== undefined) fs.writeFileSync(file, linted.fixedText);
    reports.push(linted.report);
  }
  return reports;
}

/**
 * Lints the files in worker threads, a batch at a time, and then walks the outcomes in file order
 * as the in-process loop does: fixes are written up to the first failing file, which then ends the run.
 */
async function lintInWorkers(files: readonly string[], settings: FileSettings, jobs: number): Promise<FileReport[]> {
  const outcomes: Array<LintedFile | LintFailure | undefined> = new Array(files.length);
  const workerCount = Math.min(jobs, Math.ceil(files.length / MIN_FILES_PER_WORKER));
  // Small batches keep the workers evenly loaded when some files are much larger than others.
  const batchSize = Math.max(1, Math.min(16, Math.floor(files.length / (workerCount * 8))));
  let next = 0;
  let firstFailure = files.length;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = 0;
      const send = (worker: Worker): void => {
        // Files after a failure are not needed: the in-process loop would never have reached them.
        if (next >= files.length || next > firstFailure) {
          if (busy === 0) resolve();
          return;
        }
        const from = next;
        next = Math.min(files.length, next + batchSize);
        busy++;
        worker.postMessage({ batch: from, files: files.slice(from, next) } satisfies WorkerRequest);
      };
      for (let w = 0; w < workerCount; w++) {
        const worker = new Worker(path.join(__dirname, 'cliWorker.js'), { workerData: settings satisfies WorkerSettings });
        workers.push(worker);
        worker.on('message', (reply: WorkerReply) => {
          busy--;
          reply.outcomes.forEach((outcome, k) => {
            outcomes[reply.batch + k] = outcome;
            if ('message' in outcome) firstFailure = Math.min(firstFailure, reply.batch + k);
          });
          send(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`a lint worker stopped with exit code ${code}`));
        });
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const reports: FileReport[] = [];
  for (let i = 0; i < files.length; i++) {
    const outcome = outcomes[i]!;
    if ('message' in outcome) {
      if (!outcome.internal) throw new UsageError(outcome.message);
      const error = new Error(outcome.message);
      error.stack = outcome.message;
      throw error;
    }
    if (outcome.fixedText !== undefined) fs.writeFileSync(files[i], outcome.fixedText);
    reports.push(outcome.report);
  }
  return reports;
}

/** Runs the CLI; resolves to the exit code. Output goes through the given writers so tests can run it in-process too. */
export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
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
  const settings: FileSettings = { format: opts.format, config: opts.config, lang: opts.lang, fix: opts.fix };
  try {
    if (opts.extract) {
      out((await loadDocument(opts.extract, opts.lang)).text);
      return 0;
    }
    if (opts.dumpModel) {
      const config = configFor(opts.dumpModel, settings, new Map());
      out(JSON.stringify(dumpModel((await loadDocument(opts.dumpModel, opts.lang)).text, config), null, 2) + '\n');
      return 0;
    }
    const { files, skipped } = await keepReferater(collectFiles(opts.inputs), opts.inputs, opts.lang);
    for (const s of skipped) err(`referat-lint: ${opts.lang === 'da' ? 'sprunget over' : 'skipped'}: ${s}\n`);
    // Standard input belongs to the main thread, so a run that reads it stays in-process.
    const useWorkers = opts.jobs > 1 && files.length >= MIN_FILES_FOR_WORKERS && !files.includes('-');
    const reports = useWorkers ? await lintInWorkers(files, settings, opts.jobs) : await lintInProcess(files, settings);
    out(formatReports(reports, settings));
    return reports.some((r) => r.counts.error > 0 || r.counts.warning > 0) ? 1 : 0;
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
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
