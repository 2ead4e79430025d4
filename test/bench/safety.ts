/**
 * The figures of issue 15 for `npm run bench`: fixes applied on large documents, quick fixes in the
 * language server, member lists of thousands of names, a case-number pattern that backtracks in
 * JavaScript's engine, and a million `Punkt N:` lines in the server.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { resolveConfig } from '../../server/src/config';
import { applyEdits, DEFAULT_SEVERITIES, defaultConfig, fixAll, lintText, pickFixes } from '../../server/src/lint';
import { RULE_IDS } from '../../server/src/rules';
import { TestClient } from '../support/lsp';
import { repoRoot } from '../support/paths';

export interface BenchTools {
  /** A generated referat of about `bytes` characters, with the examples' slips. */
  referat(bytes: number): string;
  dir: string;
  quick: boolean;
  ms(value: number): string;
  versus(target: number | undefined, value: number): string;
  say(line: string): void;
}

const MB = 1000 * 1000;
const FIX_TARGET = 300;
const QUICK_FIX_TARGET = 300;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timedMedian(runs: number, run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function timedMedianAsync(runs: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The peak resident memory of a process so far (Linux), in MB. */
function peakMB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Fictional names at least three edits apart, and each with one letter changed. */
function names(n: number): { members: string[]; slips: string[] } {
  const a = 'bcdfghjklmnprstvwxzq';
  const b = 'aeiouyæøåáéíóúàèìòùâ';
  const syllable = (k: number): string => a[k % 20] + b[k % 20] + a[(k + 7) % 20];
  const cap = (s: string): string => s[0].toUpperCase() + s.slice(1);
  const members = Array.from(
    { length: n },
    (_, i) =>
      `${cap(syllable(i) + syllable(Math.floor(i / 20)))} ${cap(syllable(Math.floor(i / 400)) + syllable(Math.floor(i / 8000)))}sen`,
  );
  return { members, slips: members.map((m) => m.slice(0, 3) + (m[3] === 'q' ? 'w' : 'q') + m.slice(4)) };
}

function memberDocument(n: number): string {
  const { members, slips } = names(n);
  return `# REFERAT Kultur- og Fritidsudvalget d. 12-03-2025\n\n**Mødedeltagere** ${members.join(', ')}\n\n**Fraværende** ${slips.join(', ')}\n\n# Punkt 1: Godkendelse af dagsorden\n\n25/1\n\n## Beslutning i Kultur- og Fritidsudvalget den 12-03-2025\n\nGodkendt.\n\nAfbud: ${slips.join(', ')}\n`;
}

/** A quick fix at the first fixable finding, the fix-all of its rule resolved, and source.fixAll resolved, in the built server over stdio. */
async function serverQuickFix(
  text: string,
  resolving: boolean,
  runs: number,
): Promise<{ request: number; resolve?: number; resolveAll?: number }> {
  const client = await TestClient.start(
    resolving
      ? {
          textDocument: {
            codeAction: {
              codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
              resolveSupport: { properties: ['edit'] },
            },
          },
        }
      : {},
  );
  try {
    const uri = 'file:///tmp/referat-bench/quickfix.referat.md';
    await client.open(uri, text);
    const items = (await client.diagnostics(uri)).items!;
    const target = items.find((d) => d.code === 'table-sum-mismatch') ?? items.find((d) => d.code === 'item-numbering');
    if (!target) throw new Error('no fixable finding in the document');
    const ask = (): Promise<CodeAction[]> =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: target.range,
        context: { diagnostics: [target as Diagnostic] },
      });
    let actions: CodeAction[] = [];
    const request = await timedMedianAsync(runs, async () => {
      actions = await ask();
    });
    const all = actions.find((a) => a.title.startsWith('Fix all'));
    const resolve = resolving && all ? await timedMedianAsync(runs, () => client.request('codeAction/resolve', all)) : undefined;
    let resolveAll: number | undefined;
    if (resolving) {
      const [source] = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: target.range,
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      if (!source) throw new Error('no source.fixAll action on a document with fixes');
      resolveAll = await timedMedianAsync(runs, () => client.request('codeAction/resolve', source));
    }
    return { request, resolve, resolveAll };
  } finally {
    await client.stop();
  }
}

