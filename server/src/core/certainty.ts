import type { Item, ReferatModel } from './model';

/** The model as the parser has read it, before its certainty. */
type ReadModel = Omit<ReferatModel, 'certainty'>;
import { similarTitles } from './layout/headings';

/**
 * How sure the reading of a document is, part by part, from what the parsed model shows about
 * itself (issue 24): numbers that run in sequence, one heading shape, sections below the headings,
 * a table of contents that agrees, a case-number scheme the items share, a header date that the
 * decision headings repeat. A check whose input was read without certainty says nothing.
 */

export type ReadPart = 'headings' | 'caseNumbers' | 'date' | 'members' | 'toc' | 'decisions';
export const READ_PARTS: readonly ReadPart[] = ['headings', 'caseNumbers', 'date', 'members', 'toc', 'decisions'];

/** One thing the document shows, for or against a part: a stable id, whether it holds, and the counts behind it. */
export interface Signal {
  id: string;
  holds: boolean;
  detail: string;
}

export interface PartCertainty {
  certain: boolean;
  signals: Signal[];
}

export type Certainty = Record<ReadPart, PartCertainty>;

/** At least half: where a document's own slips (a skipped number, a missing decision) stay below, and a misreading goes above. */
const half = (part: number, whole: number): boolean => whole === 0 || part * 2 >= whole;
/** Below this many, a share says nothing: two items without a decision may both be real slips. */
const FEW = 3;

/** The item-heading form a shape description names, without its markup (`## Punkt N: Title` -> `Punkt N: Title`). */
function headingForm(shape: string): string {
  return shape
    .replace(/^- /, '')
    .replace(/^#+ /, '')
    .replace(/^\*\*|\*\*$/g, '');
}

function headings(model: ReadModel): PartCertainty {
  const { items, toc, layout } = model;
  const signals: Signal[] = [{ id: 'items-found', holds: items.length > 0, detail: `${items.length} items` }];
  let inSequence = 0;
  for (let k = 1; k < items.length; k++) {
    const before = items[k - 1].number;
    if (before !== null && items[k].number === before + 1) inSequence++;
  }
  signals.push({
    id: 'numbers-in-sequence',
    holds: half(inSequence, items.length - 1),
    detail: `${inSequence} of ${Math.max(0, items.length - 1)} steps count up by one`,
  });
  const forms = new Set(layout.headingShapes.map(headingForm));
  signals.push({ id: 'one-heading-shape', holds: forms.size <= 1, detail: layout.headingShapes.join(' | ') || 'none' });
  const open = items.filter((i) => !i.closed);
  // A decision without a heading is the item's first text, taken as its decision: no sign of structure.
  const structured = open.filter(
    (i) => i.sections.length > 0 || i.caseNumbers.length > 0 || (i.decision !== null && !i.decision.headless),
  ).length;
  signals.push({
    id: 'sections-after-headings',
    holds: half(structured, open.length),
    detail: `${structured} of ${open.length} open items have a case number, a section or a decision heading`,
  });
  const numbered = toc.filter((e) => e.number !== undefined);
  if (numbered.length >= 2 && items.length > 0) {
    const byNumber = new Map(items.map((i) => [i.number, i]));
    const agreeing = numbered.filter((e) => {
      const item = byNumber.get(e.number!);
      return item !== undefined && similarTitles(item.title, e.title);
    }).length;
    signals.push({
      id: 'agrees-with-toc',
      holds: half(agreeing, numbered.length),
      detail: `${agreeing} of ${numbered.length} numbered entries match a heading`,
    });
  }
  const failed = signals.filter((s) => !s.holds).length;
  return { certain: items.length > 0 && failed <= 1, signals };
}

function caseNumbers(model: ReadModel): PartCertainty {
  const withNumbers = model.items.filter((i) => i.caseNumbers.length > 0).length;
  const scheme = model.layout.caseNumberScheme;
  const holds = withNumbers < FEW || scheme !== undefined;
  const detail = scheme
    ? `${scheme.count} of ${scheme.total} items share ${scheme.parts.map((p) => p.shape).join(' + ')}`
    : `${withNumbers} items have case numbers, no scheme most of them share`;
  return { certain: holds, signals: [{ id: 'shared-scheme', holds, detail }] };
}

function date(model: ReadModel): PartCertainty {
  const { meeting, items } = model;
  const signals: Signal[] = [{ id: 'header-date', holds: meeting.date !== undefined, detail: meeting.date ?? 'none' }];
  if (meeting.date === undefined) return { certain: false, signals };
  const dated = items.filter((i) => i.decision?.date !== undefined);
  const agreeing = dated.filter((i) => i.decision!.date === meeting.date).length;
  signals.push({
    id: 'decision-dates-agree',
    holds: dated.length < FEW || half(agreeing, dated.length),
    detail: `${agreeing} of ${dated.length} dated decision headings give the header's date`,
  });
  return { certain: signals.every((s) => s.holds), signals };
}

/** A member's name as a header prints one: two to six words, no digits. */
function looksLikeName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return words.length >= 2 && words.length <= 6 && !/\d/.test(name) && !/^ingen$/i.test(name.trim());
}

