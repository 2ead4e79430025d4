import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { compareFindings, lintText, sortFindings } from '../../server/src/lint';
import type { Finding } from '../../server/src/rules/types';
import { repoRoot } from '../support/paths';

/** Findings at few positions and rules, so that many compare equal and the order of equals shows. */
function findings(count: number): Finding[] {
  const out: Finding[] = [];
  let seed = 7;
  const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (let i = 0; i < count; i++) {
    const at = { line: next(40), character: next(3) };
    out.push({
      rule: ['b-rule', 'a-rule', 'c-rule'][next(3)],
      severity: 'warning',
      message: { da: `nr. ${i}`, en: `no. ${i}` },
      range: { start: at, end: at },
    });
  }
  return out;
}

describe('sortFindings', () => {
  it('orders as compareFindings does and keeps equals in their order, short lists and long', () => {
    for (const count of [10, 63, 64, 1000]) {
      const list = findings(count);
      const expected = [...list].sort(compareFindings);
      sortFindings(list);
      assert.deepStrictEqual(
        list.map((f) => f.message.en),
        expected.map((f) => f.message.en),
        `${count} findings`,
      );
    }
  });

  it('gives lintText its order on the examples', () => {
    const text = fs.readFileSync(path.join(repoRoot(), 'examples', 'med-fejl.referat.md'), 'utf8');
    const { findings: found } = lintText(text);
    assert.ok(found.length > 5);
    for (let i = 1; i < found.length; i++) assert.ok(compareFindings(found[i - 1], found[i]) <= 0, `finding ${i} is out of order`);
  });
});
