/**
 * `npm run bench`: how fast the engine and the CLI are on large generated referater, against the
 * targets and against markdownlint on the same files. Not part of `npm test`.
 * `--quick` runs fewer repetitions and skips markdownlint on 10 MB; `--safety` runs only the
 * figures of issue 15 (test/bench/safety.ts).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, reanalyze, type Analysis, type TextChange } from '../../server/src/analysis';
import { collectFiles } from '../../server/src/files';
import { extractDocument } from '../../server/src/formats';
import { defaultConfig } from '../../server/src/lint';
import { corpusDir, repoRoot } from '../support/paths';
import { buildReferat, exampleParts, writeFolder } from './generate';
import { safetyFigures, type BenchTools, type FixPathFigures } from './safety';

const quick = process.argv.includes('--quick');
const safetyOnly = process.argv.includes('--safety');
const root = repoRoot();
const CLI = path.join(root, 'bin', 'referat-lint.js');
const CLI2 = path.join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const KB = 1000;
const MB = 1000 * KB;

interface Size {
  label: string;
  bytes: number;
  /** Runs of our full analysis and of keystrokes. */
  runs: number;
  /** Unmeasured runs before them: the engine runs slowly for its first few megabytes, until V8 has optimised it. */
  warmUp: number;
  /** Runs of markdownlint's full lint; 0 skips it. */
  markdownlintRuns: number;
  fullTarget?: number;
  keystrokeTarget?: number;
}

const SIZES: Size[] = [
  { label: '100 KB', bytes: 100 * KB, runs: quick ? 5 : 15, warmUp: quick ? 10 : 30, markdownlintRuns: quick ? 3 : 15 },
  {
    label: '1 MB',
    bytes: MB,
    runs: quick ? 5 : 15,
    warmUp: quick ? 1 : 2,
    markdownlintRuns: quick ? 1 : 3,
    fullTarget: 30,
    keystrokeTarget: 1,
  },
  { label: '10 MB', bytes: 10 * MB, runs: quick ? 2 : 5, warmUp: 1, markdownlintRuns: quick ? 0 : 1, fullTarget: 300, keystrokeTarget: 3 },
];
const COLD_START_RUNS = quick ? 3 : 7;
const FOLDER_FILES = 500;
const FOLDER_FILE_BYTES = 50 * KB;
const FOLDER_RUNS = quick ? 1 : 3;
/** markdownlint-cli2 takes minutes over the folder: one run, and none with --quick. */
const FOLDER_CLI2_RUNS = quick ? 0 : 1;
const COLD_START_CLI2_RUNS = quick ? 1 : 3;
/** Issue 19: the CLI on 1 MB at least this many times faster than markdownlint-cli2, and on 10 MB within 0.4 s. */
const CLI_RATIO_TARGET = 15;
const CLI_10MB_TARGET = 400;
const CLI_10MB_RUNS = quick ? 1 : 3;
/** markdownlint-cli2 takes minutes on 10 MB and long on the corpus: one run each, and none with --quick. */
const CLI2_SLOW_RUNS = quick ? 0 : 1;
const FIX_TARGET = 300;
const SERVER_FIX_TARGET = 300;
/** Issue 19: the real documents of ../shared/corpus in one CLI run. */
const CORPUS_TARGET = 1000;
const CORPUS_RUNS = quick ? 3 : 5;
const MEMORY_TARGET_MB = 400;
const FOLDER_TARGET = 3000;
/** A 50-page PDF referat of ours (test/fixtures/formats/generate.mjs). */
const LONG_PDF = path.join(root, 'test', 'fixtures', 'formats', 'long.pdf');
const PDF_RUNS = quick ? 3 : 7;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function medianOf(runs: number, warmUp: number, run: () => void): number {
  for (let i = 0; i < warmUp; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timed(run));
  return median(times);
}

function runProcess(command: string, args: readonly string[], cwd: string): { ms: number; status: number | null; stderr: string } {
  const start = performance.now();
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, LANG: 'C' } });
  const ms = performance.now() - start;
  if (r.error) throw r.error;
  return { ms, status: r.status, stderr: r.stderr };
}

