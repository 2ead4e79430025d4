import * as assert from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { dotLeader, pageAfterTab, parse, readReferatTitle } from '../../server/src/core/parse';
import type { Range, ReferatModel } from '../../server/src/core/model';
import * as textModule from '../../server/src/core/text';
import { splitLines } from '../../server/src/core/text';
import { resolveConfig, type ResolvedConfig } from '../../server/src/config';
import { applyEdits, DEFAULT_SEVERITIES, defaultConfig, lintText, lineOffsets, type RuleFailure } from '../../server/src/lint';
import { RULE_IDS } from '../../server/src/rules';
import type { Finding, TextEdit } from '../../server/src/rules/types';
import { corpusDir } from '../support/paths';

/**
 * Fuzz tests (issue 8): whatever the text, the parser returns a model and every rule returns
 * without throwing; the ranges stay inside the document; a fix changes only what it says it
 * changes; and the work grows linearly with the input, measured by counting operations.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20251124);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
let casesRun = 0;

/** A configuration that switches on the optional paths: extra total labels, custom case-number patterns, aliases. */
const RICH_CONFIG: ResolvedConfig = resolveConfig(
  {
    totalLabels: ['Udvalget i alt', 'Netto'],
    caseNumberPatterns: ['\\d{2}-\\d{3}', 'SAG-\\d+'],
    memberAliases: { 'Pia Kold': ['P. Kold'] },
    standingItems: ['Meddelelser'],
    decisionExemptions: ['Eventuelt'],
  },
  RULE_IDS,
  DEFAULT_SEVERITIES,
).config;

function isRange(x: unknown): x is Range {
  const r = x as Range;
  return typeof r === 'object' && r !== null && typeof r.start?.line === 'number' && typeof r.end?.character === 'number';
}

function checkRange(r: Range, lines: readonly string[], where: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `${where}: line ${p.line} outside 0..${lines.length - 1}`);
    assert.ok(
      Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line].length,
      `${where}: character ${p.character} outside line ${p.line} (length ${lines[p.line].length})`,
    );
  }
  assert.ok(
    r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character),
    `${where}: range ends before it starts`,
  );
}

