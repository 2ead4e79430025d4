import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ReferatModel } from '../../server/src/core/model';
import { parse } from '../../server/src/core/parse';
import { repoRoot } from '../support/paths';

/**
 * Golden files for the layout step (as textlint's parser fixtures): each fictional referat in
 * test/fixtures/layouts/ in a shape the corpus does not hold, beside the model it must read to, in a
 * form a person can review (`<name>.json`). `UPDATE_GOLDEN=1 npm test` rewrites them; read the diff.
 */
const dir = path.join(repoRoot(), 'test', 'fixtures', 'layouts');

/** The model as a reviewer checks it: what was read, without the character offsets. */
export function reviewable(model: ReferatModel): unknown {
  const names = (refs: ReadonlyArray<{ name: string }>) => refs.map((r) => r.name);
  return {
    // A document without case numbers has no scheme: null, so that the golden file says so.
    layout: { ...model.layout, caseNumberScheme: model.layout.caseNumberScheme ?? null },
    meeting: {
      committee: model.meeting.committee?.text ?? null,
      date: model.meeting.date ?? null,
      place: model.meeting.place?.text ?? null,
      members: model.meeting.members.map((m) => `${m.name}${m.party ? ` (${m.party})` : ''}${m.role ? ` [${m.role}]` : ''}`),
      absentees: names(model.meeting.absentees),
      partialAbsentees: names(model.meeting.partialAbsentees),
    },
    toc: model.toc.map((e) => [e.number ?? null, e.title, e.page ?? null]),
    items: model.items.map((i) => ({
      number: i.number,
      title: i.title,
      line: i.line,
      closed: i.closed,
      caseNumbers: i.caseNumbers.map((c) => `${c.text} (${c.kind}${c.year ? ` ${c.year}` : ''})`),
      sections: i.sections.map((s) => `${s.kind}: ${s.title}`),
      decision: i.decision && {
        line: i.decision.line,
        headless: i.decision.headless ?? false,
        date: i.decision.date ?? null,
        body: i.decision.body,
        absentees: names(i.decision.absentees),
      },
      quotations: i.quotations.map((q) => [q.line, q.endLine]),
      partialAbsentees: names(i.partialAbsentees),
    })),
  };
}

describe('layout fixtures: fictional referater in shapes the corpus does not hold', () => {
  const fixtures = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  it('are there', () => assert.ok(fixtures.length >= 6));
  for (const file of fixtures) {
    it(file, () => {
      const actual = reviewable(parse(fs.readFileSync(path.join(dir, file), 'utf8')).model);
      const golden = path.join(dir, file.replace(/\.txt$/, '.json'));
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, JSON.stringify(actual, null, 2) + '\n');
      assert.deepStrictEqual(actual, JSON.parse(fs.readFileSync(golden, 'utf8')));
    });
  }
});
