import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from '../../server/src/core/parse';
import { lintText } from '../../server/src/lint';
import { corpusDir, repoRoot } from '../support/paths';

/**
 * The 151 Greve meetings in ../shared/corpus/greve/. Their rendering is known (see its README): the
 * items are the `## Punkt N: Title` lines, each with a `Sagsnr.:` line below it, and the date is the
 * header's `Mødedato`. So the structure they must parse to is read off the text here, independently of
 * the parser; the findings they may raise are the real slips written down in expectations.json under
 * `greve/<file>`, each with its reason (0-based lines, as in the model).
 */

interface Slip {
  rule: string;
  line: number;
  what: string;
}

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** What the rendering says: the `## Punkt` items with their `Sagsnr.:` and the `Mødedato`. */
function rendered(text: string): { date: string; items: Array<{ number: number; line: number; caseNumbers: string[] }> } {
  const lines = text.split(/\r?\n/);
  const dateLine = lines.find((l) => l.startsWith('**Mødedato**')) ?? '';
  const d = /(\d{1,2})\. (\p{L}+) (\d{4})/u.exec(dateLine);
  const date = d ? `${d[3]}-${String(MONTHS.indexOf(d[2].toLowerCase()) + 1).padStart(2, '0')}-${d[1].padStart(2, '0')}` : '';
  const items: Array<{ number: number; line: number; caseNumbers: string[] }> = [];
  lines.forEach((l, i) => {
    const m = /^## Punkt (\d+): /.exec(l);
    if (!m) return;
    const sags = lines.slice(i + 1, i + 4).find((x) => x.startsWith('Sagsnr.:'));
    items.push({
      number: Number(m[1]),
      line: i,
      caseNumbers: sags
        ? sags
            .slice('Sagsnr.:'.length)
            .trim()
            .split(/\s*,\s*|\s+/)
            .filter(Boolean)
        : [],
    });
  });
  return { date, items };
}

const corpus = corpusDir();
const expectations: Record<string, { slips?: Slip[] }> = JSON.parse(
  fs.readFileSync(path.join(repoRoot(), 'test', 'corpus', 'expectations.json'), 'utf8'),
);

describe('corpus: the 151 Greve meetings', function () {
  const dir = corpus && path.join(corpus, 'greve');
  if (!dir || !fs.existsSync(dir)) {
    it('is skipped: ../shared/corpus/greve is not beside the repository');
    console.log('  (Greve corpus tests skipped: ../shared/corpus/greve not found)');
    return;
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();

  it('holds the 151 meetings', () => assert.strictEqual(files.length, 151));

  it('every listed slip names a document of the corpus', () => {
    const listed = Object.keys(expectations)
      .filter((k) => k.startsWith('greve/'))
      .map((k) => k.slice('greve/'.length));
    assert.deepStrictEqual(
      listed.filter((f) => !files.includes(f)),
      [],
    );
  });

  for (const file of files) {
    describe(file, () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const expected = rendered(text);

      it('reads exactly the rendered items, their case numbers and the meeting date', () => {
        const { model } = parse(text);
        assert.strictEqual(model.meeting.date, expected.date);
        assert.deepStrictEqual(
          model.items.map((i) => ({ number: i.number, line: i.line, caseNumbers: i.caseNumbers.map((c) => c.text) })),
          expected.items,
        );
      });

      it('warns about the real slips written down, and nothing else', () => {
        const loud = lintText(text).findings.filter((f) => f.severity === 'warning' || f.severity === 'error');
        const slips = expectations[`greve/${file}`]?.slips ?? [];
        const actual = loud.map((f) => `${f.rule}@${f.range.start.line}`).sort();
        const wanted = slips.map((s) => `${s.rule}@${s.line}`).sort();
        const unlisted = loud
          .filter((f) => !wanted.includes(`${f.rule}@${f.range.start.line}`))
          .map((f) => `${f.rule}@${f.range.start.line} ${f.message.en}`);
        assert.deepStrictEqual(actual, wanted, `not listed: ${unlisted.join(' | ') || 'none'}`);
      });
    });
  }
});