/** Every range anywhere in the model lies inside the document, and the items tile it in order. */
export function checkModel(model: ReferatModel, lines: readonly string[]): void {
  assert.strictEqual(model.lineCount, lines.length);
  const walk = (x: unknown, where: string): void => {
    if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${where}[${i}]`));
    else if (isRange(x)) checkRange(x, lines, where);
    else if (typeof x === 'object' && x !== null) for (const [k, v] of Object.entries(x)) walk(v, `${where}.${k}`);
  };
  walk(model, 'model');
  let previousEnd = -1;
  for (const item of model.items) {
    assert.ok(
      item.line > previousEnd && item.line <= item.endLine && item.endLine < lines.length,
      `item ${item.numberText} at line ${item.line}..${item.endLine}`,
    );
    // An item whose heading the publication lost has no number at all, never a partial one.
    assert.ok(
      item.number === null ? item.numberText === '' : /^\d+$/.test(item.numberText),
      `item number text ${JSON.stringify(item.numberText)}`,
    );
    previousEnd = item.endLine;
    for (const s of item.sections)
      assert.ok(s.line >= item.line && s.endLine <= item.endLine, `section at ${s.line} inside item ${item.numberText}`);
    for (const t of item.tables) assert.ok(t.line > item.line && t.endLine <= item.endLine && t.rows.length >= 2, `table at ${t.line}`);
  }
}

function checkFindings(findings: readonly Finding[], lines: readonly string[]): void {
  for (const f of findings) {
    checkRange(f.range, lines, `${f.rule} finding`);
    assert.ok(f.message.da && f.message.en, `${f.rule}: a message in both languages`);
    for (const e of f.fix?.edits ?? []) checkRange(e.range, lines, `${f.rule} fix`);
  }
}

/** Parses and lints; fails with the rule's own stack trace if any rule threw. */
function lintChecked(text: string, config: ResolvedConfig = defaultConfig()): Finding[] {
  casesRun++;
  const failures: RuleFailure[] = [];
  const { parsed, findings } = lintText(text, config, (f) => failures.push(f));
  assert.deepStrictEqual(
    failures.map((f) => `${f.rule}: ${(f.error as Error)?.stack ?? String(f.error)}`),
    [],
    'no rule throws',
  );
  assert.ok(!findings.some((f) => f.rule === 'internal-error'));
  const lines = splitLines(text);
  checkModel(parsed.model, lines);
  checkFindings(findings, lines);
  return findings;
}

function offsetOf(text: string, offsets: readonly number[], p: Range['start']): number {
  return Math.min(offsets[p.line] + p.character, p.line + 1 < offsets.length ? offsets[p.line + 1] : text.length);
}

/**
 * Applies one fix alone and checks that it kept the text around its edits: the result is the
 * original with exactly the edited spans replaced, prefix and suffix untouched.
 */
export function checkFixKeepsText(text: string, edits: readonly TextEdit[], what: string): string {
  const { text: out, applied } = applyEdits(text, edits);
  assert.strictEqual(applied.length, edits.length, `${what}: every edit of one fix applies (none overlap)`);
  const offsets = lineOffsets(text);
  const spans = edits
    .map((e) => ({ start: offsetOf(text, offsets, e.range.start), end: offsetOf(text, offsets, e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let expected = '';
  let at = 0;
  for (const s of spans) {
    assert.ok(s.start >= at, `${what}: edits do not overlap`);
    expected += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  expected += text.slice(at);
  const first = spans[0];
  const last = spans[spans.length - 1];
  assert.strictEqual(out.slice(0, first.start), text.slice(0, first.start), `${what}: the text before the fix is unchanged`);
  assert.strictEqual(
    out.slice(out.length - (text.length - last.end)),
    text.slice(last.end),
    `${what}: the text after the fix is unchanged`,
  );
  assert.strictEqual(out, expected, `${what}: only the edited spans change`);
  return out;
}

// --- generators --------------------------------------------------------------------------

/** Lines with the shapes the parser looks for, and near misses of them. */
const SHAPED_LINES = [
  '# Punkt 7: X',
  '## Punkt 12: Budget 2025',
  '# Punkt 74: Orientering om beskæftigelsesindsatsen',
  '**Punkt 3: Lukket: Personalesag**',
  '## **Punkt 82: Ansøgning om',
  'tilskud til foreningen**',
  'Punkt 4. Vejplan',
  '2. JA - Orientering fra formanden',
  '#### 5. JA - Status',
  '## Beslutning',
  '### Beslutning',
  '**Beslutning**',
  '## Beslutning i Arbejdsmarkedsudvalget den 27-11-2024',
  'Beslutning Arbejdsmarkedsudvalget den 07-10-2024',
  'Beslutningskompetence',
  '## Beslutning om budget',
  'Afbud: A B',
  'Afbud: Pia Kold',
  'Afbud: Pia Kold, Lars Vinther og Bo Sejer',
  'Afbud:',
  'Afbud: Ingen',
  '**Afbud:** Lars Vinther.',
  'Fraværende: Lars Vinther',
  'Pia Kold (A)',
  'Lars Vinther (V) (Formand)',
  '| I alt | 1 |',
  '| Post | 2025 | 2026 |',
  '|---|---|---|',
  '| Løn | 1.214,2 | 18,6 % |',
  '| **I alt** | **3** | 100 % |',
  'x\t1\t2',
  'I alt\t4\t7',
  '\t2025\t2026',
  'Udvalget i alt\t1.000\t-1,2',
  '<b>Total</b>\t<b>12</b>',
  '00.01.00G01-1-24',
  '00.01.00G01-143-99',
  '21/24526',
  '00.22.04.G01',
  'Sagsnr.: 22-006881K',
  '**Sagsnr.** 24-1',
  '3501/20',
  'Åben sag',
  'Lukket punkt',
  'Indholdsfortegnelse',
  'Budget 2025.....\t3',
  '1. Budget\t4',
  'Punkt 7: X ........ 12',
  'REFERAT Udvalget d. 03-06-2025',
  '# REFERAT Arbejdsmarkedsudvalget',
  'Mødedato Onsdag d. 27. november 2024 kl. 16:00',
  'Dato: Onsdag den 5. februar 2020',
  'Mødested Rådhuset',
  'Mødedeltagere Pia Kold (A), Lars Vinther (V), Bo Sejer (F)',
  'Medlemmer:',
  'Resumé',
  '## Sagsresume',
  '## Økonomi',
  'Indstilling',
  'Forvaltningen indstiller, at',
  '## Procedure',
  'Arbejdsmarkedsudvalget den 03-06-2025',
  'Godkendt.',
  'Taget til efterretning.',
  'Pia Kold ankom kl. 17.',
  '',
  '   ',
  '1.214,2',
  '78%',
  '****',
  '**',
  '#',
  '|',
  '\t',
];

const lineEnding = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
const filler = fc.string({
  unit: fc.constantFrom(' ', '\t', 'a', 'Ø', 'å', '1', '.', ',', ':', '-', '|', '*', '#', '(', ')', '/', '%', '\u00a0', 'é'),
  maxLength: 30,
});
const shapedLine = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SHAPED_LINES) },
  { weight: 1, arbitrary: filler },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SHAPED_LINES), filler).map(([a, b]) => a + b) },
);

/** A document of referat-shaped lines, with mixed line endings. */
const shapedDocument = fc.array(fc.tuple(shapedLine, lineEnding), { maxLength: 80 }).map((ls) => ls.map(([l, e]) => l + e).join(''));

/** Any UTF-16 code units, lone surrogates and controls included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const unicodeText = fc.oneof(
  fc.string({ unit: anyCodeUnit, maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .array(fc.oneof(fc.string({ unit: anyCodeUnit, maxLength: 20 }), fc.constantFrom(...SHAPED_LINES)), { maxLength: 40 })
    .map((a) => a.join('\n')),
);

type Mutation = { kind: 'delete' | 'duplicate' | 'swap' | 'splice'; a: number; b: number; line: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'swap', 'splice'),
  a: fc.nat(),
  b: fc.nat(),
  line: shapedLine,
});

function mutate(text: string, ms: readonly Mutation[]): string {
  const lines = text.split('\n');
  for (const m of ms) {
    if (lines.length === 0) lines.push('');
    const a = m.a % lines.length;
    const b = m.b % lines.length;
    if (m.kind === 'delete') lines.splice(a, 1 + (m.b % 3));
    else if (m.kind === 'duplicate') lines.splice(a, 0, ...lines.slice(a, a + 1 + (m.b % 4)));
    else if (m.kind === 'swap') [lines[a], lines[b]] = [lines[b], lines[a]];
    else lines.splice(a, 0, m.line);
  }
  return lines.join('\n');
}

function readCorpus(): Array<{ name: string; text: string }> {
  const dir = corpusDir();
  if (!dir) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

const corpus = readCorpus();

describe('fuzz: the parser and every rule return without an exception @slow', function () {
  this.timeout(120000);
  after(() => {
    console.log(`      (fuzz: ${casesRun} generated documents parsed and linted, seed ${SEED})`);
  });

  it('random bytes, decoded as UTF-8 and as latin1', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const buf = Buffer.from(bytes);
        lintChecked(buf.toString('utf8'));
        lintChecked(buf.toString('latin1'));
      }),
      { numRuns: runs(250), seed: SEED },
    );
  });

  it('random Unicode strings: any code unit, lone surrogates, graphemes', () => {
    fc.assert(
      fc.property(unicodeText, fc.boolean(), (text, rich) => {
        lintChecked(text, rich ? RICH_CONFIG : defaultConfig());
      }),
      { numRuns: runs(400), seed: SEED },
    );
  });

  it('referat-shaped lines spliced at random, with mixed line endings', () => {
    fc.assert(
      fc.property(shapedDocument, fc.boolean(), (text, rich) => {
        lintChecked(text, rich ? RICH_CONFIG : defaultConfig());
      }),
      { numRuns: runs(800), seed: SEED },
    );
  });

  it('referat-shaped documents: each fix alone keeps the text around it', () => {
    fc.assert(
      fc.property(shapedDocument, (text) => {
        for (const f of lintChecked(text)) if (f.fix) checkFixKeepsText(text, f.fix.edits, `${f.rule} at line ${f.range.start.line}`);
      }),
      { numRuns: runs(300), seed: SEED },
    );
  });

  describe('corpus documents with lines deleted, duplicated, swapped and referat-shaped lines spliced in', () => {
    if (corpus.length === 0) {
      it('is skipped: ../shared/corpus is not beside the repository');
      console.log('  (corpus fuzz skipped: ../shared/corpus not found)');
      return;
    }
    it(`mutates the ${corpus.length} corpus documents`, () => {
      fc.assert(
        fc.property(
          fc.nat({ max: corpus.length - 1 }),
          fc.array(mutation, { minLength: 1, maxLength: 12 }),
          fc.boolean(),
          (k, ms, crlf) => {
            let text = mutate(corpus[k].text, ms);
            if (crlf) text = text.replace(/\n/g, '\r\n');
            for (const f of lintChecked(text))
              if (f.fix) checkFixKeepsText(text, f.fix.edits, `${corpus[k].name} ${f.rule} at line ${f.range.start.line}`);
          },
        ),
        { numRuns: runs(400), seed: SEED },
      );
    });
  });
});

// --- linear work ---------------------------------------------------------------------------

type Counted = { ops: number };

/**
 * Counts the work of `fn` by instrumenting what the engine's loops are made of: regular-expression
 * executions (every test, replace, split and matchAll goes through `RegExp.prototype.exec` once it is
 * patched), the characters scanned by string searches, the elements visited by array searches and
 * callbacks, and the cells of edit-distance tables. Deterministic, unlike a clock; backtracking
 * inside one regular expression is invisible to it, which is what the CPU-time check below is for.
 */
function countOps(fn: () => void): number {
  const counted: Counted = { ops: 0 };
  const restore: Array<() => void> = [];
  const patch = <T extends object>(
    obj: T,
    name: keyof T & string,
    make: (orig: (...a: unknown[]) => unknown) => (...a: unknown[]) => unknown,
  ): void => {
    const orig = obj[name] as unknown as (...a: unknown[]) => unknown;
    Object.defineProperty(obj, name, { value: make(orig), writable: true, configurable: true });
    restore.push(() => Object.defineProperty(obj, name, { value: orig, writable: true, configurable: true }));
  };
  const strIndexOf = String.prototype.indexOf;
  const strLastIndexOf = String.prototype.lastIndexOf;
  patch(
    RegExp.prototype,
    'exec',
    (orig) =>
      function (this: RegExp, ...a: unknown[]) {
        const m = orig.apply(this, a) as RegExpExecArray | null;
        counted.ops += 1 + (m ? m[0].length : 0);
        return m;
      },
  );
  for (const name of ['indexOf', 'includes'] as const) {
    patch(
      String.prototype,
      name,
      (orig) =>
        function (this: string, ...a: unknown[]) {
          const from = Math.max(0, Math.min(this.length, Number(a[1] ?? 0) || 0));
          const at = strIndexOf.call(this, String(a[0]), from);
          counted.ops += 1 + (at < 0 ? this.length - from : at - from);
          return orig.apply(this, a);
        },
    );
  }
  patch(
    String.prototype,
    'lastIndexOf',
    (orig) =>
      function (this: string, ...a: unknown[]) {
        const at = strLastIndexOf.apply(this, a as [string, number]);
        counted.ops += 1 + (at < 0 ? this.length : this.length - at);
        return orig.apply(this, a);
      },
  );
  for (const name of ['normalize', 'toLocaleLowerCase', 'toLowerCase', 'split'] as const) {
    patch(
      String.prototype,
      name,
      (orig) =>
        function (this: string, ...a: unknown[]) {
          counted.ops += 1 + this.length;
          return orig.apply(this, a);
        },
    );
  }
  for (const name of ['indexOf', 'includes'] as const) {
    patch(
      Array.prototype,
      name,
      (orig) =>
        function (this: unknown[], ...a: unknown[]) {
          const at = Array.prototype.findIndex.call(this, (x: unknown) => x === a[0]);
          counted.ops += 1 + (at < 0 ? this.length : at);
          return orig.apply(this, a);
        },
    );
  }
  for (const name of ['map', 'filter', 'some', 'every', 'find', 'findIndex', 'forEach', 'reduce', 'flatMap'] as const) {
    patch(
      Array.prototype,
      name,
      (orig) =>
        function (this: unknown[], cb: unknown, ...rest: unknown[]) {
          if (typeof cb !== 'function') return orig.call(this, cb, ...rest);
          const counting = function (this: unknown, ...args: unknown[]) {
            counted.ops++;
            return (cb as (...x: unknown[]) => unknown).apply(this, args);
          };
          return orig.call(this, counting, ...rest);
        },
    );
  }
  patch(
    Array.prototype,
    'slice',
    (orig) =>
      function (this: unknown[], ...a: unknown[]) {
        const r = orig.apply(this, a) as unknown[];
        counted.ops += 1 + r.length;
        return r;
      },
  );
  patch(
    textModule,
    'editDistance',
    (orig) =>
      function (...a: unknown[]) {
        const [x, y, limit] = a as [string, string, number | undefined];
        counted.ops += 1 + Math.min(x.length, y.length) * (2 * (limit ?? 3) + 1);
        return orig(...a);
      },
  );
  try {
    fn();
  } finally {
    for (const r of restore.reverse()) r();
  }
  return counted.ops;
}

function lintOps(text: string): number {
  return countOps(() => lintText(text));
}

/** Work for input `scale(8)` against `scale(1)`: linear work gives about 8; the bound allows log factors and fixed costs. */
function assertLinear(name: string, scale: (k: number) => string, ratioBound = 11): { small: number; large: number } {
  const small = lintOps(scale(1));
  const large = lintOps(scale(8));
  assert.ok(small > 0, `${name}: something was counted`);
  assert.ok(
    large <= ratioBound * small + 20000,
    `${name}: 8 times the input cost ${(large / small).toFixed(1)} times the operations (${small} -> ${large})`,
  );
  return { small, large };
}

const HEAD =
  '# REFERAT Kulturudvalget d. 14-11-2024\n\n**Mødedato** Torsdag d. 14. november 2024 kl. 16:00\n\n**Mødedeltagere** Anne Holm (A), Bo Sejer (V), Martin Stokholm (F), Ida Krogh Lund (Ø)\n\n';

/** Documents that grow in one dimension each; `k` multiplies their size. */
const GROWING: Array<[string, (k: number) => string]> = [
  [
    'items with decisions and absentees',
    (k) =>
      HEAD +
      Array.from(
        { length: 60 * k },
        (_, i) =>
          `# Punkt ${i + 1}: Sag ${i + 1}\n\n24/${1000 + i}\n\n## Beslutning i Kulturudvalget den 14-11-2024\n\nGodkendt.\n\nAfbud: ${i % 3 ? 'Bo Sejer' : 'Anne Holm'}\n`,
      ).join('\n'),
  ],
  [
    'items all numbered 1 (every one a finding with a renumbering fix)',
    (k) => HEAD + Array.from({ length: 60 * k }, () => `# Punkt 1: Sag\n\n## Beslutning\n\nGodkendt.\n`).join('\n'),
  ],
  [
    'a table of contents that matches no heading',
    (k) =>
      HEAD +
      'Indholdsfortegnelse\n\n' +
      Array.from({ length: 40 * k }, (_, i) => `${i + 1}. Emne nummer ${i} om noget helt andet\t${i + 2}`).join('\n') +
      '\n\n' +
      Array.from({ length: 40 * k + 1 }, (_, i) => `# Punkt ${i + 1}: Anden titel ${i * 7}\n\n## Beslutning\n\nGodkendt.\n`).join('\n'),
  ],
  [
    'absentees that differ in every item, each explained somewhere',
    (k) =>
      HEAD +
      Array.from(
        { length: 60 * k },
        (_, i) =>
          `# Punkt ${i + 1}: Sag\n\nAnne Holm ankom kl. 17.\n\n## Beslutning\n\nGodkendt.\n\nAfbud: ${i % 2 ? 'Bo Sejer' : 'Anne Holm'}\n`,
      ).join('\n'),
  ],
  [
    'absentees that differ, with explaining lines that name someone else',
    (k) =>
      HEAD +
      Array.from(
        { length: 60 * k },
        (_, i) =>
          `# Punkt ${i + 1}: Sag\n\nIda Krogh Lund ankom kl. 17.\n\n## Beslutning\n\nGodkendt.\n\nAfbud: ${i % 3 ? 'Anne Holm' : 'Bo Sejer'}\n`,
      ).join('\n'),
  ],
  [
    'absentees without a member list, spelled many ways',
    (k) =>
      HEAD.replace(/\*\*Mødedeltagere.*\n/, '') +
      Array.from(
        { length: 60 * k },
        (_, i) => `# Punkt ${i + 1}: Sag\n\n## Beslutning\n\nGodkendt.\n\nAfbud: ${i % 4 ? 'Bo Sejer' : 'Bo Sejr'}\n`,
      ).join('\n'),
  ],
  [
    'one table with a subtotal after every row',
    (k) =>
      HEAD +
      '# Punkt 1: Tabel\n\n' +
      Array.from({ length: 100 * k }, (_, i) => `Række ${i}\t1\t2\nI alt\t${i % 5 ? 1 : 9}\t2`).join('\n') +
      '\n',
  ],
  [
    'many small tables with wrong totals',
    (k) => HEAD + '# Punkt 1: Tabeller\n\n' + Array.from({ length: 100 * k }, () => 'x\t1\t2\ny\t3\t4\nI alt\t9\t9\n').join('\n'),
  ],
  [
    'a table 8 times as wide',
    (k) =>
      HEAD +
      '# Punkt 1: Bred\n\n' +
      [
        '\t' + Array.from({ length: 200 * k }, (_, i) => `${2000 + (i % 100)}`).join('\t'),
        'a\t' + Array.from({ length: 200 * k }, () => '1').join('\t'),
        'I alt\t' + Array.from({ length: 200 * k }, () => '2').join('\t'),
      ].join('\n') +
      '\n',
  ],
  [
    'procedure lines naming the committee with wrong dates',
    (k) =>
      HEAD +
      '# Punkt 1: Sag\n\n## Procedure\n\n' +
      Array.from({ length: 100 * k }, () => 'Kulturudvalget den 13-11-2024').join('\n') +
      '\n',
  ],
  [
    'one long line of names after Afbud',
    (k) =>
      HEAD +
      '# Punkt 1: Sag\n\n## Beslutning\n\nGodkendt.\n\nAfbud: ' +
      Array.from({ length: 100 * k }, (_, i) => `Navn${i} Efternavn (A)`).join(', ') +
      '\n',
  ],
  [
    'one long member list',
    (k) =>
      '**Mødedeltagere** ' +
      Array.from({ length: 30 * k }, (_, i) => `Navn${i} Efternavn${i % 7} (A)`).join(', ') +
      '\n\n# Punkt 1: Sag\n\n## Beslutning\n\nGodkendt.\n\nAfbud: Navn3 Efternavn3\n',
  ],
];