function members(model: ReadModel): PartCertainty {
  const list = model.meeting.members;
  const named = list.filter((m) => looksLikeName(m.name)).length;
  // A list where one name in ten does not read as a name was read from something else (a sentence, a role, `Ingen`).
  const holds = named * 10 >= list.length * 9;
  return { certain: holds, signals: [{ id: 'names-look-like-names', holds, detail: `${named} of ${list.length} members read as names` }] };
}

function toc(model: ReadModel): PartCertainty {
  const { toc: entries, items } = model;
  if (entries.length === 0) return { certain: true, signals: [{ id: 'no-toc', holds: true, detail: 'no table of contents' }] };
  // Items by number, so that each numbered entry is compared with its own items only (a keystroke reads this again).
  const byNumber = new Map<number, Item[]>();
  for (const i of items) if (i.number !== null) (byNumber.get(i.number) ?? byNumber.set(i.number, []).get(i.number)!).push(i);
  const matched = entries.filter((e) =>
    (e.number === undefined ? items : (byNumber.get(e.number) ?? [])).some((i) => similarTitles(i.title, e.title)),
  ).length;
  const holds = items.length > 0 && half(matched, entries.length);
  return {
    certain: holds,
    signals: [{ id: 'entries-match-items', holds, detail: `${matched} of ${entries.length} entries match an item` }],
  };
}

function decisions(model: ReadModel): PartCertainty {
  const open = model.items.filter((i) => !i.closed);
  const decided = open.filter((i) => i.decision !== null).length;
  const holds = open.length < FEW || half(decided, open.length);
  return { certain: holds, signals: [{ id: 'decisions-found', holds, detail: `${decided} of ${open.length} open items have a decision` }] };
}

/** The certainty of each part of a parsed document. */
export function readCertainty(model: ReadModel): Certainty {
  return {
    headings: headings(model),
    caseNumbers: caseNumbers(model),
    date: date(model),
    members: members(model),
    toc: toc(model),
    decisions: decisions(model),
  };
}

/** The parts read without certainty, in a fixed order. */
export function uncertainParts(certainty: Certainty): ReadPart[] {
  return READ_PARTS.filter((p) => !certainty[p].certain);
}

/** What the document's note says (the uncertain parts and the signals against them): an edit that changes it changes every item's checks. */
export function certaintyKey(certainty: Certainty): string {
  return uncertainParts(certainty)
    .map(
      (p) =>
        `${p}:${certainty[p].signals
          .filter((s) => !s.holds)
          .map((s) => s.id)
          .join('+')}`,
    )
    .join(' ');
}
