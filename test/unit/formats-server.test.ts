import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { extractedTextUri } from '../../server/src/lsp/extractedText';
import { deepHtml, pdfBomb, zipBombDocx } from '../support/hostileFiles';
import { TestClient } from '../support/lsp';
import { repoRoot } from '../support/paths';

/** The language server and published files: the openAsText command, the referat-text documents it opens, the workspace lint. */
const DIR = path.join(repoRoot(), 'test', 'fixtures', 'formats');
const fixture = (name: string): string => path.join(DIR, name);
const OPEN_AS_TEXT = 'referat.server.openAsText';

function openAsText(client: TestClient, file: string): Promise<{ text?: string; error?: string }> {
  return client.request('workspace/executeCommand', { command: OPEN_AS_TEXT, arguments: [pathToFileURL(file).toString()] });
}

describe('language server: published formats', function () {
  this.timeout(60000);

  it('reads a PDF for the editor, and lints its text with the page in each message', async () => {
    // openAsText reads only inside a workspace folder: the fixtures' folder is the workspace.
    const client = await TestClient.start({ workspaceFolder: DIR });
    try {
      const { text } = await openAsText(client, fixture('referat.pdf'));
      assert.strictEqual(text, fs.readFileSync(fixture('referat.pdf.txt'), 'utf8'));
      const uri = extractedTextUri(fixture('referat.pdf'));
      assert.ok(uri.startsWith('referat-text:'), uri);
      await client.open(uri, text!);
      const messages = (await client.diagnostics(uri)).items!.map((d) => `${d.code} ${d.message}`);
      assert.strictEqual(messages.length, 5);
      assert.match(messages[0], /^table-sum-mismatch "I alt" is 280,6, but the 3 rows add up to 279,6\. \(page 2\)$/);
      assert.match(messages[4], /^absentee-not-member .* \(page 3\)$/);
      // The misspelt absentee has a fix in a text file; in the read-only text only the actions without edits are offered.
      const slip = (await client.diagnostics(uri)).items![4];
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: slip.range,
        context: { diagnostics: [slip] },
      });
      assert.ok(actions.length > 0);
      assert.deepStrictEqual(
        actions.filter((a) => a.edit),
        [],
      );
      assert.ok(actions.some((a) => a.command?.command === 'referat.server.openRuleDocs'));
    } finally {
      await client.stop();
    }
  });

  it('answers with the reason, in the user’s language, for a file it cannot read', async () => {
    const client = await TestClient.start({ locale: 'da', workspaceFolder: DIR });
    try {
      const scan = await openAsText(client, fixture('scan.pdf'));
      assert.strictEqual(scan.text, undefined);
      assert.match(scan.error!, /scan\.pdf: PDF-filen har ingen tekst at læse/);
      assert.match((await openAsText(client, fixture('not-a-referat.html'))).error!, /teksten ligner ikke et referat/);
      assert.match((await openAsText(client, fixture('no-such-file.pdf'))).error!, /no-such-file\.pdf/);
    } finally {
      await client.stop();
    }
  });

  it('answers the editor while it reads a published file, and refuses files made to expand without end', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-hostile-server-'));
    const client = await TestClient.start({ workspaceFolder: dir });
    try {
      const files = {
        'deep.html': deepHtml(40000),
        'bomb.docx': zipBombDocx(1000),
        'bomb.pdf': pdfBomb(1000),
        'long.pdf': fs.readFileSync(fixture('long.pdf')),
      };
      for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data);
      const uri = pathToFileURL(path.join(dir, 'm.referat.txt')).toString();
      await client.open(uri, fs.readFileSync(fixture('referat.md'), 'utf8'));
      const reading = Object.keys(files).map((name) => openAsText(client, path.join(dir, name)));
      const start = Date.now();
      const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const answeredIn = Date.now() - start;
      assert.ok(symbols.length > 0);
      const [deep, docx, pdf, long] = await Promise.all(reading);
      assert.ok(answeredIn < 3000, `the outline waited ${answeredIn} ms`);
      assert.match(deep.error!, /deep\.html: the web page nests elements more than 2000 deep/);
      assert.match(docx.error!, /bomb\.docx: the file is not read: the Word file's parts take 1000 MB unpacked/);
      assert.match(pdf.error!, /bomb\.pdf: the file is not read: the PDF's compressed data unpacks to more than 100 MB/);
      assert.match(long.text!, /^REFERAT/);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('includes published referater in the workspace lint, their findings on the extracted text', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-ws-formats-'));
    const client = await TestClient.start({ workspaceFolder: dir });
    try {
      for (const name of ['referat.pdf', 'referat.docx', 'not-a-referat.html', 'scan.pdf'])
        fs.copyFileSync(fixture(name), path.join(dir, name));
      const result = await client.request<{ files: number; findings: number; unreadable: string[]; leftOut: string[]; cancelled: boolean }>(
        'workspace/executeCommand',
        { command: 'referat.server.lintWorkspace', arguments: [] },
      );
      assert.deepStrictEqual(
        { ...result, unreadable: result.unreadable.length, leftOut: result.leftOut.length },
        { files: 2, findings: 10, unreadable: 1, leftOut: 1, cancelled: false },
      );
      assert.match(result.unreadable[0], /scan\.pdf: .*scanned image/);
      assert.match(result.leftOut[0], /not-a-referat\.html: the text does not look like a referat/);
      const docx = extractedTextUri(path.join(dir, 'referat.docx'));
      const published = await client.until(() => client.published.get(docx), 'diagnostics of the Word file');
      assert.ok(published.diagnostics.some((d) => d.message.endsWith('(under "Punkt 7: Eventuelt")')));
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a PDF in the bundled server too (pdf.js and its worker inside one file)', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-bundle-formats-'));
    try {
      const build = spawnSync(process.execPath, [path.join(repoRoot(), 'scripts', 'bundle.mjs'), '--outdir', outdir], {
        cwd: repoRoot(),
        encoding: 'utf8',
      });
      assert.strictEqual(build.status, 0, build.stderr);
      const client = await TestClient.start({ server: path.join(outdir, 'server.js'), workspaceFolder: DIR });
      try {
        const { text } = await openAsText(client, fixture('referat.pdf'));
        assert.strictEqual(text, fs.readFileSync(fixture('referat.pdf.txt'), 'utf8'));
        assert.match((await openAsText(client, fixture('encrypted.pdf'))).error!, /protected by a password/);
        assert.strictEqual((await openAsText(client, fixture('referat.docx'))).text, fs.readFileSync(fixture('referat.md'), 'utf8'));
      } finally {
        await client.stop();
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