/** One line that grows: runs of the characters the regular expressions quantify over. */
const PUMPED_LINES: Array<[string, string, string]> = [
  ['Punkt 1: a', '\t ', 'x'],
  ['Punkt 1: a', ' ', 'x'],
  ['# Punkt 1: T', '.', 'x'],
  ['REFERAT a', ' ', 'b'],
  ['Sagsnr: 1', ' ', 'y'],
  ['Beslutning x', ' ', 'y'],
  ['## Beslutning i ', '(', ' den 14-11-2024'],
  ['Afbud: Pia', ' ', 'x'],
  ['Afbud: Pia', '.', 'x'],
  ['Afbud: Pia', ' (', 'x'],
  ['**Mødedeltagere** Pia', ' ', 'x'],
  ['| ', '*', ' | 1 |'],
  ['a\t', '<b>', '\t1'],
  ['1. JA -', ' ', '\u2028x'],
  ['Kulturudvalget', ' ', 'x 13-11-2024'],
  ['Indholdsfortegnelse', '.', 'x'],
];

function pumped([prefix, pump, suffix]: [string, string, string], n: number): string {
  // Inside an item, after a table of contents heading, and in a Procedure section, so every reader sees the line.
  const line = prefix + pump.repeat(n) + suffix;
  return `${HEAD}Indholdsfortegnelse\n\n${line}\n\n# Punkt 1: Sag\n\n${line}\n\n## Procedure\n\n${line}\n\n| a | b |\n${line}\n\n## Beslutning\n\n${line}\n`;
}

