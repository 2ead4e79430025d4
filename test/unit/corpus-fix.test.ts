import * as assert from 'assert';
import { diffLines } from 'diff';
import * as fs from 'fs';
import * as path from 'path';
import { defaultConfig, fixAll, lintText } from '../../server/src/lint';
import type { Finding } from '../../server/src/rules/types';
import { corpusDir } from '../support/paths';

/**
 * `--fix` on every real document (the eight and the 151 Greve meetings): the fixed findings are
 * gone, the findings without a fix are the same as before, and every line that changed is a line a
 * fix named.
 */
describe('fix round trip on the corpus', function () {
  this.timeout(300000);
  const found = corpusDir();
  if (!found) {
    it('is skipped: ../shared/corpus is not beside the repository');
    return;
  }
  const dir: string = found;
  const files = [
    ...fs.readdirSync(dir).filter((f) => f.endsWith('.txt')),
    ...(fs.existsSync(path.join(dir, 'greve'))
      ? fs
          .readdirSync(path.join(dir, 'greve'))
          .filter((f) => f.endsWith('.txt'))
          .map((f) => `greve/${f}`)
      : []),
  ].sort();
  const config = defaultConfig();

  it(`fixes only what it names, on all ${files.length} documents`, () => {
    let fixedDocs = 0;
    for (const file of files) {
      const text: string = fs.readFileSync(path.join(dir, file), 'utf8');
      const before = lintText(text, config).findings;
      const fixable = before.filter((f) => f.fix);
      if (fixable.length === 0) continue;
      fixedDocs++;
      const fixed: string = fixAll(text, config).text;
      const after: Finding[] = lintText(fixed, config).findings;
      assert.deepStrictEqual(
        after.filter((f) => f.fix).map((f) => `${f.rule}@${f.range.start.line}`),
        [],
        `${file}: nothing fixable is left`,
      );
      const unfixed = (list: readonly Finding[]): string[] =>
        list
          .filter((f) => !f.fix && f.rule !== 'parse')
          .map((f) => `${f.rule} ${f.message.en}`)
          .sort();
      assert.deepStrictEqual(unfixed(after), unfixed(before), `${file}: the findings without a fix stay as they were`);
      const named = new Set<number>();
      for (const f of fixable) for (const e of f.fix!.edits) for (let l = e.range.start.line; l <= e.range.end.line; l++) named.add(l);
      let line = 0;
      for (const part of diffLines(text, fixed)) {
        const count = part.count ?? 0;
        if (part.removed)
          for (let l = line; l < line + count; l++) assert.ok(named.has(l), `${file}: line ${l + 1} changed, but no fix names it`);
        if (!part.added) line += count;
      }
    }
    console.log(`      (${fixedDocs} of ${files.length} documents had fixes)`);
  });
});
