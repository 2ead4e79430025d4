import * as fc from 'fast-check';
import { readBack } from './check';
import {
  AXES,
  AXIS_NAMES,
  describeLayout,
  holdingValues,
  KNOWN_FAILING,
  KNOWN_FAILING_TOGETHER,
  layoutArb,
  type Axis,
  type Layout,
} from './grammar';
import { meetingArb, type FictionalMeeting } from './meeting';

/**
 * `npm run layouts:report`: for every value of every axis, how many combinations with that value
 * (the other axes over the values that hold) the parser misreads, and the smallest failing example
 * fast-check shrinks to. `--all` draws the other axes over every value instead; `--runs N` per value.
 */

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 200;
const all = args.includes('--all');
const seed = Number(process.env.LAYOUT_SEED ?? 24);

function fixed(axis: Axis, value: string): fc.Arbitrary<Layout> {
  return layoutArb((a) => (a === axis ? [value] : all ? AXES[a] : holdingValues(a)), all);
}

const rows: string[] = [];
const examples: string[] = [];
for (const axis of AXIS_NAMES) {
  for (const value of AXES[axis]) {
    const arb = fc.tuple(meetingArb, fixed(axis, value));
    let failed = 0;
    for (const [meeting, layout] of fc.sample(arb, { numRuns: runs, seed })) if (readBack(meeting, layout).differences.length > 0) failed++;
    const known = (KNOWN_FAILING[axis] as Record<string, string> | undefined)?.[value];
    rows.push(`| ${axis} | ${value} | ${failed}/${runs} | ${known ? `known: ${known}` : failed > 0 ? 'NEW' : ''} |`);
    if (failed === 0) continue;
    const check = fc.check(
      fc.property(arb, ([m, l]: [FictionalMeeting, Layout]) => readBack(m, l).differences.length === 0),
      { numRuns: runs, seed },
    );
    if (check.failed && check.counterexample) {
      const [m, l] = check.counterexample[0];
      examples.push(
        `${axis}=${value}: ${describeLayout(l)} (${m.items.length} items)\n    ${readBack(m, l).differences.slice(0, 3).join('\n    ')}`,
      );
    }
  }
}
for (const k of KNOWN_FAILING_TOGETHER) {
  const arb = fc.tuple(
    meetingArb,
    layoutArb((a) => (a in k.when ? [k.when[a] as string] : holdingValues(a)), true),
  );
  let failed = 0;
  for (const [meeting, layout] of fc.sample(arb, { numRuns: runs, seed })) if (readBack(meeting, layout).differences.length > 0) failed++;
  rows.push(
    `| ${Object.entries(k.when)
      .map(([a, v]) => `${a}=${v}`)
      .join(' & ')} | (together) | ${failed}/${runs} | known: ${k.reason} |`,
  );
}
console.log(
  `Layouts read back, per axis value (${runs} combinations each, other axes over ${all ? 'every value' : 'the values that hold'}, seed ${seed})\n`,
);
console.log('| axis | value | misread | |\n|---|---|---:|---|');
console.log(rows.join('\n'));
console.log('\nSmallest failing example per value:\n');
console.log(examples.join('\n'));
