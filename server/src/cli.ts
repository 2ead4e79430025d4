import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs as parseNodeArgs } from 'util';
import { Worker } from 'worker_threads';
import { configFor, fix, lint } from './api';
import { parse } from './core/parse';
import { ConfigLoader, describeProblem, type LoadedConfig } from './configFile';
import type { ResolvedConfig } from './config';
import { lintText, parseOptions } from './lint';
import { locator, type Whereabouts } from './formats';
import { packageVersion } from './packageInfo';
import type { Finding, Message } from './rules/types';
import {
  encodeDocument,
  findFiles,
  InputError,
  keepReferater,
  loadDocument,
  printableName,
  unwritableEncoding,
  writeFixedFile,
  type FileStamp,
  type LoadedDocument,
  type TextEncoding,
} from './files';
import { cacheFilePath, cacheKey, LintCache, type CachedResult } from './cliCache';
import {
  bodyIsEmpty,
  ChunkWriter,
  emptyCounts,
  footer,
  FORMATS,
  header,
  separator,
  summaryFor,
  fixLine,
  tooManyWarnings,
  writeFileBody,
  type Counts,
  type Format,
  type Lang,
  type Totals,
} from './cliFormat';

/** What linting one file needs to know; the same in the main thread and in every worker. */
export interface FileSettings {
  format: Format;
  lang: Lang;
  /** Compute the fixes (for --fix and --fix-dry-run). */
  fix: boolean;
  dryRun: boolean;
  quiet: boolean;
  reportUnusedDisables: boolean;
  /** --config FILE: that file instead of the search. */
  config?: string;
  /** The name standard input stands for (--stdin-filename). */
  stdinName?: string;
  cwd: string;
  /** --cache: the cache file, for the workers to read (it is used only when not fixing). */
  cacheFile?: string;
}

interface Options extends FileSettings {
  /** --jobs N: lint in N threads; without it, as many as the work pays for (see threadsFor). */
  jobs?: number;
  maxWarnings?: number;
  useIgnores: boolean;
  cache: boolean;
  cacheLocation?: string;
  dumpModel?: string;
  printConfig?: string;
  extract?: string;
  inputs: string[];
}

