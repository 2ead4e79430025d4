import { parse } from '../../server/src/core/parse';
import { differences } from './compare';
import type { Layout } from './grammar';
import type { FictionalMeeting } from './meeting';
import { render } from './render';

/** Renders a meeting in a layout, parses it, and lists where the reading differs from what was written. */
export function readBack(meeting: FictionalMeeting, layout: Layout): { text: string; differences: string[] } {
  const { text, expected } = render(meeting, layout);
  return { text, differences: differences(parse(text).model, expected) };
}
