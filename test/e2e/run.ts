import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { corpusDir, repoRoot } from '../support/paths';
import { runNeovimProbe } from './neovim';

/**
 * `npm run test:e2e`: installs the packaged .vsix in a real VS Code and runs the extension-host
 * suite (test/e2e/suite) there, then a UI check in the browser and Neovim as a second LSP client.
 * Launchers: @vscode/test-electron where VS Code can be downloaded, code-server with Debian's
 * chromium where it cannot. It says which one ran, and fails (never skips) when neither can.
 * REFERAT_E2E_LAUNCHER=electron|code-server chooses; the default tries electron first.
 */

const root = repoRoot();
const VSIX = path.join(root, 'referat.vsix');
const SUITE = path.join(root, 'out', 'test', 'e2e', 'suite', 'index.js');
const RESULTS = path.join(root, 'test-results');
const CODE_SERVER = path.join(root, '.cache', 'code-server', 'lib', 'node_modules', 'code-server');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function log(message: string): void {
  process.stdout.write(`[e2e] ${message}\n`);
}

/** A scratch workspace: our examples, a sub-folder for the config test, and one real referat for the UI check. */
function makeWorkspace(scratch: string): { folder: string; corpusFile?: string } {
  const folder = path.join(scratch, 'workspace');
  fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
  for (const f of fs.readdirSync(path.join(root, 'examples'))) {
    if (/\.referat\.(md|txt)$/.test(f)) fs.copyFileSync(path.join(root, 'examples', f), path.join(folder, f));
  }
  fs.copyFileSync(path.join(root, 'examples', 'med-fejl.referat.md'), path.join(folder, 'sub', 'med-fejl.referat.md'));
  // Plain .txt referater, as most exported ones are (issue 17 items 1 and 4), and a copy to break.
  fs.copyFileSync(path.join(root, 'examples', 'plaintekst.referat.txt'), path.join(folder, 'moede.txt'));
  fs.copyFileSync(path.join(root, 'examples', 'plaintekst.referat.txt'), path.join(folder, 'moede2.txt'));
  fs.copyFileSync(path.join(root, 'examples', 'plaintekst.referat.txt'), path.join(folder, 'moede3.txt'));
  fs.copyFileSync(path.join(root, 'examples', 'korrekt.referat.md'), path.join(folder, 'korrekt-kopi.referat.md'));
  const corpus = corpusDir();
  let corpusFile: string | undefined;
  if (corpus) {
    corpusFile = 'lejre-udvalget-for-job-og-arbejdsmarked-2020-02-05.referat.md';
    fs.copyFileSync(path.join(corpus, 'lejre-udvalget-for-job-og-arbejdsmarked-2020-02-05.txt'), path.join(folder, corpusFile));
  }
  return { folder, corpusFile };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHealth(port: number, child: ChildProcess, limitMs = 60000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('code-server did not answer /healthz within 60 s');
}

interface CodeServer {
  port: number;
  child: ChildProcess;
  extensionDir: string;
}

/** Installs the .vsix and starts code-server with scratch data folders (never the real home). */
async function startCodeServer(scratch: string, folder: string): Promise<CodeServer> {
  const entry = path.join(CODE_SERVER, 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) throw new Error(`code-server is not installed in ${CODE_SERVER}: run scripts/e2e/install-code-server.sh`);
  const dirs = ['--user-data-dir', path.join(scratch, 'ud'), '--extensions-dir', path.join(scratch, 'exts')];
  const env = { ...process.env, HOME: scratch, XDG_CONFIG_HOME: path.join(scratch, 'config'), XDG_DATA_HOME: path.join(scratch, 'data') };
  const install = spawnSync(process.execPath, [entry, ...dirs, '--install-extension', VSIX], { env, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`installing the .vsix failed: ${install.stderr || install.stdout}`);
  const listed = spawnSync(process.execPath, [entry, ...dirs, '--list-extensions', '--show-versions'], { env, encoding: 'utf8' }).stdout;
  if (!/referat\.referat@/.test(listed)) throw new Error(`the .vsix did not install: ${listed}`);
  log(`installed ${path.basename(VSIX)}: ${listed.trim()}`);
  const extensionDir = fs.readdirSync(path.join(scratch, 'exts')).find((d) => d.startsWith('referat.referat-'));
  if (!extensionDir) throw new Error('the installed extension folder is missing');

  const port = await freePort();
  const args = [
    entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...dirs,
    folder,
  ];
  // Its own process group, so that stopping it also stops the processes it forks.
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  try {
    await waitForHealth(port, child);
  } catch (e) {
    stopCodeServer(child);
    throw new Error(`${(e as Error).message}\n${output.join('')}`);
  }
  return { port, child, extensionDir: path.join(scratch, 'exts', extensionDir) };
}

function stopCodeServer(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill();
  }
}

// playwright-core's types, loaded lazily so that `npm test` never needs it.
type Browser = import('playwright-core').Browser;

async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Runs the suite in code-server's extension host: the workbench reads the test paths from the page URL. */
async function runSuiteInCodeServer(browser: Browser, server: CodeServer, folder: string): Promise<boolean> {
  const page = await browser.newPage();
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(server.extensionDir)],
    ['extensionTestsPath', remote(SUITE)],
  ]);
  const exit = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
  });
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => process.stdout.write(`${util.format(...args)}\n`));
  await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 10 * 60 * 1000));
  const code = await Promise.race([exit, timeout]);
  await page.close();
  if (code === -1) log('the suite did not finish within 10 minutes');
  return code === 0;
}

