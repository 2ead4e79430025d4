import * as assert from 'assert';
import * as fc from 'fast-check';
import { uncertainParts } from '../../server/src/core/certainty';
import { parse } from '../../server/src/core/parse';
import { lintText } from '../../server/src/lint';
import { AXES, AXIS_NAMES, layoutArb, type Layout } from '../layouts/grammar';
import { meetingArb, type FictionalMeeting } from '../layouts/meeting';
import { render } from '../layouts/render';

/**
 * Certainty per document (issue 24 §2), on fictional referater from the layout generator: a clean
 * rendering reads as certain; a damaged one (headings in two shapes, numbers out of order, nothing
 * below them) reads as uncertain and gets the one information finding instead of warnings.
 */

const SEED = 2412;
const plain = Object.fromEntries(AXIS_NAMES.map((a) => [a, AXES[a][0]])) as Layout;

/** A meeting with four case items at least, so that shares mean something. */
const biggerMeeting = meetingArb.filter((m) => m.items.filter((i) => !i.standing && !i.closed).length >= 3);

/** The meeting's items written as a publication that lost its structure: two heading shapes, numbers out of order, bare text below. */
function damaged(meeting: FictionalMeeting): string {
  const numbers = [7, 3, 12, 5, 9, 2, 15, 4];
  const out = [`Referat - ${meeting.committee}`, `Mødedato: ${meeting.day}. marts ${meeting.year}`, ''];
  meeting.items.forEach((item, k) => {
    const n = numbers[k % numbers.length];
    out.push(k % 2 === 0 ? `Punkt ${n}: ${item.title}` : `${n}. ${item.title}`, 'Teksten om sagen står her uden afsnit.', '');
  });
  return out.join('\n') + '\n';
}

describe('certainty per document', () => {
  it('a cleanly rendered referat reads as certain in every part, and no check is turned off', () => {
    for (const [meeting, layout] of fc.sample(fc.tuple(meetingArb, layoutArb()), { numRuns: 300, seed: SEED })) {
      const text = render(meeting, layout).text;
      const { model } = parse(text);
      assert.deepStrictEqual(uncertainParts(model.certainty), [], JSON.stringify(model.certainty));
      assert.ok(!lintText(text).findings.some((f) => f.rule === 'layout-uncertain'));
    }
  });

  it('headings in two shapes, out of order, with nothing below them read as uncertain: one information finding, no warnings', () => {
    for (const meeting of fc.sample(biggerMeeting, { numRuns: 40, seed: SEED })) {
      const text = damaged(meeting);
      const { findings, parsed } = lintText(text);
      assert.ok(uncertainParts(parsed.model.certainty).includes('headings'), JSON.stringify(parsed.model.certainty.headings));
      const notes = findings.filter((f) => f.rule === 'layout-uncertain');
      assert.strictEqual(notes.length, 1);
      assert.strictEqual(notes[0].severity, 'information');
      assert.deepStrictEqual(notes[0].range.start, { line: 0, character: 0 });
      assert.match(notes[0].message.da, /punktoverskrifterne.*missing-decision.*item-numbering/);
      assert.match(notes[0].message.en, /the item headings.*missing-decision.*item-numbering/);
      assert.deepStrictEqual(
        findings.filter((f) => f.severity === 'warning' || f.severity === 'error'),
        [],
      );
    }
  });

  it('a real slip in a clean layout stays a warning: one missing decision and one skipped number', () => {
    for (const meeting of fc.sample(biggerMeeting, { numRuns: 40, seed: SEED })) {
      const k = meeting.items.findIndex((i) => !i.standing && !i.closed && i.decision !== null);
      const items = meeting.items.map((i, j) => ({ ...i, decision: j === k ? null : i.decision, number: j > k ? i.number + 1 : i.number }));
      const { findings, parsed } = lintText(render({ ...meeting, items }, plain).text);
      assert.deepStrictEqual(uncertainParts(parsed.model.certainty), []);
      const rules = findings.filter((f) => f.severity === 'warning').map((f) => f.rule);
      assert.ok(rules.includes('missing-decision') && rules.includes('item-numbering'), rules.join(', '));
    }
  });

  it('decision headings that mostly give another date than the header make the date uncertain', () => {
    const [meeting] = fc.sample(biggerMeeting, { numRuns: 1, seed: SEED });
    const text = render(meeting, { ...plain, decisionHeading: 'Beslutning i udvalg den dato' }).text;
    const shifted = text.replace(
      /(Beslutning i .* den )(\d\d)-/g,
      (_, head: string, day: string) => `${head}${String((Number(day) % 28) + 1).padStart(2, '0')}-`,
    );
    const { findings, parsed } = lintText(shifted);
    assert.deepStrictEqual(uncertainParts(parsed.model.certainty), ['date']);
    assert.ok(!findings.some((f) => f.rule === 'decision-date'));
    assert.match(
      findings.find((f) => f.rule === 'layout-uncertain')!.message.en,
      /the meeting date \(the decision headings give another date\).*decision-date/,
    );
  });
});
