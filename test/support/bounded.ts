import { spawnSync, type SpawnSyncOptions } from 'child_process';

export interface BoundedRun {
  /** Exit code, or undefined when the bound stopped it. */
  status: number | null;
  stdout: string;
  stderr: string;
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
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const timedOut = r.signal === 'SIGKILL' || (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), timedOut, ms };
}

/** Runs JavaScript in a fresh Node process, bounded in time; it prints what it returns as JSON, and its peak memory. */
export function boundedNode<T>(label: string, code: string, timeoutMs = 20000, options: SpawnSyncOptions = {}): { value: T; ms: number; maxRssMb: number } {
  const script = `const __v = (() => { ${code} })(); process.stdout.write(JSON.stringify({ value: __v === undefined ? null : __v, rss: process.resourceUsage().maxRSS }));`;
  const r = boundedRun(process.execPath, ['-e', script], timeoutMs, options);
  if (r.timedOut) throw new Error(`${label}: still running after ${timeoutMs} ms, stopped`);
  if (r.status !== 0) throw new Error(`${label}: exit ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const { value, rss } = JSON.parse(r.stdout) as { value: T; rss: number };
  const maxRssMb = Math.round(rss / 102.4) / 10;
  if (process.env.REFERAT_BOUNDS) console.log(`      [bound] ${label}: ${r.ms.toFixed(0)} ms, peak ${maxRssMb} MB`);
  return { value, ms: r.ms, maxRssMb };
}
