import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../support/paths';
import { NOBODY } from '../support/unprivileged';

export const CLI = path.join(repoRoot(), 'bin', 'referat-lint.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a process; in English unless the arguments choose a language (Danish is its default). */
export function runCli(
  args: string[],
  options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv; defaultLang?: boolean; unprivileged?: boolean } = {},
): CliResult {
  const withLang = options.defaultLang || args.some((a) => a.startsWith('--lang')) ? args : ['--lang', 'en', ...args];
  const r = spawnSync(process.execPath, [CLI, ...withLang], {
    ...(options.unprivileged ? UNPRIVILEGED : {}),
    input: options.input,
    encoding: 'utf8',
    cwd: options.cwd ?? repoRoot(),
    env: { ...process.env, LANG: 'C', ...options.env },
    maxBuffer: 1024 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Root reads every file whatever its mode: tests of permissions run the CLI as `nobody` then. */
const UNPRIVILEGED = process.getuid?.() === 0 ? NOBODY : {};

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  // Open to the unprivileged user the permission tests run the CLI as.
  fs.chmodSync(dir, 0o777);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes files below a folder, creating the folders between. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

/** A fictional referat with two slips: a number out of sequence (fixable: 20, 22, 22 should read 20, 21, 22) and a case number from the future. */
export const WITH_SLIP = `# REFERAT Teknik- og Miljøudvalget d. 03-06-2025

**Mødedato** Tirsdag d. 3. juni 2025 kl. 15:00

**Mødedeltagere** Lars Vinther (V), Pia Kold (A)

# Punkt 20: Vejplan 2026

25/310

## Beslutning i Teknik- og Miljøudvalget den 03-06-2025

Godkendt.

# Punkt 22: Cykelsti ved skolen

27/311

## Beslutning i Teknik- og Miljøudvalget den 03-06-2025

Godkendt.

# Punkt 22: Vintertjeneste

25/312

## Beslutning i Teknik- og Miljøudvalget den 03-06-2025

Godkendt.
`;

export const CLEAN = WITH_SLIP.replace('Punkt 22', 'Punkt 21').replace('27/311', '25/311');

/** The bundled correct example without its third table-of-contents entry: the fix inserts that line. */
export function tocMissingEntry(): string {
  const text = fs.readFileSync(path.join(repoRoot(), 'examples', 'korrekt.referat.md'), 'utf8');
  return text.replace(/^3\. Renovering af Skovby Svømmehal\n/m, '');
}