/** Median wall time of a whole process, after `warmUp` uncounted runs (which warm the disk cache). */
function processMedian(
  runs: number,
  warmUp: number,
  command: string,
  args: readonly string[],
  cwd: string,
  okStatus: readonly number[],
): number {
  const times: number[] = [];
  for (let i = 0; i < warmUp + runs; i++) {
    const r = runProcess(command, args, cwd);
    if (r.status === null || !okStatus.includes(r.status))
      throw new Error(`${path.basename(args[0] ?? command)} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    if (i >= warmUp) times.push(r.ms);
  }
  return median(times);
}

/** A character typed in the middle of the document: the middle line of text, halfway along it. */
function middleOfText(lines: readonly string[]): { line: number; character: number } {
  for (let i = Math.floor(lines.length / 2); i < lines.length; i++) {
    const l = lines[i];
    if (l.length > 8 && !l.startsWith('#') && !l.includes('\t') && !/^\d/.test(l)) return { line: i, character: Math.floor(l.length / 2) };
  }
  return { line: Math.floor(lines.length / 2), character: 0 };
}

interface KeystrokeTimes {
  update: number;
  reanalysis: number;
  /** Whether the last re-analysis equals a full analysis of the same text (checked up to 1 MB). */
  agrees?: boolean;
}

/**
 * Types characters one after another in the middle of the document, as the language server
 * sees them: each change updates the document and re-analyses it from the previous analysis.
 */
function keystrokes(text: string, runs: number, warmUp: number): KeystrokeTimes {
  const config = defaultConfig();
  let document = TextDocument.create('file:///bench.referat.md', 'referat', 1, text);
  let previous: Analysis = analyze(text, config);
  const at = middleOfText(previous.lines);
  const updates: number[] = [];
  const reanalyses: number[] = [];
  for (let k = 0; k < warmUp + runs; k++) {
    const position = { line: at.line, character: at.character + k };
    const change: TextChange = { range: { start: position, end: position }, text: 'abcdefghijklmnopqrstuvwxyz'[k % 26] };
    const update = timed(() => {
      document = TextDocument.update(document, [change], document.version + 1);
    });
    const newText = document.getText();
    let next: Analysis | undefined;
    const reanalysis = timed(() => {
      next = reanalyze(previous, newText, [change], config);
    });
    previous = next!;
    if (k >= warmUp) {
      updates.push(update);
      reanalyses.push(reanalysis);
    }
  }
  const result: KeystrokeTimes = { update: median(updates), reanalysis: median(reanalyses) };
  if (text.length <= 2 * MB) {
    const full = analyze(previous.text, config);
    result.agrees =
      JSON.stringify(full.findings) === JSON.stringify(previous.findings) &&
      JSON.stringify(full.parsed) === JSON.stringify(previous.parsed);
  }
  return result;
}

type MarkdownlintSync = (options: { strings: Record<string, string> }) => Record<string, unknown[]>;

async function loadMarkdownlint(): Promise<MarkdownlintSync> {
  // markdownlint is ESM only; a plain import() would be compiled to require() under module commonjs.
  const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ lint: MarkdownlintSync }>;
  const entry = require.resolve('markdownlint/sync', { paths: [root] });
  return (await importModule(pathToFileURL(entry).href)).lint;
}

/** Peak resident memory of a fresh process that reads the file and analyses it once. */
function peakMemory(file: string): { peakMB: number; beforeMB: number; items: number } {
  const script = `
    const [analysisJs, lintJs, file] = process.argv.slice(1);
    const { analyze } = require(analysisJs);
    const { defaultConfig } = require(lintJs);
    const text = require('fs').readFileSync(file, 'utf8');
    const before = process.memoryUsage().rss;
    const result = analyze(text, defaultConfig());
    process.stdout.write(JSON.stringify({ peak: process.resourceUsage().maxRSS * 1024, before, items: result.parsed.model.items.length }));`;
  const out = path.join(root, 'out', 'server', 'src');
  const r = spawnSync(process.execPath, ['-e', script, path.join(out, 'analysis.js'), path.join(out, 'lint.js'), file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`the memory probe failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout) as { peak: number; before: number; items: number };
  return { peakMB: m.peak / MB, beforeMB: m.before / MB, items: m.items };
}

function ms(value: number): string {
  if (value >= 1000 && Number.isInteger(value / 1000)) return `${value / 1000} s`;
  if (value >= 10000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100 || Number.isInteger(value)) return `${Math.round(value)} ms`;
  if (value >= 1) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

function versus(target: number | undefined, value: number, unit: (v: number) => string = ms): string {
  if (target === undefined) return '';
  return ` ${value <= target ? '✓' : '✗'} (≤ ${unit(target)})`;
}

/** ✓ when ours is at least `times` times faster than theirs. */
function atLeast(times: number, ours: number, theirs: number | undefined): string {
  if (theirs === undefined) return '';
  return ` ${theirs / ours >= times ? '✓' : '✗'} (≥ ${times}×)`;
}

interface ProcessFigures {
  coldStart: number;
  coldStartCli2: number;
  cli10: number;
  cli10Cli2?: number;
  fixCli2?: number;
  corpus?: { ours: number; cli2?: number; documents: number };
}

/** Issue 19's targets, each beside markdownlint's figure from the same run where it has one. */
function issue19Table(
  rows: ReadonlyArray<{ size: Size; full: number; markdownlint?: number }>,
  p: ProcessFigures,
  fix: FixPathFigures,
): string[] {
  const theirs = (v: number | undefined, n = 1): string =>
    v === undefined ? (quick ? 'not run (--quick)' : 'not run') : `${ms(v)} (${runs(n)})`;
  const out = ['| issue 19 target | referat | markdownlint | ratio |', '|---|---|---|---|'];
  for (const r of rows) {
    if (r.size.fullTarget === undefined) continue;
    out.push(
      `| parse + all checks, ${r.size.label} (in-process) | ${ms(r.full)}${versus(r.size.fullTarget, r.full)} | ${theirs(r.markdownlint, r.size.markdownlintRuns)} | ${ratio(r.full, r.markdownlint)} |`,
    );
  }
  out.push(
    `| the CLI on 1 MB, whole process, \`--format json\` | ${ms(p.coldStart)} | ${theirs(p.coldStartCli2, COLD_START_CLI2_RUNS)} | ${ratio(p.coldStart, p.coldStartCli2)}${atLeast(CLI_RATIO_TARGET, p.coldStart, p.coldStartCli2)} |`,
  );
  out.push(
    `| the CLI on 10 MB, whole process (${runs(CLI_10MB_RUNS)}) | ${ms(p.cli10)}${versus(CLI_10MB_TARGET, p.cli10)} | ${theirs(p.cli10Cli2)} | ${ratio(p.cli10, p.cli10Cli2)} |`,
  );
  out.push(
    `| \`--fix\` on a copy of 1 MB, whole process | ${ms(fix.cliFix)}${versus(FIX_TARGET, fix.cliFix)} | ${theirs(p.fixCli2)} (\`--fix\`) | ${ratio(fix.cliFix, p.fixCli2)} |`,
  );
  out.push(
    `| quick fix at a finding on 5 MB in the server (a client that resolves) | ${ms(fix.quickFix)}${versus(SERVER_FIX_TARGET, fix.quickFix)} | — | — |`,
  );
  out.push(`| … resolving the rule's fix-all | ${ms(fix.ruleFixAll)}${versus(SERVER_FIX_TARGET, fix.ruleFixAll)} | — | — |`);
  out.push(`| … resolving source.fixAll.referat | ${ms(fix.sourceFixAll)}${versus(SERVER_FIX_TARGET, fix.sourceFixAll)} | — | — |`);
  out.push(
    `| quick fix on 5 MB, a client that does not resolve (fix-all edits in the answer) | ${ms(fix.eagerQuickFix)}${versus(SERVER_FIX_TARGET, fix.eagerQuickFix)} | — | — |`,
  );
  if (p.corpus)
    out.push(
      `| the corpus's ${p.corpus.documents} real documents in one CLI run (${runs(CORPUS_RUNS)}) | ${ms(p.corpus.ours)}${versus(CORPUS_TARGET, p.corpus.ours)} | ${theirs(p.corpus.cli2)} (\`**/*.txt\`) | ${ratio(p.corpus.ours, p.corpus.cli2)} |`,
    );
  else out.push("| the corpus's real documents in one CLI run | ../shared/corpus is absent: not measured | — | — |");
  out.push('');
  out.push(
    '1,000,000 short items (`Punkt N:` lines; target 3 s and 1 GB peak RSS) are measured by `npm run bench:cli`: about a minute on its own, too long for this bench.',
  );
  return out;
}

function ratio(ours: number, theirs: number | undefined): string {
  if (theirs === undefined) return '—';
  return ours <= theirs ? `${(theirs / ours).toFixed(1)}× faster` : `${(ours / theirs).toFixed(1)}× slower`;
}

function runs(n: number): string {
  return n === 1 ? '1 run' : `median of ${n}`;
}

function say(line: string): void {
  process.stderr.write(line + '\n');
}

async function main(): Promise<number> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-bench-'));
  try {
    const parts = exampleParts();
    const tools: BenchTools = { referat: (bytes) => buildReferat(parts, bytes).text, dir, quick, ms, versus, say };
    if (safetyOnly) {
      process.stdout.write((await safetyFigures(tools)).lines.join('\n') + '\n');
      return 0;
    }
    const config = defaultConfig();
    let mismatches = 0;

    // In-process: our full analysis and keystrokes, then markdownlint on the same texts.
    const rows: Array<{ size: Size; items: number; parsedAsExpected: boolean; full: number; keys: KeystrokeTimes; markdownlint?: number }> =
      [];
    const files = new Map<string, string>();
    for (const size of SIZES) {
      const { text, items, tocEntries: expectedToc } = buildReferat(parts, size.bytes);
      const file = path.join(dir, `bench-${size.label.replace(' ', '')}.referat.md`);
      fs.writeFileSync(file, text);
      files.set(size.label, file);
      const check = analyze(text, config);
      const found = check.parsed.model.items.length;
      const tocEntries = check.parsed.model.toc.length;
      const ok =
        found === items &&
        tocEntries === expectedToc &&
        !check.findings.some((f) => f.rule === 'item-numbering' || f.rule === 'toc-mismatch');
      if (!ok) mismatches++;
      say(
        `${size.label}: ${(text.length / MB).toFixed(2)} MB, ${items} items generated, ${found} parsed, ${expectedToc === 0 ? 'no table of contents' : `${tocEntries} in the table of contents`}, ${check.findings.length} findings ${ok ? '✓' : '✗'}`,
      );
      const full = medianOf(size.runs, size.warmUp, () => analyze(text, config));
      say(`  parse + all checks: ${ms(full)}`);
      const keys = keystrokes(text, size.runs, size.warmUp);
      say(
        `  keystroke: update ${ms(keys.update)}, re-analysis ${ms(keys.reanalysis)}${keys.agrees === undefined ? '' : keys.agrees ? ', equal to a full analysis' : ', DIFFERS from a full analysis'}`,
      );
      if (keys.agrees === false) mismatches++;
      rows.push({ size, items, parsedAsExpected: ok, full, keys });
    }
    const lint = await loadMarkdownlint();
    for (const row of rows) {
      if (row.size.markdownlintRuns === 0) continue;
      const text = fs.readFileSync(files.get(row.size.label)!, 'utf8');
      // Warmed up on the smallest document: a warm-up on the larger ones would cost as much as the runs.
      const warmText = fs.readFileSync(files.get(SIZES[0].label)!, 'utf8');
      for (let i = 0; i < SIZES[0].warmUp; i++) lint({ strings: { doc: warmText } });
      const times: number[] = [];
      for (let i = 0; i < row.size.markdownlintRuns; i++) times.push(timed(() => lint({ strings: { doc: text } })));
      row.markdownlint = median(times);
      say(`${row.size.label}: markdownlint ${ms(row.markdownlint)} (${runs(row.size.markdownlintRuns)})`);
    }

    // Whole processes.
    const oneMB = files.get('1 MB')!;
    const nodeAlone = processMedian(COLD_START_RUNS, 1, process.execPath, ['-e', ''], dir, [0]);
    const coldStart = processMedian(COLD_START_RUNS, 1, process.execPath, [CLI, '--format', 'json', oneMB], dir, [0, 1]);
    const coldStartCli2 = processMedian(COLD_START_CLI2_RUNS, 0, process.execPath, [CLI2, path.basename(oneMB)], dir, [0, 1]);
    say(`cold start on 1 MB: referat-lint ${ms(coldStart)}, markdownlint-cli2 ${ms(coldStartCli2)} (node alone ${ms(nodeAlone)})`);
    const tenMB = files.get('10 MB')!;
    const cli10 = processMedian(CLI_10MB_RUNS, 0, process.execPath, [CLI, '--format', 'json', tenMB], dir, [0, 1]);
    const cli10Cli2 =
      CLI2_SLOW_RUNS > 0 ? processMedian(CLI2_SLOW_RUNS, 0, process.execPath, [CLI2, path.basename(tenMB)], dir, [0, 1]) : undefined;
    say(`the CLI on 10 MB: referat-lint ${ms(cli10)}, markdownlint-cli2 ${cli10Cli2 === undefined ? 'not run' : ms(cli10Cli2)}`);
    // markdownlint-cli2 --fix on a copy of the same 1 MB, beside referat-lint --fix (measured with the server's figures below).
    const fixCopy = path.join(dir, 'cli2-fix.md');
    fs.copyFileSync(oneMB, fixCopy);
    const fixCli2 =
      CLI2_SLOW_RUNS > 0
        ? processMedian(CLI2_SLOW_RUNS, 0, process.execPath, [CLI2, '--fix', path.basename(fixCopy)], dir, [0, 1])
        : undefined;
    const corpus = corpusDir();
    let corpusRun: { ours: number; cli2?: number; documents: number } | undefined;
    if (corpus) {
      corpusRun = {
        ours: processMedian(CORPUS_RUNS, 1, process.execPath, [CLI, corpus], dir, [0, 1]),
        documents: collectFiles([corpus]).length,
      };
      if (CLI2_SLOW_RUNS > 0) corpusRun.cli2 = processMedian(CLI2_SLOW_RUNS, 0, process.execPath, [CLI2, '**/*.txt'], corpus, [0, 1]);
      say(
        `the corpus (${corpus}) in one CLI run: referat-lint ${ms(corpusRun.ours)}, markdownlint-cli2 ${corpusRun.cli2 === undefined ? 'not run' : ms(corpusRun.cli2)}`,
      );
    } else say('the corpus (../shared/corpus beside the repository) is absent: its row is skipped');
    const memory = peakMemory(files.get('10 MB')!);
    say(`peak memory on 10 MB: ${memory.peakMB.toFixed(0)} MB (${memory.beforeMB.toFixed(0)} MB before the analysis)`);

    const folder = path.join(dir, 'folder');
    const folderBytes = writeFolder(parts, folder, FOLDER_FILES, FOLDER_FILE_BYTES);
    const folderDefault = processMedian(FOLDER_RUNS, 1, process.execPath, [CLI, folder], dir, [0, 1]);
    say(`${FOLDER_FILES} documents: referat-lint (threads by the work) ${ms(folderDefault)}`);
    const folderOneJob = processMedian(FOLDER_RUNS, 0, process.execPath, [CLI, '--jobs', '1', folder], dir, [0, 1]);
    say(`${FOLDER_FILES} documents: referat-lint --jobs 1 ${ms(folderOneJob)}`);
    const folderTwoJobs = processMedian(FOLDER_RUNS, 0, process.execPath, [CLI, '--jobs', '2', folder], dir, [0, 1]);
    say(`${FOLDER_FILES} documents: referat-lint --jobs 2 ${ms(folderTwoJobs)}`);
    const folderCli2 =
      FOLDER_CLI2_RUNS > 0 ? processMedian(FOLDER_CLI2_RUNS, 0, process.execPath, [CLI2, '**/*.md'], folder, [0, 1]) : undefined;
    if (folderCli2 !== undefined) say(`${FOLDER_FILES} documents: markdownlint-cli2 ${ms(folderCli2)}`);

    // Reading a published file: the first extraction loads pdf.js, the later ones reuse it.
    const pdfStart = performance.now();
    const pdfPages = (await extractDocument(LONG_PDF)).pages?.at(-1);
    const pdfFirst = performance.now() - pdfStart;
    const pdfTimes: number[] = [];
    for (let i = 0; i < PDF_RUNS; i++) {
      const t = performance.now();
      await extractDocument(LONG_PDF);
      pdfTimes.push(performance.now() - t);
    }
    const pdfProcess = processMedian(PDF_RUNS, 1, process.execPath, [CLI, LONG_PDF], dir, [0, 1]);
    say(`${pdfPages}-page PDF: extraction ${ms(pdfFirst)} first, ${ms(median(pdfTimes))} after; referat-lint on it ${ms(pdfProcess)}`);

    // The report, as Markdown.
    const cpus = os.cpus();
    const out: string[] = [];
    out.push(
      `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}${quick ? '; --quick' : ''}.`,
    );
    out.push('');
    out.push(
      '| document | items (parsed as generated) | parse + all checks | markdownlint | ratio | keystroke: document update | keystroke: re-analysis |',
    );
    out.push('|---|---:|---|---|---|---|---|');
    for (const r of rows) {
      const s = r.size;
      out.push(
        `| ${s.label} | ${r.items} ${r.parsedAsExpected ? '✓' : '✗'} | ${ms(r.full)}${versus(s.fullTarget, r.full)} | ${r.markdownlint === undefined ? 'not run' : `${ms(r.markdownlint)} (${runs(s.markdownlintRuns)})`} | ${ratio(r.full, r.markdownlint)} | ${ms(r.keys.update)} | ${ms(r.keys.reanalysis)}${versus(s.keystrokeTarget, r.keys.reanalysis)} |`,
      );
    }
    out.push('');
    out.push(
      `In-process medians of ${SIZES.map((s) => `${s.runs} runs after ${s.warmUp} warm-up (${s.label})`).join(', ')}, and markdownlint's of ${SIZES.map((s) => `${s.markdownlintRuns} (${s.label})`).join(', ')}. A keystroke is one character typed in the middle of the document, each from the previous keystroke's analysis; the re-analysis is \`reanalyze\`, the update \`TextDocument.update\`.`,
    );
    out.push('');
    out.push('| whole process | referat-lint | markdownlint-cli2 | ratio |');
    out.push('|---|---|---|---|');
    out.push(
      `| cold start, 1 MB, \`--format json\` (${runs(COLD_START_RUNS)}) | ${ms(coldStart)} | ${ms(coldStartCli2)} (${runs(COLD_START_CLI2_RUNS)}) | ${ratio(coldStart, coldStartCli2)}${atLeast(CLI_RATIO_TARGET, coldStart, coldStartCli2)} |`,
    );
    out.push(
      `| peak memory (RSS), analysing 10 MB | ${memory.peakMB.toFixed(0)} MB${versus(MEMORY_TARGET_MB, memory.peakMB, (v) => `${v} MB`)} | — | — |`,
    );
    out.push(
      `| ${FOLDER_FILES} documents of ${FOLDER_FILE_BYTES / KB} KB (${(folderBytes / MB).toFixed(0)} MB), default threads (one per 8 MB, up to the ${os.availableParallelism()} CPUs) (${runs(FOLDER_RUNS)}) | ${ms(folderDefault)}${versus(FOLDER_TARGET, folderDefault)} | ${folderCli2 === undefined ? 'not run' : `${ms(folderCli2)} (${runs(FOLDER_CLI2_RUNS)})`} | ${ratio(folderDefault, folderCli2)} |`,
    );
    out.push(
      `| ${FOLDER_FILES} documents, \`--jobs 1\` (${runs(FOLDER_RUNS)}) | ${ms(folderOneJob)} | | ${ratio(folderOneJob, folderCli2)} |`,
    );
    out.push(
      `| ${FOLDER_FILES} documents, \`--jobs 2\` (this thread and a worker) (${runs(FOLDER_RUNS)}) | ${ms(folderTwoJobs)} | | ${ratio(folderTwoJobs, folderCli2)} |`,
    );
    out.push('');
    out.push(`| ${pdfPages}-page PDF (test/fixtures/formats/long.pdf) (${runs(PDF_RUNS)}) | ${ms(pdfProcess)} | — | — |`);
    out.push('');
    out.push(
      `Text extraction of that PDF in-process: ${ms(pdfFirst)} the first time (loading pdf.js included), ${ms(median(pdfTimes))} after (${runs(PDF_RUNS)}).`,
    );
    out.push('');
    out.push(
      `Node alone starts in ${ms(nodeAlone)}. Peak memory is the whole process's maxRSS (${memory.beforeMB.toFixed(0)} MB before the analysis, with the text read). markdownlint runs with its default rules: the \`markdownlint/sync\` API in-process, \`markdownlint-cli2\` as a process.`,
    );
    out.push('');
    const safety = await safetyFigures(tools);
    out.push(...issue19Table(rows, { coldStart, coldStartCli2, cli10, cli10Cli2, fixCli2, corpus: corpusRun }, safety.fixPath));
    out.push('');
    out.push(...safety.lines);
    process.stdout.write(out.join('\n') + '\n');
    say(`The bench took ${ms(performance.now() - started)}.`);
    if (mismatches > 0)
      say('Some generated documents did not parse as expected, or a re-analysis differed from a full analysis: see ✗ above.');
    return mismatches > 0 ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error)?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