describe('fuzz: work grows linearly with the input (counted operations) @slow', function () {
  this.timeout(120000);

  for (const [name, scale] of GROWING) {
    it(`8 times the input, at most ~8 times the work: ${name}`, () => {
      assertLinear(name, scale);
    });
  }

  it('one line 8 times as long: runs of spaces, tabs, dots, parentheses, stars', () => {
    for (const p of PUMPED_LINES) assertLinear(JSON.stringify(p), (k) => pumped(p, 500 * k));
  });

  it('corpus documents repeated 8 times', function () {
    if (corpus.length === 0) this.skip();
    for (const { name, text } of corpus) assertLinear(name, (k) => Array.from({ length: k }, () => text).join('\n'));
  });

  it('property: any referat-shaped document repeated 8 times', () => {
    fc.assert(
      fc.property(shapedDocument, (text) => {
        casesRun++;
        assertLinear(JSON.stringify(text.slice(0, 60)), (k) => Array.from({ length: k }, () => text).join('\n'));
      }),
      { numRuns: runs(60), seed: SEED },
    );
  });

  it('property: one line of a referat-shaped document pumped 8 times', () => {
    fc.assert(
      fc.property(shapedDocument, fc.nat(), fc.nat(), fc.nat({ max: 12 }), (text, lineAt, from, length) => {
        casesRun++;
        const lines = text.split('\n');
        const l = lineAt % lines.length;
        const s = lines[l].length ? from % lines[l].length : 0;
        const pump = lines[l].slice(s, s + length + 1) || ' ';
        const scale = (k: number): string =>
          [...lines.slice(0, l), lines[l].slice(0, s) + pump.repeat(40 * k) + lines[l].slice(s), ...lines.slice(l + 1)].join('\n');
        assertLinear(`line ${l} pumping ${JSON.stringify(pump)}`, scale);
      }),
      { numRuns: runs(60), seed: SEED },
    );
  });
});

