import * as assert from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, reanalyze, type Analysis, type TextChange } from '../../server/src/analysis';
import { defaultConfig } from '../../server/src/lint';
import { corpusDir, repoRoot } from '../support/paths';

/**
 * Incremental analysis (issue 6): after every edit of a random sequence, the analysis that
 * `reanalyze` builds from the previous one equals a full analysis of the new text: the model, the
 * parser's problems and every finding with its fix.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20251125);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const config = defaultConfig();
const tally = { edits: 0, incremental: 0 };

/** Text a secretary types or pastes, the awkward pieces included: headings, line ends, table rows. */
const PIECES = [
  'a',
  'ø',
  ' ',
  ',',
  ':',
  '1',
  '\n',
  '\r\n',
  '\t',
  '|',
  '*',
  '#',
  '\nPunkt 7: Ny sag\n',
  '## Beslutning\n',
  '\nBeslutning\nGodkendt.\n',
  'Afbud: Anne Hansen (A)\n',
  'Fraværende: Ole Berg\n',
  '| I alt | 1.214,2 |\n',
  'I alt\t12\t13\n',
  'Sagsnr.: 22-006881\n',
  '00.01.00G01-143-24',
  '\nIndholdsfortegnelse\n',
  '**Punkt 3: Fed titel**',
  '# Punkt 12: Overskrift\n',
  '**2. JA - Titel**\n',
  'Beslutning i Udvalget den 14-11-2024\n',
  '\n\n',
];
/**
 * Form feeds: a page break in PDF text, read document-wide. Typed on a blank line or a heading line, one once went
 * unnoticed by the incremental path. Kept apart, since after one every edit of a document is read in full.
 */
const FORM_FEEDS = [...PIECES, '\f', '\f\n', '\f\f', '\n\f\n'];

interface Edit {
  kind: 'insert' | 'delete' | 'replace';
  at: number;
  length: number;
  piece: number;
}

const edit = fc.record<Edit>({
  kind: fc.constantFrom('insert', 'insert', 'delete', 'replace'),
  // Millionths of the document, unbiased: fast-check otherwise favours 0, the start, which is the header.
  at: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })),
  length: fc.noBias(fc.nat(400)),
  piece: fc.nat(PIECES.length - 1),
});
/** An edit that types a form feed about half the time. */
const formFeedEdit = fc.record<Edit>({
  kind: fc.constantFrom('insert', 'insert', 'delete', 'replace'),
  at: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })),
  length: fc.noBias(fc.nat(400)),
  piece: fc.oneof(fc.nat(PIECES.length - 1), fc.integer({ min: PIECES.length, max: FORM_FEEDS.length - 1 })),
});

/** Applies edits the way the language server receives them, checking the incremental analysis after each. */
function checkSequence(text: string, edits: readonly Edit[], pieces: readonly string[] = PIECES): void {
  let doc = TextDocument.create('file:///t.referat', 'referat', 1, text);
  let analysis: Analysis = analyze(text, config);
  for (const e of edits) {
    const current = doc.getText();
    const start = Math.floor((e.at / 1_000_000) * current.length);
    const end = e.kind === 'insert' ? start : Math.min(current.length, start + e.length);
    const change: TextChange = {
      range: { start: doc.positionAt(start), end: doc.positionAt(end) },
      text: e.kind === 'delete' ? '' : pieces[e.piece],
    };
    doc = TextDocument.update(doc, [{ range: change.range!, text: change.text }], doc.version + 1);
    analysis = reanalyze(analysis, doc.getText(), [change], config);
    if (pieces === PIECES) {
      tally.edits++;
      if (analysis.incremental) tally.incremental++;
    }
    const full = analyze(doc.getText(), config);
    assert.deepStrictEqual(analysis.lines, full.lines, 'lines');
    assert.deepStrictEqual(analysis.parsed, full.parsed, 'model and parse problems');
    assert.deepStrictEqual(analysis.findings, full.findings, 'findings');
  }
}

function readAll(dir: string, pattern: RegExp): Array<[string, string]> {
  return fs
    .readdirSync(dir)
    .filter((f) => pattern.test(f))
    .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
}

describe('incremental analysis equals a full one @slow', function () {
  this.timeout(300000);
  after(() => {
    console.log(`    ${tally.edits} edits checked, ${tally.incremental} of them analysed incrementally`);
    // The layout step reads headings document-wide, so an edit that adds a heading-shaped line, or changes what a heading's
    // first lines say of it, is read in full; in the short examples many edits are such. A quarter at least stay incremental.
    assert.ok(tally.incremental > tally.edits / 4, 'many edits inside an item take the incremental path');
  });
  const examples = readAll(path.join(repoRoot(), 'examples'), /\.referat\.(md|txt)$/);

  it('after every edit of random sequences on the examples, CRLF versions included', () => {
    const docs = [...examples.map(([, t]) => t), ...examples.map(([, t]) => t.replace(/\n/g, '\r\n'))];
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.array(edit, { minLength: 1, maxLength: 12 }), (d, edits) => checkSequence(docs[d], edits)),
      { seed: SEED, numRuns: Math.round(1500 * SCALE) },
    );
  });

  it('after every edit of random sequences with form feeds typed anywhere, blank lines and headings included', () => {
    const docs = [...examples.map(([, t]) => t), ...examples.map(([, t]) => t.replace(/\n/g, '\r\n'))];
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.array(formFeedEdit, { minLength: 1, maxLength: 4 }), (d, edits) =>
        checkSequence(docs[d], edits, FORM_FEEDS),
      ),
      { seed: SEED, numRuns: Math.round(400 * SCALE) },
    );
  });

  it('after every edit of random sequences on the real referater', function () {
    const dir = corpusDir();
    if (!dir) {
      console.log('    (../shared/corpus is not there: the corpus part of this test is not run)');
      this.skip();
    }
    const docs = readAll(dir!, /\.txt$/).map(([, t]) => t);
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.array(edit, { minLength: 1, maxLength: 6 }), (d, edits) => checkSequence(docs[d], edits)),
      { seed: SEED, numRuns: Math.round(150 * SCALE) },
    );
  });

  it('reuses the items an edit did not touch, and re-reads the one it did', () => {
    const text = examples.find(([f]) => f === 'korrekt.referat.md')![1];
    const before = analyze(text, config);
    // reanalyze takes the previous analysis over: keep the items themselves, not its array.
    const items = [...before.parsed.model.items];
    assert.ok(items.length >= 3);
    const target = items[1];
    // A line of the decision's text: an edit of the lines right below the heading (its case number) may change whether it is one.
    const at = { line: target.decision!.bodyRange.start.line, character: 0 };
    const after = reanalyze(
      before,
      text
        .split('\n')
        .map((l, i) => (i === at.line ? `x${l}` : l))
        .join('\n'),
      [{ range: { start: at, end: at }, text: 'x' }],
      config,
    );
    assert.strictEqual(after.parsed.model.items[0], items[0], 'the item before is the same object');
    assert.strictEqual(after.parsed.model.items[2], items[2], 'the item after is the same object');
    assert.notStrictEqual(after.parsed.model.items[1], items[1]);
  });
});