/** Opens a real referat in the workbench, waits for squiggles and Problems rows, and saves a screenshot. */
async function uiCheck(browser: Browser, server: CodeServer, folder: string, file: string): Promise<boolean> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
  fs.mkdirSync(RESULTS, { recursive: true });
  const shot = path.join(RESULTS, 'e2e-corpus.png');
  let rows: string[] = [];
  try {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first().click();
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 60000 });
    await page.keyboard.press('Control+Shift+M');
    // The document's own rows (not the file row above them) carry a rule id.
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: /absentee|toc-mismatch|case-number/ }).first();
    await row.waitFor({ timeout: 60000 });
    rows = await page.$$eval('.markers-panel .monaco-list-row', (els) =>
      els.map((e) => (e as { textContent: string | null }).textContent ?? ''),
    );
    // Going to the finding brings its squiggle into view for the screenshot.
    await row.click();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.squiggly-warning, .squiggly-error', { timeout: 30000 });
  } finally {
    // Also on failure: the screenshot shows what the page looked like.
    await page.screenshot({ path: shot });
  }
  await page.close();
  log(
    `UI check: ${rows.length} Problems rows for ${file}, e.g. "${rows.find((r) => /absentee|toc-mismatch|case-number/.test(r)) ?? rows[0]}"; screenshot ${path.relative(root, shot)}`,
  );
  return rows.some((r) => /absentee-not-member|toc-mismatch|case-number-missing/.test(r));
}

/**
 * The Danish editor as a secretary sees it: a finding, its quick-fix menu, and the rule page opened
 * from that menu, rendered beside the referat; saved as test-results/e2e-danish-editor.png.
 */
async function uiDanishCheck(browser: Browser, server: CodeServer, folder: string): Promise<boolean> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
  fs.mkdirSync(RESULTS, { recursive: true });
  const shot = path.join(RESULTS, 'e2e-danish-editor.png');
  const seen: string[] = [];
  try {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'med-fejl.referat.md' }).first().click();
    await page.waitForSelector('.squiggly-warning, .squiggly-error', { timeout: 60000 });
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'men summen af de 3 rækker er 8,8' }).first();
    await row.waitFor({ timeout: 60000 });
    seen.push(((await row.textContent()) ?? '').trim());
    await row.click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+.');
    const docsItem = page.locator('.action-widget .monaco-list-row', { hasText: 'Åbn dokumentationen for table-sum-mismatch' }).first();
    await docsItem.waitFor({ timeout: 30000 });
    seen.push(
      ...(await page.$$eval('.action-widget .monaco-list-row', (els) =>
        els.map((e) => ((e as { textContent: string | null }).textContent ?? '').trim()),
      )),
    );
    // The second entry, chosen with the keyboard as a secretary would (a click races the menu's hover).
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: 'table-sum-mismatch.da.md' }).first().waitFor({ timeout: 30000 });
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator('h1', { hasText: 'table-sum-mismatch' }).waitFor({ timeout: 30000 });
    seen.push(
      ((await frame.locator('body').textContent()) ?? '').includes('Standardalvor') ? 'rendered Danish page' : 'page without Standardalvor',
    );
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+.');
    await docsItem.waitFor({ timeout: 30000 });
  } finally {
    await page.screenshot({ path: shot });
    await page.close();
  }
  log(`UI check (Danish editor): ${seen.join(' | ')}; screenshot ${path.relative(root, shot)}`);
  return seen.includes('rendered Danish page') && seen.some((s) => s.includes('Sæt totalen til 8,8'));
}

