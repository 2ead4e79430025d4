import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from '../../server/src/core/parse';
import { lintText } from '../../server/src/lint';
import { corpusDir, repoRoot } from '../support/paths';

/** What a person wrote down from reading each corpus document (test/corpus/expectations.json). */
interface ItemExpectation {
  number: number;
  title: string;
  line: number;
  closed: boolean;
  caseNumbers: string[];
  decision: null | { line: number; date: string | null; absentees: string[]; empty: boolean };
  tableLines: number[];
}

interface DocumentExpectation {
  meetingDate: string;
  members: string[];
  meetingAbsentees: string[];
  tocTitles: string[];
  items: ItemExpectation[];
  slips: Array<{ rule: string; line: number; what: string }>;
}

/** Lejre's committee code (`JA - `) is not part of a title, whichever way it was written down. */
function title(t: string): string {
  return t
    .normalize('NFC')
    .replace(/^[A-ZÆØÅ]{1,6}\s+[-–]\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const corpus = corpusDir();
const expectations: Record<string, DocumentExpectation> = JSON.parse(
  fs.readFileSync(path.join(repoRoot(), 'test', 'corpus', 'expectations.json'), 'utf8'),
);

describe('corpus of real referater', function () {
  if (!corpus) {
    it('is skipped: ../shared/corpus is not beside the repository');
    console.log('  (corpus tests skipped: ../shared/corpus not found)');
    return;
  }
  const files = fs
    .readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort();

  it('has an expectation for every document', () => {
    assert.deepStrictEqual(
      Object.keys(expectations)
        .filter((k) => !k.startsWith('greve/'))
        .sort(),
      files,
    );
  });

  for (const file of files) {
    describe(file, () => {
      const text = fs.readFileSync(path.join(corpus, file), 'utf8');
      const expected = expectations[file];
      const { model } = parse(text);

      it('reads the meeting', () => {
        assert.strictEqual(model.meeting.date, expected.meetingDate);
        assert.deepStrictEqual(
          model.meeting.members.map((m) => m.name),
          expected.members,
        );
        assert.deepStrictEqual(
          model.meeting.absentees.map((a) => a.name),
          expected.meetingAbsentees,
        );
        assert.deepStrictEqual(
          model.toc.map((e) => title(e.title)),
          expected.tocTitles.map(title),
        );
      });

      it('reads every item: number, title, line, closed, case numbers, decision, tables', () => {
        const actual = model.items.map((i) => ({
          number: i.number,
          title: title(i.title),
          line: i.line,
          closed: i.closed,
          caseNumbers: i.caseNumbers.map((c) => c.text),
          decision: i.decision && {
            line: i.decision.line,
            date: i.decision.date ?? null,
            absentees: i.decision.absentees.map((a) => a.name),
            empty: i.decision.body === '',
          },
          tableLines: i.tables.map((t) => t.line),
        }));
        assert.deepStrictEqual(
          actual,
          expected.items.map((i) => ({ ...i, title: title(i.title) })),
        );
      });

      it('reports exactly the real slips written down, and nothing else above information', () => {
        const loud = lintText(text).findings.filter((f) => f.severity === 'warning' || f.severity === 'error');
        assert.deepStrictEqual(
          loud.map((f) => `${f.rule}@${f.range.start.line}`).sort(),
          expected.slips.map((s) => `${s.rule}@${s.line}`).sort(),
        );
      });
    });
  }
});