/**
 * Secondary check, by the clock: a regular expression that backtracks does its extra work inside one
 * `exec`, where the counter above cannot see it. The bound is generous (8 times the input may take
 * up to 40 times the CPU time) so a busy machine does not make it flaky; quadratic backtracking
 * gives 64 and cubic 512.
 */
describe('fuzz: no regular expression backtracks on long runs (CPU time, secondary) @slow', function () {
  this.timeout(120000);
  const cpu = (fn: () => void): number => {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  it('one line 8 times as long takes at most ~8 times the CPU time', () => {
    const slow: string[] = [];
    for (const p of PUMPED_LINES) {
      const small = pumped(p, 4000);
      const large = pumped(p, 32000);
      lintText(small);
      const t1 = Math.min(
        cpu(() => lintText(small)),
        cpu(() => lintText(small)),
      );
      const t8 = Math.min(
        cpu(() => lintText(large)),
        cpu(() => lintText(large)),
      );
      if (t8 > 40 * Math.max(t1, 2)) slow.push(`${JSON.stringify(p)}: ${t1.toFixed(1)} ms -> ${t8.toFixed(1)} ms`);
    }
    assert.deepStrictEqual(slow, []);
  });
});

/** The hand-written readers in parse.ts replace regular expressions that backtracked; on short strings they must agree with them. */
describe('fuzz: the linear readers agree with the regular expressions they replace', () => {
  const DOT_LEADER = /\s*(?:\.{3,}|…+)\s*(?:\t\s*)?(\d{1,4})?\s*$/;
  const TOC_PAGE_TAB = /\s*\t\s*(\d{1,4})\s*$/;
  const REFERAT_TITLE = /^(?:REFERAT|Referat|Beslutningsprotokol)\b\s*(.*?)\s*(?:\bd\.\s*(\d{1,2}-\d{1,2}-\d{4}))?\s*$/;
  const short = (alphabet: string[]): fc.Arbitrary<string> =>
    fc.array(fc.constantFrom(...alphabet), { maxLength: 14 }).map((a) => a.join(''));

  it('dotLeader and pageAfterTab', () => {
    fc.assert(
      fc.property(short([' ', '\t', '.', '…', '1', '2', '12345', 'a', '\u00a0', '\u2003']), (s) => {
        casesRun++;
        const o = DOT_LEADER.exec(s);
        assert.deepStrictEqual(dotLeader(s), o ? { index: o.index, page: o[1] } : undefined);
        const t = TOC_PAGE_TAB.exec(s);
        assert.deepStrictEqual(pageAfterTab(s), t ? { index: t.index, page: t[1] } : undefined);
      }),
      { numRuns: runs(3000), seed: SEED },
    );
  });

  it('readReferatTitle', () => {
    fc.assert(
      fc.property(
        short(['REFERAT', 'Referat', 'Beslutningsprotokol', ' ', '\t', 'd.', 'd', '.', '03-06-2025', '1-1-2024', 'x', ':', '-', '\u2003']),
        (s) => {
          casesRun++;
          const o = REFERAT_TITLE.exec(s);
          const n = readReferatTitle(s);
          assert.deepStrictEqual(n ? [n[1], n[2]] : null, o ? [o[1], o[2]] : null);
        },
      ),
      { numRuns: runs(3000), seed: SEED },
    );
  });

  it('parse() reads the same model from a referat with long lines of spaces, at any length', () => {
    const base = parse(pumped(['Beslutning i Kulturudvalget', ' ', 'den 14-11-2024'], 1)).model;
    const longer = parse(pumped(['Beslutning i Kulturudvalget', ' ', 'den 14-11-2024'], 5000)).model;
    assert.deepStrictEqual(
      longer.items.map((i) => i.sections.map((s) => s.kind)),
      base.items.map((i) => i.sections.map((s) => s.kind)),
    );
  });
});