const USAGE = {
  en: `Usage: referat-lint [options] <file|dir|glob|->...
       referat-lint --print-config FILE | --dump-model FILE | --extract FILE

Lints Danish meeting minutes (referater). Folders are searched for .referat, .referat.md,
.referat.txt, and .md/.txt files that look like a referat; quoted glob patterns are expanded;
"-" reads standard input. PDF, Word (.docx) and web pages (.html, .htm) are read as text and
found in folders where that text looks like a referat; their findings name the page (PDF) or
the item; --fix leaves them as they are.

  -f, --format text|json|sarif|github|gitlab|junit   output format (default: text)
  -c, --config FILE          use this configuration file instead of searching for .referatrc.json
      --lang da|en           language of the messages (default: da)
      --fix                  apply every fix that has one right answer and write the files
      --fix-dry-run          print what --fix would change as a unified diff; writes nothing
      --max-warnings N       exit 1 only when there are more than N warnings (or any error)
      --quiet                report errors only
      --report-unused-disables  report referat-disable comments that silence nothing
      --stdin-filename NAME  with "-": the name (and so the configuration) of standard input
      --no-ignore            do not apply .referatignore or the configuration's "ignores"
      --cache                lint only files that changed since the last --cache run (or whose
                             configuration did); the others' findings come from .referatcache
      --cache-location PATH  the cache file, or a folder for .referatcache (default: .referatcache)
  -j, --jobs N               lint many files in N threads (default: as many as the amount of text
                             pays for, up to the number of CPUs)
      --print-config FILE    print the configuration that applies to FILE
      --dump-model FILE      print the document model of FILE as JSON
      --extract FILE         print the text that is linted, as read from a PDF, Word or HTML file
      --version, --help

Exit code: 0 clean (or warnings within --max-warnings), 1 errors or too many warnings,
2 bad usage, a bad configuration, an unreadable file or a file that could not be written.`,
  da: `Brug: referat-lint [tilvalg] <fil|mappe|glob|->...
       referat-lint --print-config FIL | --dump-model FIL | --extract FIL

Kontrollerer danske mødereferater. Mapper gennemsøges for .referat, .referat.md, .referat.txt
og .md/.txt-filer der ligner et referat; glob-mønstre i anførselstegn udfoldes; "-" læser
standardinput. PDF, Word (.docx) og websider (.html, .htm) læses som tekst og findes i mapper
hvor teksten ligner et referat; deres fund nævner siden (PDF) eller punktet; --fix lader dem
være som de er.

  -f, --format text|json|sarif|github|gitlab|junit   uddataformat (standard: text)
  -c, --config FIL           brug denne konfigurationsfil i stedet for at søge efter .referatrc.json
      --lang da|en           sproget i meddelelserne (standard: da)
      --fix                  anvend alle rettelser med ét rigtigt svar, og skriv filerne
      --fix-dry-run          vis hvad --fix ville ændre, som unified diff; skriver intet
      --max-warnings N       afslut med 1 kun ved mere end N advarsler (eller en fejl)
      --quiet                vis kun fejl
      --report-unused-disables  vis referat-disable-kommentarer der ikke skjuler noget
      --stdin-filename NAVN  med "-": navnet (og dermed konfigurationen) for standardinput
      --no-ignore            brug hverken .referatignore eller konfigurationens "ignores"
      --cache                kontrollér kun filer der er ændret siden sidste kørsel med --cache
                             (eller hvis konfiguration er); de andres fund kommer fra .referatcache
      --cache-location STI   cachefilen, eller en mappe til .referatcache (standard: .referatcache)
  -j, --jobs N               kontrollér mange filer i N tråde (standard: så mange som mængden af
                             tekst betaler sig for, højst antallet af CPU'er)
      --print-config FIL     vis konfigurationen der gælder for FIL
      --dump-model FIL       vis dokumentmodellen for FIL som JSON
      --extract FIL          vis teksten der kontrolleres, som den læses fra en PDF-, Word- eller HTML-fil
      --version, --help

Afslutningskode: 0 rent (eller advarsler inden for --max-warnings), 1 fejl eller for mange
advarsler, 2 forkert brug, en forkert konfiguration, en fil der ikke kan læses eller skrives.`,
};

/**
 * Bytes of text each thread must have before another is started by default. A worker costs about
 * 2 s of CPU before it lints at full speed (its modules load, and V8 optimises the engine anew in
 * every thread), about what 5 MB takes once warm: the corpus (11 MB) ran slower in two threads than
 * in one, the bench's 500 documents (25 MB) faster.
 */
const BYTES_PER_THREAD = 8 * 1000 * 1000;

/** A mistake on the command line: the CLI exits 2 with the message and the usage line. */
class UsageError extends Error {
  constructor(readonly text: Message) {
    super(text.en);
  }
}

function usage(da: string, en: string): UsageError {
  return new UsageError({ da, en });
}

function say(lang: Lang, m: Message): string {
  return m[lang];
}

/** The language asked for with --lang, read before the rest so that even a usage error is in it. */
function requestedLang(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice(7) : undefined;
    if (v === 'en' || v === 'da') return v;
  }
  return 'da';
}

function wholeNumber(name: string, v: string, min: number): number {
  if (!/^\d{1,9}$/.test(v) || Number(v) < min)
    throw usage(`${name} skal være et helt tal fra ${min}, ikke "${v}"`, `${name} must be a whole number from ${min}, not "${v}"`);
  return Number(v);
}

/**
 * `--opt value` as `--opt=value` for options that take a value, so that a value starting with a
 * dash (`--jobs -2`) is read as the value and then judged, as it is by other linters.
 */
function joinValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const long = a.startsWith('--')
      ? a.slice(2)
      : Object.entries(OPTION_SPEC).find(([, spec]) => 'short' in spec && `-${spec.short}` === a)?.[0];
    const spec = long !== undefined ? (OPTION_SPEC as Record<string, { type: string }>)[long] : undefined;
    if (spec?.type === 'string' && i + 1 < argv.length) out.push(`--${long}=${argv[++i]}`);
    else out.push(a);
  }
  return out;
}