/** Opens a million `Punkt N:` lines in the server and pulls its diagnostics and outline: time and the server's peak memory. */
async function serverMillionItems(): Promise<{ open: number; outline: number; diagnostics: number; peak?: number }> {
  const lines: string[] = [];
  for (let i = 1; i <= 1000000; i++) lines.push(`Punkt ${i}:`);
  const text = `${lines.join('\n')}\n`;
  const client = await TestClient.start();
  try {
    const uri = 'file:///tmp/referat-bench/million.referat';
    const start = performance.now();
    await client.open(uri, text);
    const report = await client.diagnostics(uri);
    const open = performance.now() - start;
    const outlineStart = performance.now();
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    return { open, outline: performance.now() - outlineStart, diagnostics: report.items!.length, peak: peakMB(client.process.pid!) };
  } finally {
    await client.stop();
  }
}

/** Issue 19's figures of the fix path, for its table in bench.ts. */
export interface FixPathFigures {
  /** `referat-lint --fix` on a copy of 1 MB, whole process. */
  cliFix: number;
  /** The quick fix request at a finding on 5 MB, a client that resolves code actions. */
  quickFix: number;
  /** Resolving that rule's fix-all. */
  ruleFixAll: number;
  /** Resolving source.fixAll.referat. */
  sourceFixAll: number;
  /** The quick fix request, a client that does not resolve (the fix-all edits in the answer). */
  eagerQuickFix: number;
}

