import * as assert from 'assert';
import * as fc from 'fast-check';
import type { Item, ReferatModel } from '../../server/src/core/model';
import { defaultConfig, fixAll, lintText } from '../../server/src/lint';
import { itemNumbering } from '../../server/src/rules/item-numbering';
import type { Report } from '../../server/src/rules/types';

/**
 * item-numbering's fix (issue 23): it changes the fewest numbers that make the sequence consecutive,
 * only where that answer is unique, and never a number that was already right.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20251208);

const HEADER = `# REFERAT Kulturudvalget d. 14-11-2024

**Mødedato** Torsdag d. 14. november 2024 kl. 16:00

**Mødedeltagere** Anne Holm (A), Bo Sejer (V)
`;

/** A referat whose items carry these numbers, with a numbered table of contents in step when asked. */
function referat(numbers: readonly number[], toc: boolean): string {
  const entries = toc ? `\n## Indholdsfortegnelse\n\n${numbers.map((n, k) => `${n}. Sag nummer ${k + 1}`).join('\n')}\n` : '';
  const items = numbers.map((n, k) => `\n# Punkt ${n}: Sag nummer ${k + 1}\n\n24/${k + 1}\n\n## Beslutning\n\nGodkendt.\n`).join('');
  return HEADER + entries + items;
}

function itemNumbers(text: string): number[] {
  return lintText(text).parsed.model.items.map((i) => i.number ?? Number.NaN);
}

function tocNumbers(text: string): Array<number | undefined> {
  return lintText(text).parsed.model.toc.map((e) => e.number);
}

/** The fewest changes that make `numbers` consecutive from a start of at least 1, and every start that needs no more, by trying them all. */
function oracle(numbers: readonly number[]): { changes: number; starts: number[] } {
  let changes = Infinity;
  let starts: number[] = [];
  for (let s = 1; s <= 2000; s++) {
    const c = numbers.filter((n, i) => n !== s + i).length;
    if (c < changes) [changes, starts] = [c, [s]];
    else if (c === changes) starts.push(s);
  }
  return { changes, starts };
}