export function parseArgs(argv: readonly string[], cwd = process.cwd()): Options {
  let parsed: ReturnType<typeof parseNodeArgs<{ options: typeof OPTION_SPEC; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseNodeArgs({ args: joinValues(argv), options: OPTION_SPEC, allowPositionals: true, strict: true });
  } catch (e) {
    const m = /'([^']+)'/.exec((e as Error).message);
    const what = m ? m[1] : (e as Error).message;
    if ((e as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw usage(`${what} skal have en værdi`, `${what} needs a value`);
    throw usage(`ukendt tilvalg ${what}`, `unknown option ${what}`);
  }
  const v = parsed.values;
  const format = (v.format ?? 'text') as Format;
  if (!FORMATS.includes(format))
    throw usage(`--format skal være ${FORMATS.join(', ')}, ikke "${format}"`, `--format must be ${FORMATS.join(', ')}, not "${format}"`);
  const lang = v.lang ?? 'da';
  if (lang !== 'da' && lang !== 'en') throw usage(`--lang skal være da eller en, ikke "${lang}"`, `--lang must be da or en, not "${lang}"`);
  const opts: Options = {
    format,
    lang,
    fix: Boolean(v.fix || v['fix-dry-run']),
    dryRun: Boolean(v['fix-dry-run']),
    quiet: Boolean(v.quiet),
    reportUnusedDisables: Boolean(v['report-unused-disables']),
    config: v.config,
    stdinName: v['stdin-filename'],
    cwd,
    jobs: v.jobs === undefined ? undefined : wholeNumber('--jobs', v.jobs, 1),
    maxWarnings: v['max-warnings'] === undefined ? undefined : wholeNumber('--max-warnings', v['max-warnings'], 0),
    useIgnores: !v['no-ignore'],
    cache: Boolean(v.cache),
    cacheLocation: v['cache-location'],
    dumpModel: v['dump-model'],
    printConfig: v['print-config'],
    extract: v.extract,
    inputs: parsed.positionals,
  };
  if (v.fix && v['fix-dry-run'])
    throw usage('--fix og --fix-dry-run kan ikke bruges sammen', '--fix and --fix-dry-run cannot be used together');
  if (opts.dryRun && format !== 'text')
    throw usage(
      '--fix-dry-run skriver en diff og kan ikke bruges med --format',
      '--fix-dry-run prints a diff and cannot be used with --format',
    );
  if (opts.stdinName !== undefined && !opts.inputs.includes('-'))
    throw usage('--stdin-filename kræver "-" blandt filerne', '--stdin-filename needs "-" among the files');
  if (opts.inputs.filter((i) => i === '-').length > 1) throw usage('"-" kan kun angives én gang', '"-" can be given once only');
  if (!opts.dumpModel && !opts.printConfig && !opts.extract && opts.inputs.length === 0)
    throw usage('ingen filer angivet', 'no files given');
  return opts;
}

