import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';

/** Neovim as a second LSP client (test/e2e/nvim/probe.lua): diagnostics pushed, one code action applied. */
export function runNeovimProbe(scratch: string): { ok: boolean; detail: string } {
  const root = repoRoot();
  const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (nvim.status !== 0) return { ok: false, detail: 'nvim is not installed (apt-get install neovim)' };
  fs.mkdirSync(scratch, { recursive: true });
  const fixture = path.join(scratch, 'med-fejl.referat.md');
  fs.copyFileSync(path.join(root, 'examples', 'med-fejl.referat.md'), fixture);
  const out = path.join(scratch, 'result.json');
  const server = fs.existsSync(path.join(root, 'dist', 'server.js'))
    ? path.join(root, 'dist', 'server.js')
    : path.join(root, 'out', 'server', 'src', 'server.js');
  const started = Date.now();
  const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-c', `luafile ${path.join(root, 'test', 'e2e', 'nvim', 'probe.lua')}`], {
    env: {
      ...process.env,
      REFERAT_FIXTURE: fixture,
      REFERAT_OUT: out,
      REFERAT_SERVER: server,
      REFERAT_NODE: process.execPath,
      HOME: scratch,
      XDG_STATE_HOME: scratch,
      XDG_DATA_HOME: scratch,
    },
    encoding: 'utf8',
    timeout: 60000,
  });
  const version = nvim.stdout.split('\n')[0];
  if (run.status !== 0 || !fs.existsSync(out)) return { ok: false, detail: `${version}: exit ${run.status}: ${run.stderr}` };
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { diagnostics: Array<{ code: string }>; applied?: string; fixedLine?: string };
  const codes = [...new Set(result.diagnostics.map((d) => d.code))].sort();
  const problems: string[] = [];
  if (codes.length !== 11) problems.push(`expected the 11 rules of med-fejl, got ${codes.join(', ')}`);
  if (!result.applied) problems.push('no quick fix for table-sum-mismatch');
  if (!result.fixedLine?.startsWith('I alt\t8,8\t')) problems.push(`the fixed line reads "${result.fixedLine}"`);
  const detail = `${version}, ${codes.length} rules reported, fix "${result.applied}" applied, ${Date.now() - started} ms`;
  return problems.length === 0 ? { ok: true, detail } : { ok: false, detail: `${detail}; ${problems.join('; ')}` };
}
