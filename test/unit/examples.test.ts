import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { repoRoot } from '../support/paths';

/** The bundled examples, linted by the built CLI as the README's first command does. */
describe("examples/ (the README's first command)", () => {
  const root = repoRoot();
  let report: Array<{ file: string; diagnostics: Array<{ rule: string; severity: string }> }> = [];
  let exitCode = 0;

  before(() => {
    try {
      execFileSync(process.execPath, [path.join(root, 'bin', 'referat-lint.js'), '--format', 'json', 'examples'], {
        cwd: root,
        encoding: 'utf8',
      });
    } catch (e) {
      const err = e as { status: number; stdout: string };
      exitCode = err.status;
      report = JSON.parse(err.stdout);
      return;
    }
    assert.fail('the examples carry slips, so the CLI must exit 1');
  });

  const rulesOf = (file: string): string[] =>
    [...new Set(report.find((r) => r.file.endsWith(file))!.diagnostics.map((d) => d.rule))].sort();

  it('exits 1 and reports all three files', () => {
    assert.strictEqual(exitCode, 1);
    assert.deepStrictEqual(report.map((r) => path.basename(r.file)).sort(), [
      'korrekt.referat.md',
      'med-fejl.referat.md',
      'plaintekst.referat.txt',
    ]);
  });

  it('finds nothing in the correct referat', () => {
    assert.deepStrictEqual(rulesOf('korrekt.referat.md'), []);
  });

  it("finds every rule's slip in the examples with slips", () => {
    assert.deepStrictEqual(rulesOf('med-fejl.referat.md'), [
      'absentee-inconsistent',
      'absentee-not-member',
      'case-number-duplicate',
      'case-number-future',
      'case-number-missing',
      'decision-date',
      'empty-decision',
      'item-numbering',
      'missing-decision',
      'table-sum-mismatch',
      'toc-mismatch',
    ]);
    assert.deepStrictEqual(rulesOf('plaintekst.referat.txt'), ['absentee-not-member', 'case-number-format']);
  });
});
