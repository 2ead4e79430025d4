import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fix, lint } from '../../server/src/api';
import { threadsFor } from '../../server/src/cli';
import { applyEdits, defaultConfig, fixAll, lintText, ruleFixEdits } from '../../server/src/lint';
import { repoRoot } from '../support/paths';

/**
 * The fix path lints each text once (issue 19): the findings fixAll and fix hand back are those a
 * fresh lint of the fixed text gives, and a rule's fix-all made from findings already known gives
 * the text fixAll gives.
 */

const config = defaultConfig();
const WITH_SLIPS = fs.readFileSync(path.join(repoRoot(), 'examples', 'med-fejl.referat.md'), 'utf8');
const CORRECT = fs.readFileSync(path.join(repoRoot(), 'examples', 'korrekt.referat.md'), 'utf8');
/** The slips twice over, the second copy's items numbered on, so that fixes of one rule come in numbers. */
const TWICE =
  WITH_SLIPS +
  '\n' +
  WITH_SLIPS.slice(WITH_SLIPS.indexOf('# Punkt')).replace(/^# Punkt (\d+):/gm, (_, n: string) => `# Punkt ${Number(n) + 40}:`);

describe('the fix path (each text linted once)', () => {
  for (const [name, text] of [
    ['the slips example', WITH_SLIPS],
    ['the slips twice', TWICE],
    ['the slips with CRLF', WITH_SLIPS.replace(/\n/g, '\r\n')],
  ] as const) {
    it(`fixAll's findings are those of the text it returns (${name})`, () => {
      const fixed = fixAll(text, config, undefined, lintText(text, config).findings);
      assert.ok(fixed.fixed > 0, 'the example has fixes');
      assert.ok(fixed.findings, 'the last pass linted the fixed text');
      assert.deepStrictEqual(fixed.findings, lintText(fixed.text, config).findings);
    });

    it(`fix() reports the findings of the text it returns (${name})`, () => {
      const fixed = fix(text);
      assert.notStrictEqual(fixed.text, text);
      assert.deepStrictEqual(fixed.findings, lint(fixed.text));
    });
  }

  it('fixAll hands back the findings it was given when there is nothing to fix', () => {
    const findings = lintText(CORRECT, config).findings;
    const fixed = fixAll(CORRECT, config, undefined, findings);
    assert.strictEqual(fixed.text, CORRECT);
    assert.deepStrictEqual(fixed.findings, findings);
  });

  it("a rule's fix-all from the known findings gives the text fixAll gives, where no two of its fixes overlap", () => {
    let rules = 0;
    for (const text of [WITH_SLIPS, TWICE]) {
      const findings = lintText(text, config).findings;
      for (const rule of new Set(findings.filter((f) => f.fix).map((f) => f.rule))) {
        const edits = ruleFixEdits(findings, rule);
        // Overlapping fixes (the slips twice renumber the same items) need the passes of fixAll.
        if (!edits) continue;
        rules++;
        assert.ok(edits.length > 0, rule);
        const once = applyEdits(text, edits);
        assert.strictEqual(once.applied.length, edits.length, `${rule}: every edit applies`);
        assert.strictEqual(once.text, fixAll(text, config, rule).text, rule);
      }
    }
    assert.ok(rules >= 4, `${rules} rules with fixes`);
  });
});

describe('how many threads the CLI lints in', () => {
  let dir: string;
  const file = (name: string, bytes: number): string => {
    const p = path.join(dir, name);
    // Sparse: the size is what counts, and nothing is written.
    fs.writeFileSync(p, '');
    fs.truncateSync(p, bytes);
    return p;
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-threads-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('without --jobs, one thread for every 8 MB of text, up to the number of CPUs', () => {
    const small = Array.from({ length: 40 }, (_, i) => file(`s${i}.referat.md`, 100_000));
    assert.strictEqual(threadsFor(small, undefined, 8), 1, '4 MB in 40 files');
    const large = Array.from({ length: 8 }, (_, i) => file(`l${i}.referat.md`, 4_000_000));
    assert.strictEqual(threadsFor(large, undefined, 8), 4, '32 MB, 8 CPUs');
    assert.strictEqual(threadsFor(large, undefined, 2), 2, '32 MB, 2 CPUs');
    assert.strictEqual(threadsFor(large, undefined, 1), 1, '32 MB, 1 CPU');
    assert.strictEqual(threadsFor([...large, '-'], undefined, 8), 1, 'standard input is read in the main thread');
  });

  it('--jobs N: N threads, one file to a thread at most', () => {
    const two = [file('a.referat.md', 10), file('b.referat.md', 10)];
    assert.strictEqual(threadsFor(two, 4), 2);
    assert.strictEqual(threadsFor(two, 1), 1);
  });
});