/** A correct numbering and what was done to it: typos, gaps, repeats and swaps. */
const damaged = fc
  .record({
    start: fc.integer({ min: 1, max: 300 }),
    length: fc.integer({ min: 2, max: 14 }),
    toc: fc.boolean(),
    slips: fc.array(
      fc.record({ kind: fc.constantFrom('typo', 'gap', 'repeat', 'swap'), at: fc.nat(), value: fc.integer({ min: 1, max: 400 }) }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ start, length, toc, slips }) => {
    const truth = Array.from({ length }, (_, i) => start + i);
    const numbers = [...truth];
    for (const { kind, at, value } of slips) {
      const i = at % numbers.length;
      if (kind === 'typo') numbers[i] = value;
      else if (kind === 'gap' && numbers.length > 2) numbers.splice(i, 1);
      else if (kind === 'repeat') numbers.splice(i, 0, numbers[i]);
      else if (kind === 'swap' && i + 1 < numbers.length) [numbers[i], numbers[i + 1]] = [numbers[i + 1], numbers[i]];
    }
    return { numbers, toc, typosOnly: slips.every((s) => s.kind === 'typo' || s.kind === 'swap'), truth };
  });

describe('item-numbering: the fewest changes, only where unique', () => {
  it('after any fix no numbering finding is left, the changes are as few as can be, and no number that fits the numbering changed', () => {
    fc.assert(
      fc.property(damaged, ({ numbers, toc }) => {
        const text = referat(numbers, toc);
        assert.deepStrictEqual(itemNumbers(text), numbers, 'the parser reads every heading');
        const findings = lintText(text).findings.filter((f) => f.rule === 'item-numbering');
        const consecutive = numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1);
        assert.strictEqual(findings.length > 0, !consecutive);
        if (consecutive) return;
        const { changes, starts } = oracle(numbers);
        const unique = starts.length === 1 && 2 * (numbers.length - changes) >= numbers.length;
        assert.strictEqual(
          findings.some((f) => f.fix),
          unique,
          `a fix exactly where one start keeps the most numbers (${numbers.join(', ')})`,
        );
        assert.ok(findings.every((f) => f.fix) || findings.every((f) => !f.fix));
        if (!unique) return;
        const fixed = fixAll(text, defaultConfig(), 'item-numbering').text;
        const after = itemNumbers(fixed);
        assert.deepStrictEqual(
          lintText(fixed).findings.filter((f) => f.rule === 'item-numbering'),
          [],
          'no numbering finding is left',
        );
        assert.deepStrictEqual(
          after,
          numbers.map((_, i) => starts[0] + i),
        );
        assert.strictEqual(after.filter((n, i) => n !== numbers[i]).length, changes, 'as few changes as the oracle needs');
        assert.strictEqual(findings.length, changes, 'one finding for each number that changes');
        // A table of contents whose numbers repeat or go back ends there (the parser reads the rest as items): only one read whole keeps in step.
        if (toc && tocNumbers(text).join() === numbers.join())
          assert.deepStrictEqual(tocNumbers(fixed), after, 'the table of contents keeps in step');
      }),
      { seed: SEED, numRuns: 250 },
    );
  });

  it('where fewer than half the numbers are damaged by typos and swaps, the fix restores the true numbering and touches no right number', () => {
    fc.assert(
      fc.property(
        damaged.filter(
          ({ numbers, truth, typosOnly }) => typosOnly && 2 * numbers.filter((n, i) => n !== truth[i]).length < numbers.length,
        ),
        ({ numbers, toc, truth }) => {
          const text = referat(numbers, toc);
          const fixed = fixAll(text, defaultConfig(), 'item-numbering').text;
          assert.deepStrictEqual(itemNumbers(fixed), truth);
          const lines = text.split('\n');
          const fixedLines = fixed.split('\n');
          // Every heading whose number was right is the same line, byte for byte.
          lintText(text).parsed.model.items.forEach((item, i) => {
            if (numbers[i] === truth[i]) assert.strictEqual(fixedLines[item.line], lines[item.line]);
          });
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('a closed item published as its heading alone, right after a decision, keeps its place in the numbering', () => {
    const body = (n: number) => `Punkt ${n} Sag nummer ${n}\n\n24/${100 + n}\n\nSagsresumé\n\nTekst.\n\nBeslutning\n\nGodkendt.\n\n`;
    for (const closed of [
      'Punkt 8 Orienteringssag: Fortroligt (Lukket)',
      'Punkt 8 Personalesag - Lukket punkt',
      'Punkt 8 Lukket: Personalesag',
    ]) {
      let text = HEADER + '\n';
      for (let n = 1; n <= 12; n++) text += n === 8 ? `${closed}\n\n` : body(n);
      const { parsed, findings } = lintText(text);
      assert.deepStrictEqual(
        parsed.model.items.map((i) => i.number),
        Array.from({ length: 12 }, (_, i) => i + 1),
        closed,
      );
      assert.ok(parsed.model.items[7].closed, closed);
      assert.deepStrictEqual(
        findings.filter((f) => f.range.start.line === parsed.model.items[7].line).map((f) => f.rule),
        [],
        closed,
      );
      assert.deepStrictEqual(
        findings.filter((f) => f.rule === 'item-numbering'),
        [],
        closed,
      );
    }
  });

  it('offers no fix that would write a number a heading-shaped line of the body already carries', () => {
    const item = (n: number, body = '') => `\n# Punkt ${n}: Sag ${n}\n\n24/${n}\n\n## Beslutning\n\nGodkendt.\n${body}`;
    const quoted = '\nSom nævnt under\n\n# Punkt 3: citeret overskrift\n\nmere tekst.\n';
    const fixable = (text: string) =>
      lintText(text)
        .findings.filter((f) => f.rule === 'item-numbering')
        .map((f) => `${f.message.en} ${f.fix ? 'fix' : 'no fix'}`);
    assert.deepStrictEqual(fixable(HEADER + item(1) + item(2) + item(9) + item(4) + item(5)), [
      'Item 9 should be numbered 3: 4 of 5 items follow the sequence from 1. fix',
    ]);
    assert.deepStrictEqual(fixable(HEADER + item(1) + item(2) + item(9) + item(4) + item(5, quoted)), [
      'Item 9 should be numbered 3: 4 of 5 items follow the sequence from 1. no fix',
    ]);
  });

  it('on 1,000,000 items with three typos, fixes the three and rewrites no correct heading, in bounded time', function () {
    this.timeout(60000);
    const n = 1_000_000;
    const typos = new Map([
      [0, 7],
      [500_000, 12],
      [n - 1, 3],
    ]);
    /** Items with only what the rule reads; the ranges are made when asked for, so a million of them fit in little memory. */
    class NumberedItem {
      constructor(
        readonly number: number,
        readonly line: number,
      ) {}
      get numberText(): string {
        return String(this.number);
      }
      get numberRange(): Item['numberRange'] {
        return { start: { line: this.line, character: 8 }, end: { line: this.line, character: 8 + this.numberText.length } };
      }
      get title(): string {
        return `Sag ${this.line}`;
      }
    }
    const items = Array.from({ length: n }, (_, i) => new NumberedItem(typos.get(i) ?? i + 1, 10 * i)) as unknown as Item[];
    const model = { items, toc: [] } as unknown as ReferatModel;
    const reports: Report[] = [];
    const started = Date.now();
    itemNumbering.check({ model, lines: [], config: defaultConfig() }, (r) => reports.push(r));
    const ms = Date.now() - started;
    assert.deepStrictEqual(
      reports.map((r) => r.fix!.edits.map((e) => `${e.range.start.line}:${e.newText}`)),
      [['0:1'], ['5000000:500001'], [`${10 * (n - 1)}:${n}`]],
    );
    assert.ok(ms < 20000, `${ms} ms`);
  });
});
