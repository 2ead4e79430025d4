import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InputError, loadDocument } from '../../server/src/files';
import {
  EXTRACT_MESSAGES,
  ExtractError,
  extractData,
  extractDocument,
  locator,
  pagesOfLines,
  type ExtractedDocument,
  type Messages,
} from '../../server/src/formats';
import { lintText } from '../../server/src/lint';
import { repoRoot } from '../support/paths';

/** The fictional referat of test/fixtures/formats/source.mjs, in every format generate.mjs renders it in. */
const DIR = path.join(repoRoot(), 'test', 'fixtures', 'formats');
const fixture = (name: string): string => path.join(DIR, name);
const read = (name: string): string => fs.readFileSync(fixture(name), 'utf8');
const CLI = path.join(repoRoot(), 'bin', 'referat-lint.js');

/** The CLI in English unless `--lang` is given (Danish is its default). */
function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const lang = args.includes('--lang') ? [] : ['--lang', 'en'];
  const r = spawnSync(process.execPath, [CLI, ...lang, ...args], { encoding: 'utf8', cwd: repoRoot(), env: { ...process.env, LANG: 'C' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Each finding as its rule and English message: what must be the same whichever form the referat is read in. */
function findingsOf(text: string): string[] {
  return lintText(text).findings.map((f) => `${f.rule}: ${f.message.en}`);
}

/** The five deliberate slips of source.mjs, and where each is: its PDF page (after the page breaks there) and its item. */
const SLIPS: Array<{ rule: string; page: number; item: string }> = [
  { rule: 'table-sum-mismatch', page: 2, item: 'Punkt 3: Budgetopfølgning, 2. kvartal 2025' },
  { rule: 'case-number-future', page: 2, item: 'Punkt 4: Ny legeplads ved Skovby Skole' },
  { rule: 'decision-date', page: 3, item: 'Punkt 5: Høring om ferieplan 2026/27' },
  { rule: 'item-numbering', page: 3, item: 'Punkt 7: Eventuelt' },
  { rule: 'absentee-not-member', page: 3, item: 'Punkt 7: Eventuelt' },
];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the extraction to fail');
}

async function extractError(name: string): Promise<Messages> {
  const e = await rejection(extractDocument(fixture(name)));
  assert.ok(e instanceof ExtractError, `an ExtractError, not ${String(e)}`);
  return e.text;
}

describe('published formats (PDF, Word, web pages)', function () {
  this.timeout(30000);
  const textVersion = read('referat.md');
  const docs = new Map<string, ExtractedDocument>();
  before(async () => {
    for (const name of ['referat.pdf', 'referat.docx', 'referat.html']) docs.set(name, await extractDocument(fixture(name)));
  });

  it('the text versions carry the five slips', () => {
    assert.deepStrictEqual(
      lintText(textVersion).findings.map((f) => f.rule),
      SLIPS.map((s) => s.rule),
    );
    assert.deepStrictEqual(findingsOf(read('referat.txt')), findingsOf(textVersion));
  });

  it('reads the PDF line for line as it was drawn: tabs between table columns, blank lines at paragraph gaps, a form feed before each page', () => {
    const pdf = docs.get('referat.pdf')!;
    assert.strictEqual(pdf.format, 'pdf');
    assert.strictEqual(pdf.text, read('referat.pdf.txt'));
    assert.strictEqual(pdf.text.split('\f').length, 3);
    assert.match(pdf.text, /^Specialundervisning\t88,0\t47,9$/m);
    assert.strictEqual(pdf.pages!.length, pdf.text.split('\n').length);
    assert.strictEqual(pdf.pages![pdf.pages!.length - 1], 3);
  });

  for (const name of ['referat.pdf', 'referat.docx', 'referat.html']) {
    it(`${name} lints to the same findings as its text version`, () => {
      assert.deepStrictEqual(findingsOf(docs.get(name)!.text), findingsOf(textVersion));
    });
  }

  it('names the page of each finding in the PDF', () => {
    const { text, format } = docs.get('referat.pdf')!;
    const { findings, lines } = lintText(text);
    const where = locator(lines, format);
    assert.deepStrictEqual(
      findings.map((f) => [f.rule, where(f.range.start.line).page]),
      SLIPS.map((s) => [s.rule, s.page]),
    );
  });

  for (const name of ['referat.docx', 'referat.html']) {
    it(`names the item of each finding in ${name}`, () => {
      const { text, format } = docs.get(name)!;
      const { findings, lines, parsed } = lintText(text);
      const where = locator(
        lines,
        format,
        parsed.model.items.map((i) => i.line),
      );
      assert.deepStrictEqual(
        findings.map((f) => [f.rule, where(f.range.start.line).heading]),
        SLIPS.map((s) => [s.rule, s.item]),
      );
    });
  }

  it('reads Word headings as #, paragraphs, bullet lists and tables as pipe rows', () => {
    assert.strictEqual(docs.get('referat.docx')!.text, textVersion);
  });

  it('leaves out the web page’s scripts, navigation, cookie banner and footer', () => {
    const text = docs.get('referat.html')!.text;
    for (const chrome of [
      'Punkt 99',
      'dataLayer',
      'Punkt 12: Seneste referat',
      'Dagsordener og referater',
      'cookies',
      'Accepter alle',
      'Rådhustorvet',
      'font-family',
      '<',
    ]) {
      assert.ok(!text.includes(chrome), `"${chrome}" is left out`);
    }
    assert.match(text, /^## Punkt 3: Budgetopfølgning, 2\. kvartal 2025$/m);
    assert.match(text, /^\| Specialundervisning \| 88,0 \| 47,9 \|$/m);
    assert.match(text, /^- at skolerne samles på Engskolen/m);
  });

  it('reads a page whose items are collapsible sections: titles in buttons and summary, hidden bodies, only the <main>', async () => {
    const { text } = await extractDocument(fixture('accordion.html'));
    const { findings, parsed } = lintText(text);
    assert.deepStrictEqual(
      parsed.model.items.map((i) => [i.number, i.title, i.caseNumbers.map((c) => c.text).join(), i.decision?.heading]),
      [
        [1, 'Godkendelse af dagsorden', '', 'Beslutning'],
        [2, 'Ny cykelsti langs Åvej', '25/3310', 'Beslutning'],
        [3, 'Affaldsindsamling i sommerhusområder', '25/3402', 'Beslutning'],
        [4, 'Eventuelt', '', 'Beslutning'],
      ],
    );
    assert.deepStrictEqual(findings, []);
    assert.match(text, /^Ordningen gøres permanent fra 2026\.$/m);
    assert.match(text, /^\| Lyngbakken \| 8 \|$/m);
    // The site around <main>, and the buttons that are no section's title, are left out.
    for (const chrome of ['Skovby Kommune', 'Se alle møder', 'Søg', 'Udskriv', 'Fold alle punkter ud', 'Rådhustorvet'])
      assert.ok(!text.includes(chrome), `"${chrome}" is left out`);
  });

  it('finds a slip in a collapsible section and names its title', async () => {
    const page = read('accordion.html').replace('<span class="item-number">4.</span>', '<span class="item-number">5.</span>');
    const { text, format } = await extractData(Buffer.from(page), 'html');
    const { findings, lines, parsed } = lintText(text);
    const where = locator(
      lines,
      format,
      parsed.model.items.map((i) => i.line),
    );
    assert.deepStrictEqual(
      findings.map((f) => [f.rule, f.message.en, where(f.range.start.line).heading]),
      [['item-numbering', 'Item 5 should be numbered 4: 3 of 4 items follow the sequence from 1.', '5. Eventuelt']],
    );
  });

  it('a button in a heading or a table cell stays in its line; other buttons are left out', async () => {
    const page =
      '<main><h2><button>Punkt 1: Budget</button></h2><table><tr><td><button aria-expanded="false">Vis</button> Bilag</td><td>2</td></tr></table><p>Tekst <button>Del</button></p></main>';
    assert.strictEqual((await extractData(Buffer.from(page), 'html')).text, '## Punkt 1: Budget\n\n| Vis Bilag | 2 |\n\nTekst\n');
  });

  it('keeps what the author wrote: no Markdown escapes, and the page’s own character set', async () => {
    const html = '<meta charset="windows-1252"><p>1. Godkendelse af dagsorden</p><p>Sag_1 *Bilag* [udkast]</p><p>Ærø, Øster Åby</p>';
    const { text } = await extractData(Buffer.from(html, 'latin1'), 'html');
    assert.strictEqual(text, '1. Godkendelse af dagsorden\n\nSag_1 *Bilag* [udkast]\n\nÆrø, Øster Åby\n');
  });

  it('a scan (an image only) has no text to read', async () => {
    assert.deepStrictEqual(await extractError('scan.pdf'), EXTRACT_MESSAGES.noTextLayer);
  });

  it('an encrypted PDF is refused as protected by a password', async () => {
    assert.deepStrictEqual(await extractError('encrypted.pdf'), EXTRACT_MESSAGES.encrypted);
  });

  it('a truncated Word file and bytes that are no PDF are refused as unreadable, in both languages', async () => {
    const docx = await extractError('truncated.docx');
    assert.match(docx.en, /^not a readable Word document \(\.docx\) \(.+\)\.$/);
    assert.match(docx.da, /^ikke et læsbart Word-dokument/);
    const garbage = await rejection(extractData(Buffer.from('%PDF-1.7\nnot really a PDF\n'), 'pdf'));
    assert.ok(garbage instanceof ExtractError);
    assert.match(garbage.text.en, /^not a readable PDF file \(.+\)\.$/);
    const empty = await rejection(extractData(new Uint8Array(0), 'docx'));
    assert.ok(empty instanceof ExtractError);
  });

  it('a web page with no referat in it is refused as not a referat', async () => {
    const e = await rejection(loadDocument(fixture('not-a-referat.html'), 'da'));
    assert.ok(e instanceof InputError);
    assert.strictEqual(e.message, `${fixture('not-a-referat.html')}: ${EXTRACT_MESSAGES.notAReferat.da}`);
  });

  it('counts a page for each form feed, also on a blank page', () => {
    assert.deepStrictEqual(pagesOfLines(['a', '', '\fb', '\f', '\fc', 'd']), [1, 1, 2, 3, 4, 4]);
  });
});

describe('referat-lint on published formats (as a process)', function () {
  this.timeout(60000);

  it('reports the PDF’s findings with their page, in text and in JSON', () => {
    const text = run([fixture('referat.pdf')]);
    assert.strictEqual(text.code, 1, text.stderr);
    const lines = text.stdout.trim().split('\n').slice(0, -1);
    assert.deepStrictEqual(
      lines.map((l) => [l.split(' ')[2], /\(page (\d+)\)$/.exec(l)?.[1]]),
      SLIPS.map((s) => [s.rule, String(s.page)]),
    );
    const json = JSON.parse(run(['--format', 'json', fixture('referat.pdf')]).stdout) as Array<{
      diagnostics: Array<{ rule: string; page?: number }>;
    }>;
    assert.deepStrictEqual(
      json[0].diagnostics.map((d) => [d.rule, d.page]),
      SLIPS.map((s) => [s.rule, s.page]),
    );
    const da = spawnSync(process.execPath, [CLI, fixture('referat.pdf')], { encoding: 'utf8', cwd: repoRoot() });
    assert.match(da.stdout, /advarsel decision-date .* \(side 3\)$/m);
    const sarif = JSON.parse(run(['--format', 'sarif', fixture('referat.pdf')]).stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; properties?: { page?: number }; message: { text: string } }> }>;
    };
    assert.deepStrictEqual(
      sarif.runs[0].results.map((r) => [r.ruleId, r.properties?.page, /\(page (\d+)\)$/.exec(r.message.text)?.[1]]),
      SLIPS.map((s) => [s.rule, s.page, String(s.page)]),
    );
    const github = run(['--format', 'github', fixture('referat.pdf')])
      .stdout.trim()
      .split('\n')
      .slice(0, -1);
    assert.deepStrictEqual(
      github.map((l) => [/title=([\w-]+)::/.exec(l)?.[1], /\(page (\d+)\)$/.exec(l)?.[1]]),
      SLIPS.map((s) => [s.rule, String(s.page)]),
    );
  });

  it('names the item in Danish for a Word file', () => {
    const r = run(['--lang', 'da', fixture('referat.docx')]);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /fejl case-number-future .* \(under »Punkt 4: Ny legeplads ved Skovby Skole«\)$/m);
    const json = JSON.parse(run(['--format', 'json', fixture('referat.html')]).stdout) as Array<{
      diagnostics: Array<{ heading?: string }>;
    }>;
    assert.deepStrictEqual(
      json[0].diagnostics.map((d) => d.heading),
      SLIPS.map((s) => s.item),
    );
  });

  it('--extract prints the text that is linted', () => {
    const r = run(['--extract', fixture('referat.pdf')]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, read('referat.pdf.txt'));
    // A page that is no referat is printed too: --extract is where the refusal points.
    const page = run(['--extract', fixture('not-a-referat.html')]);
    assert.strictEqual(page.code, 0, page.stderr);
    assert.match(page.stdout, /^# Vejarbejde på Engvej\n\nFra mandag den 15\. september/);
    const missing = run(['--extract', fixture('no-such-file.pdf')]);
    assert.strictEqual(missing.code, 2);
    assert.strictEqual(missing.stderr, `referat-lint: cannot read ${fixture('no-such-file.pdf')}: ENOENT\n`);
  });

  it('exits 2 with one clear line for a scan, a password, a broken file and a page with no referat', () => {
    const expected: Record<string, RegExp> = {
      'scan.pdf': /the PDF has no text to read: it looks like a scanned image/,
      'encrypted.pdf': /the PDF is protected by a password/,
      'truncated.docx': /not a readable Word document/,
      'not-a-referat.html': /the text does not look like a referat/,
    };
    for (const [name, message] of Object.entries(expected)) {
      const r = run([fixture(name)]);
      assert.strictEqual(r.code, 2, name);
      assert.strictEqual(r.stdout, '0 problems (0 errors, 0 warnings, 0 infos) in 0 files.\n');
      assert.match(r.stderr, message);
      assert.ok(r.stderr.startsWith(`referat-lint: ${fixture(name)}: `), r.stderr);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
    assert.match(run(['--lang', 'da', fixture('scan.pdf')]).stderr, /PDF-filen har ingen tekst at læse/);
  });

  it('walks a folder for the published files whose text is a referat, and says which it could not read or left out', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-formats-'));
    try {
      for (const name of ['referat.pdf', 'referat.docx', 'referat.html', 'not-a-referat.html', 'scan.pdf'])
        fs.copyFileSync(fixture(name), path.join(dir, name));
      const r = run(['--format', 'json', dir]);
      assert.strictEqual(r.code, 1, r.stderr);
      assert.deepStrictEqual(
        (JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => path.basename(f.file)),
        ['referat.docx', 'referat.html', 'referat.pdf'],
      );
      assert.strictEqual(
        r.stderr,
        `referat-lint: skipped: ${path.join(dir, 'scan.pdf')}: ${EXTRACT_MESSAGES.noTextLayer.en}\nreferat-lint: skipped: ${path.join(dir, 'not-a-referat.html')}: ${EXTRACT_MESSAGES.notAReferat.en}\n`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--fix leaves a PDF as it is', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-formats-fix-'));
    try {
      const file = path.join(dir, 'referat.pdf');
      fs.copyFileSync(fixture('referat.pdf'), file);
      const r = run(['--fix', file]);
      assert.strictEqual(r.code, 1, r.stderr);
      assert.match(r.stderr, /^referat-lint: .*referat\.pdf: --fix does not change PDF, Word or HTML files; the file is left as it is$/m);
      assert.doesNotMatch(r.stdout, /fixable with --fix/);
      assert.ok(fs.readFileSync(file).equals(fs.readFileSync(fixture('referat.pdf'))));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
