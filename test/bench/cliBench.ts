/**
 * `npm run bench:cli`: the CLI on issue 15's hostile document, 1,000,000 lines of `Punkt N:`
 * (two findings a line), in the text and the JSON format: wall time and peak memory (RSS) of the
 * process against issue 19's targets (3 s, 1 GB), and whether the output is complete. `--lines N` picks
 * another size. Not part of `npm test`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../support/paths';

const linesArg = process.argv.indexOf('--lines');
const LINES = linesArg > 0 ? Number(process.argv[linesArg + 1]) : 1_000_000;
/** Issue 19: a million short items within 3 s and 1 GB. */
const TIME_TARGET_MS = 3000;
const CLI_MODULE = path.join(repoRoot(), 'out', 'server', 'src', 'cli.js');

/** Runs the CLI in a child that reports its own peak RSS on stderr's last line; stdout goes to a file. */
function measure(args: string[], outFile: string): { ms: number; maxRssMb: number; code: number } {
  const script = `require(${JSON.stringify(CLI_MODULE)}).main(${JSON.stringify(args)}).then((code) => { process.stderr.write('\\nmaxrss ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = code; });`;
  const fd = fs.openSync(outFile, 'w');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', script], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.closeSync(fd);
  const rss = /maxrss (\d+)/.exec(r.stderr ?? '');
  return { ms, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN, code: r.status ?? -1 };
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-clibench-'));
  try {
    const file = path.join(dir, 'punkter.referat.txt');
    const fd = fs.openSync(file, 'w');
    for (let from = 1; from <= LINES; from += 100_000) {
      let chunk = '';
      for (let i = from; i < from + 100_000 && i <= LINES; i++) chunk += `Punkt ${i}:\n`;
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    console.log(
      `${LINES.toLocaleString('en')} lines of "Punkt N:", ${(fs.statSync(file).size / 1e6).toFixed(1)} MB; Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`,
    );
    for (const format of ['json', 'text']) {
      const out = path.join(dir, `out.${format}`);
      const m = measure(['--lang', 'en', '--format', format, file], out);
      const size = fs.statSync(out).size;
      const tail = Buffer.alloc(200);
      const tfd = fs.openSync(out, 'r');
      fs.readSync(tfd, tail, 0, 200, Math.max(0, size - 200));
      fs.closeSync(tfd);
      const end = tail.toString('utf8').trimEnd();
      const complete = format === 'json' ? end.endsWith(']') : /problems \(.*\) in 1 file\./.test(end);
      const within = m.maxRssMb <= 1024 ? '✓ (≤ 1 GB)' : '✗ (> 1 GB)';
      const inTime = m.ms <= TIME_TARGET_MS ? '✓ (≤ 3 s)' : '✗ (> 3 s)';
      console.log(
        `--format ${format}: ${(m.ms / 1000).toFixed(1)} s ${inTime}, peak RSS ${m.maxRssMb.toFixed(0)} MB ${within}, exit ${m.code}, output ${(size / 1e6).toFixed(0)} MB, ${complete ? 'complete' : 'INCOMPLETE'}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
