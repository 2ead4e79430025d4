import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXTRACT_LIMITS, ExtractError, extractData, extractDocument, type Messages, type PublishedFormat } from '../../server/src/formats';
import { nestingDepth } from '../../server/src/formats/html';
import { inflatedStreamBytes } from '../../server/src/formats/pdf';
import { declaredUnzippedBytes } from '../../server/src/formats/zip';
import { deepHtml, pdfBomb, zipBombDocx } from '../support/hostileFiles';
import { repoRoot } from '../support/paths';

/** Published files made to expand without end: each is refused with a message within seconds, and the next file still reads. */
const FIXTURES = path.join(repoRoot(), 'test', 'fixtures', 'formats');
const CLI = path.join(repoRoot(), 'bin', 'referat-lint.js');

/** The refusal of reading `data`, and how long it took. */
async function refusal(data: Uint8Array, format: PublishedFormat): Promise<{ text: Messages; ms: number }> {
  const start = Date.now();
  try {
    await extractData(data, format);
  } catch (e) {
    assert.ok(e instanceof ExtractError, `an ExtractError, not ${String(e)}`);
    return { text: e.text, ms: Date.now() - start };
  }
  assert.fail('expected the file to be refused');
}

describe('published formats: files made to expand without end', function () {
  this.timeout(60000);

  it('refuses a Word zip bomb by the sizes its directory declares, before inflating it', async () => {
    const bomb = zipBombDocx(1000);
    assert.ok(bomb.length < 2 * 1024 * 1024, `${bomb.length} bytes on disk`);
    const declared = declaredUnzippedBytes(bomb)!;
    assert.ok(declared > 999 * 1024 * 1024 && declared < 1000 * 1024 * 1024, String(declared));
    const { text, ms } = await refusal(bomb, 'docx');
    assert.match(
      text.en,
      /^the file is not read: the Word file's parts take 1000 MB unpacked, more than the limit of 50 MB \(the limits are in the README/,
    );
    assert.match(text.da, /^filen læses ikke: Word-filens dele fylder 1000 MB udpakket/);
    assert.ok(ms < 10000, `${ms} ms`);
  });

  it('reads the sizes of a real Word file’s directory, and a bomb just under the limit is read', async () => {
    const real = fs.readFileSync(path.join(FIXTURES, 'referat.docx'));
    const declared = declaredUnzippedBytes(real)!;
    assert.ok(declared > real.length && declared < 1024 * 1024, String(declared));
    assert.strictEqual(declaredUnzippedBytes(Buffer.from('PK not a zip')), undefined);
    // Parts that are never unpacked (a Word file's pictures) are left out of the sum by name.
    assert.ok(declaredUnzippedBytes(zipBombDocx(1000), (name) => name === 'word/document.xml')! < 4096);
    // Two megabytes of words in a Word file under the limit are read like any other.
    const small = await extractData(zipBombDocx(2, true), 'docx');
    assert.strictEqual(small.text, `${'referat '.repeat(2 * 131072).trim()}\n`);
  });

  it('refuses a Word zip bomb whose directory declares a hundredth of its size, by inflating it without keeping the output', async () => {
    const bomb = zipBombDocx(1000, false, true);
    assert.ok(declaredUnzippedBytes(bomb)! < 11 * 1024 * 1024);
    const { text, ms } = await refusal(bomb, 'docx');
    assert.match(text.en, /^the file is not read: the Word file's parts unpack to more than 50 MB/);
    assert.ok(ms < 15000, `${ms} ms`);
  });

  it('refuses a PDF whose stream inflates to 1 GB, before pdf.js reads it', async () => {
    const bomb = pdfBomb(1000);
    assert.ok(bomb.length < 5 * 1024 * 1024, `${bomb.length} bytes on disk`);
    const { text, ms } = await refusal(bomb, 'pdf');
    assert.strictEqual(
      text.en,
      `the file is not read: the PDF's compressed data unpacks to more than 100 MB (the limits are in the README under "Published formats").`,
    );
    assert.match(text.da, /^filen læses ikke: PDF-filens komprimerede data fylder mere end 100 MB udpakket/);
    assert.ok(ms < 15000, `${ms} ms`);
  });

  it('counts what a PDF’s streams inflate to, images aside', async () => {
    // 2 × 80,659 copies of "(Punkt 1) Tj " between the 23 bytes that open the text and the 4 that close it.
    assert.strictEqual(await inflatedStreamBytes(pdfBomb(2), Infinity), 2 * 80659 * 13 + 27);
    const real = fs.readFileSync(path.join(FIXTURES, 'referat.pdf'));
    const inflated = await inflatedStreamBytes(real, Infinity);
    assert.ok(inflated > 1000 && inflated < EXTRACT_LIMITS.pdfStreamBytes, String(inflated));
    const image = Buffer.from(
      pdfBomb(2).toString('latin1').replace('/Filter /FlateDecode', '/Subtype /Image /Filter /FlateDecode'),
      'latin1',
    );
    assert.strictEqual(await inflatedStreamBytes(image, Infinity), 0);
    // A PDF a little over a page of text operators is read as usual.
    const { text } = await extractData(pdfBomb(1), 'pdf');
    assert.match(text, /^\(?Punkt 1/);
  });

  it('measures a web page’s nesting in one pass: void elements, optional end tags, comments and scripts add nothing', () => {
    assert.strictEqual(nestingDepth('<html><body><div><p>a<br>b<img src=x><p>c</div></body></html>'), 3);
    assert.strictEqual(nestingDepth('<div><!-- <div><div> --><script>if (a <b) "<div>"</script><ul><li>1<li>2</ul></div>'), 2);
    assert.strictEqual(nestingDepth('<DIV><Span>x</SPAN><svg><path d="M0"/></svg></DIV>'), 2);
    assert.strictEqual(nestingDepth(deepHtml(100000).toString(), 2000), 2001);
  });

  it('refuses a web page nested 100,000 and 40,000 deep within seconds, and reads one 1,500 deep and 1,999 nested tables', async () => {
    for (const depth of [100000, 40000]) {
      const { text, ms } = await refusal(deepHtml(depth), 'html');
      assert.strictEqual(text.en, 'the web page nests elements more than 2000 deep (at least 2001) and is not read.');
      assert.ok(ms < 5000, `${depth} deep: ${ms} ms`);
    }
    // Nested tables are three elements deep per level (table, row, cell), and each is read.
    const tables = `<main>${'<table><tr><td>'.repeat(1999)}x${'</td></tr></table>'.repeat(1999)}</main>`;
    assert.match((await extractData(Buffer.from(tables), 'html')).text, /x/);
    const start = Date.now();
    const { text } = await extractData(deepHtml(1500), 'html');
    assert.match(text, /^# REFERAT\n\nPunkt 1: Godkendelse\n$/);
    assert.ok(Date.now() - start < 20000, `${Date.now() - start} ms`);
  });

  it('reads the next file as usual after a refusal', async () => {
    await refusal(zipBombDocx(1000), 'docx');
    await refusal(pdfBomb(1000), 'pdf');
    const { text } = await extractDocument(path.join(FIXTURES, 'referat.pdf'));
    assert.strictEqual(text, fs.readFileSync(path.join(FIXTURES, 'referat.pdf.txt'), 'utf8'));
  });

  it('a file that passes the checks before reading is stopped by the reading thread’s memory and time, and the CLI goes on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-hostile-bounds-'));
    try {
      // The stream names its filter through another object, which the scan of its dictionary does not follow: pdf.js inflates it.
      fs.writeFileSync(path.join(dir, 'hidden.pdf'), pdfBomb(1000, true));
      const lint = (env: Record<string, string>, file: string): { status: number | null; stderr: string; ms: number } => {
        const start = Date.now();
        const r = spawnSync(process.execPath, [CLI, '--lang', 'en', '--format', 'json', file, path.join(FIXTURES, 'referat.html')], {
          encoding: 'utf8',
          timeout: 50000,
          env: { ...process.env, ...env },
        });
        // The next file is read by a new worker, and its five findings are reported.
        assert.strictEqual((JSON.parse(r.stdout) as Array<{ diagnostics: unknown[] }>)[0].diagnostics.length, 5, r.stderr);
        return { status: r.status, stderr: r.stderr, ms: Date.now() - start };
      };
      const memory = lint({ REFERAT_TEST_READ_MEMORY_MB: '150' }, path.join(dir, 'hidden.pdf'));
      assert.strictEqual(memory.status, 2, memory.stderr);
      assert.strictEqual(
        memory.stderr,
        `referat-lint: ${path.join(dir, 'hidden.pdf')}: the file is not read: reading it needs more than 150 MB of memory (the limits are in the README under "Published formats").\n`,
      );
      // Short enough to come before the memory bound, which a fast machine reaches within seconds.
      const time = lint({ REFERAT_TEST_READ_TIMEOUT_MS: '300' }, path.join(dir, 'hidden.pdf'));
      assert.strictEqual(time.status, 2, time.stderr);
      assert.strictEqual(
        time.stderr,
        `referat-lint: ${path.join(dir, 'hidden.pdf')}: the file is not read: reading it takes more than 0.3 seconds (the limits are in the README under "Published formats").\n`,
      );
      assert.ok(memory.ms < 40000 && time.ms < 40000, `${memory.ms} ms, ${time.ms} ms`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the CLI exits 2 with one line for each, in seconds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-hostile-formats-'));
    try {
      const files = { 'bomb.docx': zipBombDocx(1000), 'bomb.pdf': pdfBomb(1000), 'deep.html': deepHtml(100000) };
      for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data);
      const start = Date.now();
      const r = spawnSync(process.execPath, [CLI, '--lang', 'en', ...Object.keys(files).map((n) => path.join(dir, n))], {
        encoding: 'utf8',
        timeout: 50000,
      });
      assert.strictEqual(r.status, 2, r.stderr);
      assert.deepStrictEqual(
        r.stderr
          .trim()
          .split('\n')
          .map((l) => l.replace(dir + path.sep, '')),
        [
          `referat-lint: bomb.docx: the file is not read: the Word file's parts take 1000 MB unpacked, more than the limit of 50 MB (the limits are in the README under "Published formats").`,
          `referat-lint: bomb.pdf: the file is not read: the PDF's compressed data unpacks to more than 100 MB (the limits are in the README under "Published formats").`,
          'referat-lint: deep.html: the web page nests elements more than 2000 deep (at least 2001) and is not read.',
        ],
      );
      assert.ok(Date.now() - start < 30000, `${Date.now() - start} ms`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
