import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import { parse } from '../../server/src/core/parse';
import {
  GRAMMAR_FILE,
  checkAssertions,
  grammarRegexes,
  loadGrammar,
  readCaseFile,
  scopesAt,
  unsafeRepetitions,
  type LoadedGrammar,
  type Token,
} from '../support/grammar';
import { corpusDir, repoRoot } from '../support/paths';

const CASES = path.join(repoRoot(), 'test', 'grammar', 'cases');
const ITEM_HEADING = 'markup.heading.item.referat';
const ITEM_NUMBER = 'constant.numeric.item-number.referat';
const SECTION_HEADING = 'markup.heading.section.referat';
const DECISION_HEADING = 'markup.heading.decision.referat';

const rawGrammar: unknown = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8'));

describe('TextMate grammar', function () {
  let grammar: LoadedGrammar;
  before(async () => {
    grammar = await loadGrammar();
  });

  describe('annotated cases (test/grammar/cases)', () => {
    const files = fs
      .readdirSync(CASES)
      .filter((f) => f.endsWith('.referat.txt'))
      .sort();

    it('has case files', () => {
      assert.ok(files.length > 0, `no *.referat.txt in ${CASES}`);
    });

    for (const file of files) {
      it(file, () => {
        const parsed = readCaseFile(fs.readFileSync(path.join(CASES, file), 'utf8'));
        assert.ok(parsed.assertions.length > 0, `${file} asserts nothing`);
        const failures = checkAssertions(path.join('test', 'grammar', 'cases', file), parsed, grammar.tokenizeText(parsed.text));
        assert.ok(failures.length === 0, `${failures.length} failed assertion(s):\n${failures.join('\n')}`);
      });
    }
  });

  describe('regular expressions', () => {
    const regexes = grammarRegexes(rawGrammar);

    it('finds the expressions to check', () => {
      assert.ok(regexes.length > 40, `only ${regexes.length} expressions found`);
    });

    it('the checker rejects nested repetition that can backtrack, and accepts its possessive forms', () => {
      for (const bad of ['(a+)+', '(\\s*\\w+)*', '(?:\\d{1,3})+', '(?:a+){2,5}', '#{1,6}+', '(?i:a*)+']) {
        assert.notDeepStrictEqual(unsafeRepetitions(bad), [], `${bad} should be rejected`);
      }
      for (const good of ['a*+b++', '(?:[^\\t\\n]*+\\t)++', '(?:\\.\\d{3})++', '(?>a+)+', '[(+*]+', '(?:[^*\\n]|\\*(?!\\*))++']) {
        assert.deepStrictEqual(unsafeRepetitions(good), [], `${good} should be accepted`);
      }
    });

    it('no expression nests unbounded repetition that can backtrack', () => {
      const findings = regexes.flatMap((r) => unsafeRepetitions(r.source).map((f) => `${r.path}: ${f}`));
      assert.deepStrictEqual(findings, []);
    });

    it('every expression compiles in Oniguruma', () => {
      const errors: string[] = [];
      for (const r of regexes) {
        try {
          new oniguruma.OnigScanner([r.source]).dispose();
        } catch (e) {
          errors.push(`${r.path}: ${(e as Error).message}`);
        }
      }
      assert.deepStrictEqual(errors, []);
    });
  });

  describe('work grows linearly @slow', function () {
    // Measured on a loaded 2-core machine, vscode-textmate 9.3.2: the 2.5 MB line takes 4-5 s (about
    // 0.7 million tokens), the 5 MB line 8-10 s (1.4 million), a 100,000-line document 2-4 s; the
    // whole grammar suite 26-30 s (npx mocha --no-config out/test/grammar/grammar.test.js).
    // tokenizeLine gets timeLimit 0, so vscode-textmate never stops early; VS Code's own limit,
    // editor.maxTokenizationLineLength, is an editor setting and plays no part here.
    this.timeout(180_000);

    /** One line that mixes every inline construct, repeated to `size` characters. */
    function longLine(size: number): string {
      const unit = 'Udvalget i alt 1.214,2 og 23,0 mio. kr., -1,2 og 78% (A) 21/24526 den 14-11-2024 **fed** <b>x</b> *kursiv* ';
      return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    }

    it('a 5 MB line takes twice the steps and tokens of a 2.5 MB line, and is read to its end', () => {
      const measure = (size: number) => {
        grammar.resetCounts();
        const line = longLine(size);
        const { tokens, stoppedEarly } = grammar.tokenizeLine(line);
        assert.strictEqual(stoppedEarly, false);
        assert.strictEqual(tokens[tokens.length - 1].end, line.length);
        return { ...grammar.counts };
      };
      const half = measure(2_500_000);
      const full = measure(5_000_000);
      // Counted, not timed: the scanner's calls are the tokenizer's steps. A regular expression that
      // backtracked quadratically inside one step would not change the counts; the static check above
      // keeps such expressions out, and at this size one would take hours, which the timeout catches.
      for (const key of ['scannerCalls', 'tokens'] as const) {
        const ratio = full[key] / half[key];
        assert.ok(ratio > 1.98 && ratio < 2.02, `${key}: ${half[key]} at 2.5 MB, ${full[key]} at 5 MB (ratio ${ratio.toFixed(3)})`);
      }
    });

    it('runs of the characters the expressions treat specially stay linear in every context', () => {
      // Each context puts the run where a different rule's expressions read it: a heading title, a
      // bare item line, a decision, a table row, a list item, names after Afbud, a table of contents.
      const contexts: Array<{ before?: string; prefix: string }> = [
        ...[
          '',
          '# Punkt 1: ',
          'Punkt 1: ',
          '**1. JA - ',
          'Beslutning i ',
          '## Beslutning ',
          'Afbud: ',
          '| I alt ',
          '| ',
          'a\tb ',
          'Udvalget i alt\t',
          '- ',
          'at ',
          'Sagsnr.: ',
          '**',
        ].map((prefix) => ({ prefix })),
        { before: '## Indholdsfortegnelse', prefix: '1. JA - ' },
      ];
      const runs = [' ', '\t', '.', '…', '*', '|', '1', '1.', '1-', '<a', 'i ', 'A ', '**x '];
      const steps = (size: number): number => {
        grammar.resetCounts();
        for (const { before, prefix } of contexts) {
          const state = before === undefined ? undefined : grammar.tokenizeLine(before).state;
          for (const run of runs) {
            const line = prefix + run.repeat(size / run.length);
            const { tokens, stoppedEarly } = grammar.tokenizeLine(line, state);
            assert.ok(
              !stoppedEarly && tokens[tokens.length - 1].end === line.length,
              `stopped early on ${JSON.stringify(prefix + run)}...`,
            );
          }
        }
        return grammar.counts.scannerCalls;
      };
      const small = steps(20_000);
      const large = steps(40_000);
      const ratio = large / small;
      assert.ok(ratio > 1.9 && ratio < 2.1, `scanner calls ${small} then ${large} (ratio ${ratio.toFixed(3)})`);
    });

    it('a 100,000-line document is read line by line to the end', () => {
      const unit = fs.readFileSync(path.join(CASES, 'layout-haderslev.referat.txt'), 'utf8');
      const source = readCaseFile(unit).text.split('\n');
      const lines: string[] = [];
      while (lines.length < 100_000) lines.push(...source);
      lines.length = 100_000;
      grammar.resetCounts();
      const tokens = grammar.tokenizeText(lines.join('\n'));
      assert.strictEqual(tokens.length, 100_000);
      assert.strictEqual(grammar.counts.lines, 100_000);
      // The item headings near the end are still found: no rule swallowed the rest of the document.
      const lastHeading = lines
        .map((l, i) => (l.startsWith('# Punkt') ? i : -1))
        .filter((i) => i >= 0)
        .pop()!;
      assert.ok(scopesAt(tokens[lastHeading], 0).includes(ITEM_HEADING), `line ${lastHeading + 1} is not an item heading`);
    });
  });

  describe('corpus of real referater', () => {
    const corpus = corpusDir();
    if (!corpus) {
      it('is skipped: ../shared/corpus is not beside the repository');
      console.log('  (grammar corpus tests skipped: ../shared/corpus not found)');
      return;
    }
    const files = fs
      .readdirSync(corpus)
      .filter((f) => f.endsWith('.txt'))
      .sort();

    for (const file of files) {
      describe(file, () => {
        let lines: string[];
        let items: ReturnType<typeof parse>['model']['items'];
        let tokens: Token[][];
        before(() => {
          const text = fs.readFileSync(path.join(corpus, file), 'utf8');
          lines = text.split(/\r?\n/);
          items = parse(text).model.items;
          tokens = grammar.tokenizeText(text);
        });

        it('every item heading the parser finds is scoped as one, its number included', () => {
          assert.ok(items.length > 0, 'the parser found no items');
          const missing: string[] = [];
          for (const item of items) {
            const { line, character } = item.numberRange.start;
            const scopes = scopesAt(tokens[line], character);
            if (!scopes.includes(ITEM_NUMBER) || !scopes.includes(ITEM_HEADING)) {
              missing.push(`line ${line + 1}: ${JSON.stringify(lines[line])} -> ${scopes.join(' ')}`);
            }
          }
          assert.deepStrictEqual(missing, []);
        });

        it('every section the parser finds is scoped as a section, the decision apart', () => {
          const missing: string[] = [];
          for (const section of items.flatMap((item) => item.sections)) {
            // The parser also reads a bare sentence that starts with a section word as a heading
            // (`Beslutningskompetencen ligger hos ...`); the grammar leaves sentences alone.
            if (section.style === 'bare' && /[.]$/.test(lines[section.line].trim())) continue;
            const decision = section.kind === 'beslutning';
            const scopes = scopesAt(tokens[section.line], section.headingRange.start.character);
            if (
              !scopes.includes(decision ? DECISION_HEADING : SECTION_HEADING) ||
              scopes.includes(decision ? SECTION_HEADING : DECISION_HEADING)
            ) {
              missing.push(`line ${section.line + 1} (${section.kind}): ${JSON.stringify(lines[section.line])} -> ${scopes.join(' ')}`);
            }
          }
          assert.deepStrictEqual(missing, []);
        });

        it('no line is scoped as an item heading unless the parser finds an item there', () => {
          const itemLines = new Set(items.map((item) => item.line));
          const extra = tokens
            .map((line, i) => (line.some((t) => t.scopes.includes(ITEM_HEADING)) && !itemLines.has(i) ? i + 1 : -1))
            .filter((line) => line > 0);
          assert.deepStrictEqual(extra, []);
        });
      });
    }
  });
});