const OPTION_SPEC = {
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  lang: { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  'report-unused-disables': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'no-ignore': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  'print-config': { type: 'string' },
  'dump-model': { type: 'string' },
  extract: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** One file linted: its formatted output, its counts, and what --fix is to write. */
export interface LintedFile {
  file: string;
  /** The file's part of the output, in pieces of bounded size; empty when it has no findings (except in JSON). */
  chunks: string[];
  counts: Counts;
  fixable: number;
  /** Findings fixed (with --fix or --fix-dry-run). */
  fixed: number;
  /** With --fix: the fixed text, the encoding to write it in, and (but for standard input) the stamp of the file it was made from. */
  write?: { text: string; encoding: TextEncoding; stamp?: FileStamp };
  /** With --fix: why the file, which has fixes, is not written (an encoding --fix does not write). */
  unwritable?: Message;
  /** With --fix on standard input that cannot be written back in its encoding: its bytes, printed back unchanged. */
  stdinBytes?: Uint8Array;
  /** With --fix-dry-run: the change as a unified diff. */
  diff?: string;
  /** Configuration problems met, already worded, each to be shown once per run. */
  configProblems: string[];
  /** Why the file could not be linted (it is then left out of the output). */
  failure?: string;
  /** Something to tell about the file that is no failure, already worded (a published file --fix leaves alone). */
  notice?: string;
  /** With --cache: the findings just made, for the cache (absolute path and entry). */
  cacheEntry?: { file: string; entry: CachedResult };
}

/** The model as JSON, with every line 0-based. */
export function dumpModel(text: string, config: ResolvedConfig): unknown {
  const { model, problems } = parse(text, parseOptions(config));
  return { ...model, problems };
}

/** Reads the configuration files as the CLI does: the --config file, or the search from each document's folder. */
export function configLoader(settings: FileSettings): { forDir: (dir: string) => LoadedConfig; forFile: (file: string) => LoadedConfig } {
  const loader = new ConfigLoader();
  const forDir = (dir: string): LoadedConfig =>
    settings.config ? loader.forFile(path.resolve(settings.cwd, settings.config)) : loader.forDir(path.resolve(settings.cwd, dir));
  const forFile = (file: string): LoadedConfig => {
    const named = file === '-' ? (settings.stdinName ?? path.join(settings.cwd, 'stdin')) : file;
    return forDir(path.dirname(path.resolve(settings.cwd, named)));
  };
  return { forDir, forFile };
}

function configProblemText(loaded: LoadedConfig, lang: Lang): string[] {
  return loaded.problems.map((p) =>
    lang === 'da' ? `fejl i konfigurationen: ${describeProblem(p, lang)}` : `bad config: ${describeProblem(p, lang)}`,
  );
}

function displayName(file: string, settings: FileSettings): string {
  return file === '-' ? (settings.stdinName ?? '-') : file;
}

/**
 * Reads, fixes (without writing) and lints one file. An unreadable file is a failure, not an
 * exception. The same code runs in-process and in the workers, so both give the same bytes.
 */
export async function lintFile(
  file: string,
  settings: FileSettings,
  forFile: (file: string) => LoadedConfig,
  sink?: (chunk: string) => void,
  cache?: LintCache,
): Promise<LintedFile> {
  const name = displayName(file, settings);
  const result: LintedFile = { file, chunks: [], counts: emptyCounts(), fixable: 0, fixed: 0, configProblems: [] };
  let text: string;
  let format: LoadedDocument['format'];
  let loadedDoc: LoadedDocument;
  try {
    loadedDoc = await loadDocument(file, settings.lang);
    ({ text, format } = loadedDoc);
  } catch (e) {
    if (e instanceof InputError && e.both) result.failure = e.both[settings.lang];
    else
      result.failure =
        settings.lang === 'da'
          ? `kan ikke læse ${printableName(name)}: ${errorCode(e)}`
          : `cannot read ${printableName(name)}: ${errorCode(e)}`;
    return result;
  }
  const encoding = loadedDoc.encoding ?? 'utf8';
  const unwritable = unwritableEncoding(encoding);
  const loaded = forFile(file);
  result.configProblems = configProblemText(loaded, settings.lang);
  // The Node API's lint and fix: the CLI runs the same engine as any other caller.
  const options = { config: loaded, ...(settings.reportUnusedDisables ? { reportUnusedDisables: true } : {}) };
  let findings: Finding[];
  let where: ((line: number) => Whereabouts) | undefined;
  // Standard input and --fix are never cached: the one cannot be named again, the other writes.
  const cacheAt = cache && file !== '-' && !settings.fix ? path.resolve(settings.cwd, file) : undefined;
  const key = cacheAt ? cacheKey(text, format ?? encoding, loaded, settings.reportUnusedDisables, version()) : '';
  const hit = cacheAt ? cache!.get(cacheAt, key) : undefined;
  if (hit) {
    findings = hit.findings;
    if (hit.where) {
      const places = new Map(hit.where);
      where = (line) => places.get(line) ?? {};
    }
  } else if (format) {
    // A published file's text cannot be written back: its findings go without fixes, and --fix leaves it alone.
    const linted = lintText(text, configFor(options));
    findings = linted.findings.map(({ fix: _fix, ...f }) => f);
    where = locator(
      linted.lines,
      format,
      linted.parsed.model.items.map((i) => i.line),
    );
    if (settings.fix) {
      const shown = printableName(name);
      result.notice =
        settings.lang === 'da'
          ? `${shown}: --fix retter ikke PDF-, Word- og HTML-filer; filen er uændret`
          : `${shown}: --fix does not change PDF, Word or HTML files; the file is left as it is`;
    }
  } else if (settings.fix && unwritable) {
    // Bytes that cannot be written back as they were are not fixed: the findings are the text's own.
    findings = lint(text, options);
    if (findings.some((f) => f.fix)) result.unwritable = unwritable;
    if (file === '-' && !settings.dryRun) result.stdinBytes = loadedDoc.bytes;
  } else if (settings.fix) {
    const fixed = fix(text, options);
    result.fixed = fixed.fixed;
    // Standard input is printed back even unchanged: it can be read only once.
    if (fixed.text !== text || file === '-') {
      if (settings.dryRun) result.diff = fixed.text === text ? undefined : await unifiedDiff(name, encoding, text, fixed.text);
      else result.write = { text: fixed.text, encoding, ...(loadedDoc.stamp ? { stamp: loadedDoc.stamp } : {}) };
    }
    findings = fixed.findings;
  } else findings = lint(text, options);
  if (cacheAt && !hit) {
    const places =
      where && [...new Set(findings.map((f) => f.range.start.line))].map((line): [number, Whereabouts] => [line, where!(line)]);
    result.cacheEntry = { file: cacheAt, entry: { key, findings, ...(places ? { where: places } : {}) } };
  }
  if (settings.quiet) findings = findings.filter((f) => f.severity === 'error');
  for (const f of findings) {
    result.counts[f.severity]++;
    if (f.fix) result.fixable++;
  }
  if (!settings.dryRun) {
    const writer = new ChunkWriter(sink ?? ((s) => result.chunks.push(s)));
    writeFileBody(name, findings, { format: settings.format, lang: settings.lang, cwd: settings.cwd }, writer, where);
    writer.flush();
  }
  return result;
}

/**
 * A file name as a diff header gives it so that `patch -p0` and `git apply` find the file: quoted
 * with C escapes where it holds a control character, a quote or a backslash (as git writes it),
 * and followed by a tab where it holds a space (GNU patch ends an unquoted name at a space otherwise).
 */
function diffHeaderName(name: string): string {
  if (/[\u0000-\u001f\u007f"\\]/.test(name)) {
    const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
    const escaped = name.replace(/[\u0000-\u001f\u007f"\\]/g, (c) => named[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
    return `"${escaped}"`;
  }
  return name.includes(' ') ? `${name}\t` : name;
}

/**
 * The change as a unified diff that `patch -p0` and `git apply` apply to the file: a BOM the file
 * keeps is part of its first line there, so it is in the diff's first line too.
 */
async function unifiedDiff(name: string, encoding: TextEncoding, before: string, after: string): Promise<string> {
  // The diff library is loaded only for --fix-dry-run.
  const { createTwoFilesPatch } = await import('diff');
  const bom = encoding === 'utf8-bom' ? '\uFEFF' : '';
  const lines = createTwoFilesPatch('a', 'a', bom + before, bom + after).split('\n');
  // The first four lines are the header: "Index:", a rule, "---" and "+++".
  const header = diffHeaderName(name);
  lines.splice(0, 4, `Index: ${printableName(name)}`, lines[1], `--- ${header}`, `+++ ${header}`);
  return lines.join('\n');
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? String((e as Error)?.message ?? e);
}

export type WorkerRequest = { batch: number; files: string[] };
export type WorkerReply = { batch: number; outcomes: LintedFile[] };
export type WorkerSettings = FileSettings;

/**
 * How many threads lint the files, the main thread included: --jobs when given (one file to a
 * thread at most), otherwise one for every BYTES_PER_THREAD of them, up to the number of CPUs.
 * The load average is no guide: it counts this run's own recent processes, and at a load of 2 on
 * 2 CPUs a second thread still gained 15% on the bench's folder. Standard input is read in the
 * main thread, so with it there is one.
 */
export function threadsFor(files: readonly string[], jobs: number | undefined, cpus = os.availableParallelism()): number {
  if (files.includes('-')) return 1;
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, files.length));
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += fs.statSync(f).size;
    } catch {
      // An unreadable file is reported when it is linted; it adds no work.
    }
  }
  return Math.max(1, Math.min(cpus, Math.floor(bytes / BYTES_PER_THREAD), files.length));
}

/** Yields to the event loop, so that the workers' replies are taken and they are sent their next batches. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Lints the files in `threads` threads, a batch at a time: the main thread is one of them (its
 * engine is loaded and warm already), the others are workers. Each outcome is handed on in file
 * order as soon as the ones before it are in.
 */
async function lintInThreads(
  files: readonly string[],
  settings: FileSettings,
  threads: number,
  forFile: (file: string) => LoadedConfig,
  take: (outcome: LintedFile) => void,
  cache?: LintCache,
): Promise<void> {
  const outcomes: Array<LintedFile | undefined> = new Array(files.length);
  // Small batches keep the threads evenly loaded when some files are much larger than others.
  const batchSize = Math.max(1, Math.min(16, Math.floor(files.length / (threads * 8))));
  let next = 0;
  let handed = 0;
  const claim = (): { from: number; to: number } | undefined => {
    if (next >= files.length) return undefined;
    const from = next;
    next = Math.min(files.length, next + batchSize);
    return { from, to: next };
  };
  const store = (from: number, done: readonly LintedFile[]): void => {
    done.forEach((outcome, k) => {
      outcomes[from + k] = outcome;
    });
    for (; handed < files.length && outcomes[handed]; handed++) {
      take(outcomes[handed]!);
      outcomes[handed] = undefined;
    }
  };
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = threads;
      const finished = (): void => {
        if (--running === 0) resolve();
      };
      const send = (worker: Worker): void => {
        const batch = claim();
        if (batch) worker.postMessage({ batch: batch.from, files: files.slice(batch.from, batch.to) } satisfies WorkerRequest);
        else finished();
      };
      for (let w = 1; w < threads; w++) {
        const worker = new Worker(path.join(__dirname, 'cliWorker.js'), { workerData: settings satisfies WorkerSettings });
        workers.push(worker);
        worker.on('message', (reply: WorkerReply) => {
          store(reply.batch, reply.outcomes);
          send(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`a lint worker stopped with exit code ${code}`));
        });
        send(worker);
      }
      void (async () => {
        for (let batch = claim(); batch; batch = claim()) {
          const done: LintedFile[] = [];
          for (let i = batch.from; i < batch.to; i++) {
            done.push(await lintFile(files[i], settings, forFile, undefined, cache));
            // After every file, so that a worker waits for its next batch no longer than one file takes here.
            await nextTurn();
          }
          store(batch.from, done);
        }
        finished();
      })().catch(reject);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function printConfig(opts: Options, out: (s: string) => void, err: (s: string) => void): number {
  const { forFile } = configLoader(opts);
  const loaded = forFile(path.resolve(opts.cwd, opts.printConfig!));
  for (const p of configProblemText(loaded, opts.lang)) err(`referat-lint: ${p}\n`);
  const { caseNumberPatterns: _compiled, ...config } = loaded.config;
  const shown = { files: loaded.files, ...config, caseNumberPatterns: loaded.merged.caseNumberPatterns ?? [], ignores: loaded.ignores };
  out(JSON.stringify(shown, null, 2) + '\n');
  return loaded.problems.length > 0 ? 2 : 0;
}

function version(): string {
  return packageVersion();
}

/** Runs the CLI; resolves to the exit code. Output goes through the given writers so tests can run it in-process too. */
export async function main(
  argv: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
  /** Bytes for standard output: --fix on standard input prints a text back in its own encoding. */
  outBytes: (b: Uint8Array) => void = (b) => process.stdout.write(b),
): Promise<number> {
  const lang0 = requestedLang(argv);
  let opts: Options;
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      out(USAGE[lang0] + '\n');
      return 0;
    }
    if (argv.includes('--version')) {
      out(`${version()}\n`);
      return 0;
    }
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`referat-lint: ${say(lang0, e.text)}\n${USAGE[lang0].split('\n')[0]}\n`);
    return 2;
  }
  const { lang } = opts;
  const note = (m: Message | string): void => err(`referat-lint: ${typeof m === 'string' ? m : say(lang, m)}\n`);
  try {
    if (opts.printConfig) return printConfig(opts, out, err);
    if (opts.extract) {
      out((await loadDocument(opts.extract, lang, { anyText: true })).text);
      return 0;
    }
    if (opts.dumpModel) {
      const config = configLoader(opts).forFile(opts.dumpModel).config;
      out(JSON.stringify(dumpModel((await loadDocument(opts.dumpModel, lang)).text, config), null, 2) + '\n');
      return 0;
    }
    return await lintRun(opts, out, note, outBytes);
  } catch (e) {
    if (e instanceof InputError) {
      note(e.both ?? e.message);
      return 2;
    }
    note(`${lang === 'da' ? 'intern fejl' : 'internal error'}: ${(e as Error).stack ?? e}`);
    return 2;
  }
}

