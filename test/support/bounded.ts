import { spawnSync, type SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './paths';
import { NOBODY } from './unprivileged';

export interface BoundedRun {
  /** Exit code, or undefined when the bound stopped it. */
  status: number | null;
  stdout: string;
  stderr: string;
  /** Standard output as bytes. */
  stdoutBytes: Buffer;
  /** Stopped by the time bound. */
  timedOut: boolean;
  ms: number;
}

/**
 * Runs a command in a child process, killed after `timeoutMs`: a hostile case that would hang or
 * block the test process (a read of a FIFO is synchronous) is stopped and fails instead. With
 * `REFERAT_BOUNDS=1` in the environment each run's time is printed, for the notes of issue 23.
 */
export function boundedRun(command: string, args: readonly string[], timeoutMs: number, options: SpawnSyncOptions = {}): BoundedRun {
  const started = process.hrtime.bigint();
  // With bytes out, text in must be bytes too.
  const input = typeof options.input === 'string' ? Buffer.from(options.input, 'utf8') : options.input;
  const r = spawnSync(command, args, {
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    ...options,
    input,
    encoding: 'buffer',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const timedOut = r.signal === 'SIGKILL' || (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  const stdoutBytes = Buffer.from(r.stdout ?? Buffer.alloc(0));
  return {
    status: r.status,
    stdout: stdoutBytes.toString('utf8'),
    stderr: Buffer.from(r.stderr ?? Buffer.alloc(0)).toString('utf8'),
    stdoutBytes,
    timedOut,
    ms,
  };
}

/** Runs JavaScript in a fresh Node process, bounded in time; it prints what it returns as JSON, and its peak memory. */
export function boundedNode<T>(
  label: string,
  code: string,
  timeoutMs = 20000,
  options: SpawnSyncOptions = {},
): { value: T; ms: number; maxRssMb: number } {
  const script = `const __v = (() => { ${code} })(); process.stdout.write(JSON.stringify({ value: __v === undefined ? null : __v, rss: process.resourceUsage().maxRSS }));`;
  const r = boundedRun(process.execPath, ['-e', script], timeoutMs, options);
  if (r.timedOut) throw new Error(`${label}: still running after ${timeoutMs} ms, stopped`);
  if (r.status !== 0) throw new Error(`${label}: exit ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const { value, rss } = JSON.parse(r.stdout) as { value: T; rss: number };
  const maxRssMb = Math.round(rss / 102.4) / 10;
  if (process.env.REFERAT_BOUNDS) console.log(`      [bound] ${label}: ${r.ms.toFixed(0)} ms, peak ${maxRssMb} MB`);
  return { value, ms: r.ms, maxRssMb };
}

const CLI = path.join(repoRoot(), 'bin', 'referat-lint.js');
const PEAK = path.join(__dirname, 'peakRss.js');

export interface BoundedCli extends BoundedRun {
  code: number;
  maxRssMb: number;
}

/**
 * Runs the built CLI (in English) as a process stopped after `timeoutMs`, with its time and peak
 * memory; `unprivileged` runs it as `nobody` when the tests run as root. A run the bound stops fails.
 */
export function runCliBounded(
  label: string,
  args: readonly string[],
  options: { cwd: string; input?: Buffer | string; unprivileged?: boolean; timeoutMs?: number },
): BoundedCli {
  const peakFile = path.join(os.tmpdir(), `referat-peak-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const asNobody = options.unprivileged && process.getuid?.() === 0 ? NOBODY : {};
  try {
    const r = boundedRun(process.execPath, ['-r', PEAK, CLI, '--lang', 'en', ...args], options.timeoutMs ?? 30000, {
      ...asNobody,
      cwd: options.cwd,
      input: options.input,
      env: { ...process.env, LANG: 'C', REFERAT_PEAK_FILE: peakFile },
    });
    if (r.timedOut) throw new Error(`${label}: still running after ${options.timeoutMs ?? 30000} ms, stopped`);
    let rss = 0;
    try {
      rss = Number(fs.readFileSync(peakFile, 'utf8'));
    } catch {
      // The nobody user may not write the file: the peak is then not known.
    }
    const maxRssMb = Math.round(rss / 102.4) / 10;
    if (process.env.REFERAT_BOUNDS) console.log(`      [bound] ${label}: ${r.ms.toFixed(0)} ms, peak ${maxRssMb} MB`);
    return { ...r, code: r.status ?? -1, maxRssMb };
  } finally {
    fs.rmSync(peakFile, { force: true });
  }
}