async function codeServerRun(scratch: string): Promise<boolean> {
  const { folder, corpusFile } = makeWorkspace(scratch);
  const server = await startCodeServer(scratch, folder);
  const browser = await launchBrowser();
  try {
    const suite = await runSuiteInCodeServer(browser, server, folder);
    log(`extension-host suite: ${suite ? 'passed' : 'FAILED'}`);
    let ui = true;
    try {
      ui = await uiDanishCheck(browser, server, folder);
    } catch (e) {
      log(`UI check (Danish editor): ${(e as Error).message.split('\n')[0]} (screenshot in test-results/)`);
      ui = false;
    }
    if (corpusFile) {
      try {
        ui = (await uiCheck(browser, server, folder, corpusFile)) && ui;
      } catch (e) {
        log(`UI check: ${(e as Error).message.split('\n')[0]} (screenshot in test-results/)`);
        ui = false;
      }
      log(`UI check: ${ui ? 'passed' : 'FAILED'}`);
    } else {
      log('UI check: not run, ../shared/corpus is not beside the repository');
    }
    return suite && ui;
  } finally {
    await browser.close();
    stopCodeServer(server.child);
  }
}

/** The same suite through @vscode/test-electron, where VS Code can be downloaded. */
async function electronRun(scratch: string): Promise<boolean> {
  const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } = await import('@vscode/test-electron');
  const executable = await downloadAndUnzipVSCode('1.100.3');
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(executable);
  const exts = path.join(scratch, 'exts');
  const install = spawnSync(cli, [...cliArgs, '--extensions-dir', exts, '--install-extension', VSIX], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (install.status !== 0) throw new Error(`installing the .vsix failed: ${install.stderr}`);
  const extensionDir = fs.readdirSync(exts).find((d) => d.startsWith('referat.referat-'));
  if (!extensionDir) throw new Error('the installed extension folder is missing');
  const { folder } = makeWorkspace(scratch);
  const code = await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: path.join(exts, extensionDir),
    extensionTestsPath: SUITE,
    launchArgs: [folder, '--disable-workspace-trust', '--extensions-dir', exts],
  });
  return code === 0;
}

async function main(): Promise<number> {
  const started = Date.now();
  if (!fs.existsSync(VSIX)) {
    log(`${VSIX} is missing: run npm run package first (npm run test:e2e does)`);
    return 1;
  }
  const choice = process.env.REFERAT_E2E_LAUNCHER ?? 'auto';
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-e2e-'));
  let passed = false;
  let ran: string | undefined;
  try {
    if (choice === 'electron' || choice === 'auto') {
      try {
        log('launcher: @vscode/test-electron (downloading VS Code)');
        passed = await electronRun(path.join(scratch, 'electron'));
        ran = '@vscode/test-electron';
      } catch (e) {
        log(`@vscode/test-electron cannot run here: ${(e as Error).message.split('\n')[0]}`);
        if (choice === 'electron') return 1;
      }
    }
    if (!ran) {
      log('launcher: code-server 4.100.3 with chromium through playwright-core');
      try {
        passed = await codeServerRun(path.join(scratch, 'code-server'));
        ran = 'code-server';
      } catch (e) {
        log(`code-server cannot run here: ${(e as Error).message}`);
        log('neither launcher could run the suite: failing, not skipping');
        return 1;
      }
    }
    log(`extension tests ran in ${ran}: ${passed ? 'passed' : 'FAILED'}`);
    const nvim = runNeovimProbe(path.join(scratch, 'nvim'));
    log(`Neovim: ${nvim.ok ? 'passed' : 'FAILED'}: ${nvim.detail}`);
    passed = passed && nvim.ok;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    log(`failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