export async function safetyFigures(t: BenchTools): Promise<{ lines: string[]; fixPath: FixPathFigures }> {
  const out: string[] = [];
  const config = defaultConfig();
  const runs = t.quick ? 3 : 7;

  const oneMB = t.referat(MB);
  const fiveMB = t.referat(5 * MB);
  const fixes = lintText(oneMB, config).findings.filter((f) => f.fix).length;
  // The part of a fix-all that is its own: choosing the fixes and applying them, without the lints before and after.
  const applyOnly = (text: string): number => {
    const found = lintText(text, config)
      .findings.filter((f) => f.fix)
      .map((f) => f.fix!);
    return timedMedian(runs, () => applyEdits(text, pickFixes(found).edits));
  };
  const apply1 = applyOnly(oneMB);
  const apply5 = applyOnly(fiveMB);
  t.say(`choosing and applying the fixes: 1 MB ${t.ms(apply1)}, 5 MB ${t.ms(apply5)}`);
  const fix1 = timedMedian(runs, () => fixAll(oneMB, config));
  const fix5 = timedMedian(Math.max(1, runs - 4), () => fixAll(fiveMB, config));
  t.say(`fix-all in-process: 1 MB (${fixes} fixable findings) ${t.ms(fix1)}, 5 MB ${t.ms(fix5)}`);
  const file = path.join(t.dir, 'fix-1mb.referat.md');
  const cliRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    fs.writeFileSync(file, oneMB);
    const start = performance.now();
    const r = spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'referat-lint.js'), '--fix', '--jobs', '1', file], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    cliRuns.push(performance.now() - start);
    if (r.status !== 0 && r.status !== 1) throw new Error(`referat-lint --fix exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  }
  const cli = median(cliRuns);
  t.say(`referat-lint --fix on 1 MB: ${t.ms(cli)}`);

  const eager = await serverQuickFix(fiveMB, false, runs);
  const lazy = await serverQuickFix(fiveMB, true, runs);
  t.say(
    `quick fix on 5 MB in the server: ${t.ms(eager.request)} (fix-all edits in the answer), ${t.ms(lazy.request)} (resolved later: the rule's fix-all ${t.ms(lazy.resolve ?? NaN)}, source.fixAll ${t.ms(lazy.resolveAll ?? NaN)})`,
  );

  const memberRows: string[] = [];
  for (const n of [2000, 20000]) {
    const text = memberDocument(n);
    const took = timedMedian(t.quick ? 1 : 3, () => lintText(text, config));
    t.say(`member list of ${n} names, ${n} near-miss absentees: ${t.ms(took)}`);
    memberRows.push(
      `| member list of ${n.toLocaleString('en-GB')} names, ${n.toLocaleString('en-GB')} near-miss absentees (twice) | ${t.ms(took)} |`,
    );
  }

  const patterns = resolveConfig({ caseNumberPatterns: ['(?:[0-9-]?){23}[0-9-]{23}'] }, RULE_IDS, DEFAULT_SEVERITIES).config;
  let k = 0;
  const numbers = ['A', 'B', 'C'].map((last) => `${'1'.repeat(12)}-${'2'.repeat(12)}-${'3'.repeat(11)}${last}`);
  const patternText = oneMB.slice(0, 20000).replace(/^\d{2}\/\d{4}$/gm, (cn) => (k < 3 ? numbers[k++] : cn));
  const patternTime = timedMedian(runs, () => lintText(patternText, patterns));
  t.say(`caseNumberPatterns (?:[0-9-]?){23}[0-9-]{23}, three case numbers that fail it: ${t.ms(patternTime)}`);

  let million: Awaited<ReturnType<typeof serverMillionItems>> | undefined;
  if (!t.quick) {
    million = await serverMillionItems();
    t.say(
      `1,000,000 lines of "Punkt N:" in the server: open + diagnostics ${t.ms(million.open)} (${million.diagnostics} sent), outline ${t.ms(million.outline)}, peak ${million.peak?.toFixed(0) ?? '?'} MB`,
    );
  }

  out.push('| issue 15 | time |');
  out.push('|---|---|');
  out.push(
    `| choosing and applying the fixes of 1 MB (${fixes} fixable findings), without the lints (median of ${runs}) | ${t.ms(apply1)} |`,
  );
  out.push(`| choosing and applying the fixes of 5 MB (median of ${runs}) | ${t.ms(apply5)} |`);
  out.push(`| fix-all in-process, 1 MB: lint, apply, lint again (median of ${runs}) | ${t.ms(fix1)}${t.versus(FIX_TARGET, fix1)} |`);
  out.push(`| fix-all in-process, 5 MB (median of ${Math.max(1, runs - 4)}) | ${t.ms(fix5)} |`);
  out.push(`| \`referat-lint --fix --jobs 1\` on 1 MB, whole process (median of ${runs}) | ${t.ms(cli)}${t.versus(FIX_TARGET, cli)} |`);
  out.push(
    `| quick fix at a finding on 5 MB in the server, a client that resolves code actions (median of ${runs}) | ${t.ms(lazy.request)}${t.versus(QUICK_FIX_TARGET, lazy.request)} |`,
  );
  out.push(`| … then resolving the rule's fix-all | ${t.ms(lazy.resolve ?? NaN)}${t.versus(QUICK_FIX_TARGET, lazy.resolve ?? NaN)} |`);
  out.push(
    `| … resolving source.fixAll.referat (every rule, pass after pass) | ${t.ms(lazy.resolveAll ?? NaN)}${t.versus(QUICK_FIX_TARGET, lazy.resolveAll ?? NaN)} |`,
  );
  out.push(
    `| quick fix at a finding on 5 MB, a client that does not resolve (fix-all edits in the answer) | ${t.ms(eager.request)}${t.versus(QUICK_FIX_TARGET, eager.request)} |`,
  );
  for (const row of memberRows) out.push(row);
  out.push(`| \`caseNumberPatterns\` \`(?:[0-9-]?){23}[0-9-]{23}\`, three case numbers that fail it (RE2) | ${t.ms(patternTime)} |`);
  if (million) {
    out.push(
      `| 1,000,000 lines of \`Punkt N:\` in the server: open + pull diagnostics (${million.diagnostics} sent) | ${t.ms(million.open)}, peak ${million.peak?.toFixed(0) ?? '?'} MB |`,
    );
    out.push(`| … the outline | ${t.ms(million.outline)} |`);
  }
  return {
    lines: out,
    fixPath: {
      cliFix: cli,
      quickFix: lazy.request,
      ruleFixAll: lazy.resolve ?? NaN,
      sourceFixAll: lazy.resolveAll ?? NaN,
      eagerQuickFix: eager.request,
    },
  };
}