async function lintRun(
  opts: Options,
  out: (s: string) => void,
  note: (m: Message | string) => void,
  outBytes: (b: Uint8Array) => void,
): Promise<number> {
  const { lang } = opts;
  const { forDir, forFile } = configLoader(opts);
  const found = findFiles(opts.inputs, { cwd: opts.cwd, useIgnores: opts.useIgnores, configIgnores: (dir) => forDir(dir).ignores });
  let failed = found.problems.length > 0 || found.unmatched.length > 0;
  for (const p of found.problems) note(p);
  for (const u of found.unmatched)
    note({ da: `intet referat passer til ${printableName(u)}`, en: `no referat matches ${printableName(u)}` });
  for (const { file, as } of found.sameFiles) {
    const [shown, kept] = [printableName(file), printableName(as)];
    if (opts.fix)
      note({
        da: `${shown} er samme fil som ${kept} (via et link) og rettes én gang, som ${kept}`,
        en: `${shown} is the same file as ${kept} (through a link) and is fixed once, as ${kept}`,
      });
    else
      note({
        da: `${shown} er samme fil som ${kept} (via et link) og kontrolleres én gang, som ${kept}`,
        en: `${shown} is the same file as ${kept} (through a link) and is linted once, as ${kept}`,
      });
  }
  for (const l of found.linksOut)
    note({
      da: `${printableName(l)} er et link til en mappe uden for de angivne mapper og følges ikke (angiv den for at kontrollere den)`,
      en: `${printableName(l)} is a link to a folder outside the folders named and is not followed (name it to lint it)`,
    });
  for (const f of found.ignored)
    note({
      da: `${printableName(f)} springes over af et ignore-mønster (--no-ignore kontrollerer den)`,
      en: `${printableName(f)} is left out by an ignore pattern (--no-ignore lints it)`,
    });
  // Published files found in folders stay where their text looks like a referat; the others are noted and left out.
  const { files, skipped, leftOut } = await keepReferater(found.files, opts.inputs, lang);
  for (const s of [...skipped, ...leftOut]) note({ da: `sprunget over: ${s}`, en: `skipped: ${s}` });
  if (files.length === 0 && found.ignored.length === 0) {
    if (!failed) note({ da: 'ingen filer at kontrollere', en: 'no files to lint' });
    return 2;
  }

  // --cache: the findings of unchanged files come from the cache file; --fix writes files, so it reads and keeps none.
  let cache: LintCache | undefined;
  if (opts.cache && opts.fix)
    note({ da: '--cache bruges ikke med --fix og --fix-dry-run', en: '--cache is not used with --fix and --fix-dry-run' });
  else if (opts.cache) {
    const loadedCache = LintCache.load(cacheFilePath(opts.cacheLocation, opts.cwd), version());
    if (loadedCache.problem) note(loadedCache.problem);
    cache = loadedCache.cache;
  }
  const ctx = { format: opts.format, lang, cwd: opts.cwd };
  const stdinFix = opts.fix && !opts.dryRun && files.includes('-');
  // With --fix on standard input, the fixed text is the output; the report goes to stderr.
  const reportOut = stdinFix ? (s: string): void => note(s.replace(/\n$/, '')) : out;
  const writer = new ChunkWriter(reportOut);
  const totals: Totals = { counts: emptyCounts(), fixable: 0, files: 0, fixed: 0, fixedFiles: 0 };
  const shownProblems = new Set<string>();
  let wroteAny = false;
  if (!opts.dryRun) writer.write(header(ctx, version()));

  const startBody = (empty: boolean): void => {
    if (empty) return;
    if (wroteAny) writer.write(separator(opts.format));
    wroteAny = true;
  };
  const finish = (r: LintedFile): void => {
    for (const p of r.configProblems) {
      if (shownProblems.has(p)) continue;
      shownProblems.add(p);
      failed = true;
      note(p);
    }
    if (r.failure) {
      failed = true;
      note(r.failure);
      return;
    }
    if (r.notice) note(r.notice);
    if (r.cacheEntry) cache?.set(r.cacheEntry.file, r.cacheEntry.entry);
    totals.files++;
    for (const s of Object.keys(totals.counts) as Array<keyof Counts>) totals.counts[s] += r.counts[s];
    totals.fixable += r.fixable;
    if (r.diff) out(r.diff);
    if (r.fixed > 0 && (r.write || r.diff || r.file === '-')) {
      totals.fixed += r.fixed;
      totals.fixedFiles++;
    }
    if (r.unwritable) {
      const shown = printableName(displayName(r.file, opts));
      if (opts.dryRun)
        note({ da: `ville ikke skrive ${shown}: filen ${r.unwritable.da}`, en: `would not write ${shown}: the file ${r.unwritable.en}` });
      else {
        failed = true;
        note({ da: `skrev ikke ${shown}: filen ${r.unwritable.da}`, en: `did not write ${shown}: the file ${r.unwritable.en}` });
      }
    }
    if (r.write && r.file !== '-' && r.write.stamp) {
      const outcome = writeFixedFile(r.file, r.write.stamp, r.write.text, r.write.encoding);
      const shown = printableName(r.file);
      if (outcome.written)
        note({
          da: `skrev ${shown} (${r.fixed} ${r.fixed === 1 ? 'rettelse' : 'rettelser'})`,
          en: `wrote ${shown} (${r.fixed} ${r.fixed === 1 ? 'fix' : 'fixes'})`,
        });
      else {
        failed = true;
        totals.fixed -= r.fixed;
        totals.fixedFiles--;
        note({ da: `skrev ikke ${shown}: filen ${outcome.reason.da}`, en: `did not write ${shown}: the file ${outcome.reason.en}` });
      }
    }
  };

  const threads = threadsFor(files, opts.jobs);
  if (threads > 1) {
    await lintInThreads(
      files,
      cache ? { ...opts, cacheFile: cache.file } : opts,
      threads,
      forFile,
      (r) => {
        if (!r.failure) {
          startBody(bodyIsEmpty(r.counts.error + r.counts.warning + r.counts.information + r.counts.hint, opts.format));
          for (const c of r.chunks) writer.write(c);
        }
        finish(r);
      },
      cache,
    );
  } else {
    for (const file of files) {
      // Formatted straight into the output: one file's findings are never held as one string.
      let started = false;
      const r = await lintFile(
        file,
        opts,
        forFile,
        (chunk) => {
          if (!started) startBody(false);
          started = true;
          writer.write(chunk);
        },
        cache,
      );
      if (!started && !r.failure && !opts.dryRun)
        startBody(bodyIsEmpty(r.counts.error + r.counts.warning + r.counts.information + r.counts.hint, opts.format));
      if (stdinFix && file === '-') {
        // Printed back in the encoding it came in (BOM included), or as it came where that cannot be done.
        if (r.write) {
          if (r.write.encoding === 'utf8') out(r.write.text);
          else outBytes(encodeDocument(r.write.text, r.write.encoding)!);
        } else if (r.stdinBytes) outBytes(r.stdinBytes);
      }
      finish(r);
    }
  }
  const unsaved = cache?.save();
  if (unsaved) note(unsaved);
  if (opts.dryRun) note(fixLine(totals, lang, true));
  else {
    const fixing = opts.fix ? fixLine(totals, lang, false) + '\n' : '';
    // JSON and SARIF stay one document: how many were fixed goes to stderr there.
    const plain = opts.format === 'text' || opts.format === 'github';
    if (fixing && !plain) note(fixing.trim());
    writer.write(footer(ctx, version(), wroteAny, (plain ? fixing : '') + summaryFor(totals, ctx)));
  }
  writer.flush();
  if (failed) return 2;
  const warnings = opts.quiet ? 0 : totals.counts.warning;
  if (totals.counts.error > 0) return 1;
  if (warnings <= (opts.maxWarnings ?? 0)) return 0;
  note(tooManyWarnings(warnings, opts.maxWarnings, lang));
  return 1;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
