import type { LayoutSummary, Meeting, TocEntry } from '../model';
import { shapeLine, type LineShape } from '../lines';
import { isCaseLabelLine } from './caseNumbers';
import { readMeeting } from './header';
import { chooseHeadings, readHeadingCandidate, similarTitles, type HeadingCandidate } from './headings';
import { findPageFurniture } from './pages';
import { classifyLine, classifySection, type Classified } from './sections';
import { readToc, TOC_HEADING } from './toc';

/**
 * The layout step: what a document shows about how it is laid out, read before the model is built.
 * Its parts each have a module here: page furniture (pages), item-heading shapes (headings), the
 * header's fields (header), the table of contents (toc), section names and quoted history
 * (sections), absence (absence), case-number schemes (caseNumbers) and tables (tables).
 */
export interface Layout {
  /** Each line's shape, with page furniture read as blank. */
  shapes: LineShape[];
  tocLine?: number;
  /** Last line of the table of contents. */
  tocEnd?: number;
  toc: TocEntry[];
  headings: HeadingCandidate[];
  /** Where there are no headings: the lines where items start whose headings the publication lost. */
  unheaded: number[];
  /** The section heading a line is, if any (computed once per line). */
  sectionOf: (line: number) => Classified | undefined;
  meeting: Meeting;
  summary: Omit<LayoutSummary, 'caseNumberScheme' | 'decisions'>;
}

const BLANK: LineShape = shapeLine('');

export function readLayout(lines: readonly string[]): Layout {
  const shapes = lines.map(shapeLine);
  const furniture = findPageFurniture(lines, shapes);
  for (const l of furniture.lines) shapes[l] = BLANK;

  const candidates: HeadingCandidate[] = [];
  let tocLine: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const s = shapes[i];
    if (s.blank) continue;
    if (tocLine === undefined && candidates.length === 0 && TOC_HEADING.test(s.content.replace(/\*\*/g, ''))) {
      tocLine = i;
      continue;
    }
    const c = readHeadingCandidate(lines[i], s, i);
    if (c) candidates.push(c);
  }

  let toc: TocEntry[] = [];
  let tocEnd: number | undefined;
  let body = candidates;
  const unlabelled = tocLine === undefined ? unlabelledToc(lines, shapes, candidates) : undefined;
  if (unlabelled) {
    tocLine = unlabelled.label;
    tocEnd = unlabelled.end;
    toc = readToc(lines, shapes, tocLine + 1, tocEnd);
    const end = tocEnd;
    body = candidates.filter((c) => c.line > end);
  } else if (tocLine !== undefined) {
    tocEnd = tocExtent(lines, shapes, tocLine, candidates);
    toc = readToc(lines, shapes, tocLine + 1, tocEnd);
    const end = tocEnd;
    body = candidates.filter((c) => c.line > end);
  }
  // Section headings are read once per line: the heading choice and the model builder both ask.
  const sections = new Array<Classified | null | undefined>(lines.length).fill(undefined);
  const sectionOf = (l: number): Classified | undefined => {
    let c = sections[l];
    if (c === undefined) c = sections[l] = classifyLine(shapes[l]) ?? null;
    return c ?? undefined;
  };
  let chosen = chooseHeadings(lines, shapes, body, toc, sectionOf);
  if (tocLine !== undefined && !tocShowsItself(toc, chosen.headings)) {
    // `Dagsorden` over lines with neither numbers nor pages that no heading repeats names the page, not a table of contents.
    tocLine = tocEnd = undefined;
    toc = [];
    body = candidates;
    chosen = chooseHeadings(lines, shapes, body, toc, sectionOf);
  }
  const unheaded = chosen.headings.length > 0 ? [] : unheadedItemStarts(lines, shapes, sectionOf);
  const firstItemLine = chosen.headings.length > 0 ? chosen.headings[0].line : unheaded.length > 0 ? unheaded[0] : lines.length;
  const { meeting, fields } = readMeeting(lines, shapes, tocLine ?? firstItemLine);
  return {
    shapes,
    tocLine,
    tocEnd,
    toc,
    headings: chosen.headings,
    unheaded,
    sectionOf,
    meeting,
    summary: {
      headingShapes: chosen.shapes,
      bodyLinesOfOtherShapes: chosen.bodyCandidates + (candidates.length - body.length - countTocCandidates(candidates, tocLine, tocEnd)),
      headerFields: fields,
      pageBreaks: furniture.breaks.length,
      pageFurnitureLines: furniture.lines.size,
    },
  };
}

const ITEM_MARK = /^(?:Åben|Åbent|Lukket)(?:\s+(?:sag|punkt))?\.?$/i;

/**
 * Where a publication lost the item headings, each item still starts the same way: at its
 * `Åben`/`Lukket` mark, at its case-number label, or at the first of its sections (a section that
 * repeats, or any section after the decision, starts the next). Marks or labels count where the
 * document shows two of them at least; sections where it shows a decision.
 */
function unheadedItemStarts(
  lines: readonly string[],
  shapes: readonly LineShape[],
  sectionOf: (line: number) => Classified | undefined,
): number[] {
  const marks: number[] = [];
  const labels: number[] = [];
  const sectionStarts: number[] = [];
  let kinds = new Set<string>();
  let decided = false;
  let anyDecision = false;
  let sectionSinceLabel = true;
  for (let i = 0; i < lines.length; i++) {
    const s = shapes[i];
    if (s.blank) continue;
    if (ITEM_MARK.test(s.content)) {
      marks.push(i);
      continue;
    }
    if (isCaseLabelLine(lines[i]) && /\d/.test(lines[i])) {
      // A journal number beside the case number, on the next line, belongs to the same item.
      if (sectionSinceLabel) labels.push(i);
      sectionSinceLabel = false;
      continue;
    }
    const cls = sectionOf(i);
    if (!cls) continue;
    sectionSinceLabel = true;
    const isDecision = cls.kind === 'beslutning';
    if (sectionStarts.length === 0 || kinds.has(cls.kind) || (decided && !isDecision)) {
      sectionStarts.push(i);
      kinds = new Set();
      decided = false;
    }
    kinds.add(cls.kind);
    if (isDecision) decided = anyDecision = true;
  }
  if (marks.length >= 2) return marks;
  if (labels.length >= 2) return labels;
  return anyDecision ? sectionStarts : [];
}

/**
 * A table of contents under a label we do not know (`PUNKTER`): three heading-shaped lines or more
 * in a row, with nothing between them and numbers that go up, whose first number heads an item again
 * further down. Returns the label's line and the last entry's.
 */
function unlabelledToc(
  lines: readonly string[],
  shapes: readonly LineShape[],
  candidates: readonly HeadingCandidate[],
): { label: number; end: number } | undefined {
  let a = 0;
  while (a < candidates.length) {
    let b = a;
    while (
      b + 1 < candidates.length &&
      candidates[b + 1].key === candidates[a].key &&
      Number(candidates[b + 1].numberText) > Number(candidates[b].numberText) &&
      onlyBlankBetween(shapes, candidates[b].line, candidates[b + 1].line)
    )
      b++;
    if (b - a >= 2) {
      const first = candidates[a];
      // The first entry's number heads an item further down; a copy of the same tight list there (a list repeated in each item) is no heading.
      const again = candidates.findIndex((c, i) => i > b && c.numberText === first.numberText && c.key === first.key);
      const next = candidates[again + 1];
      const repeated =
        again >= 0 &&
        !(
          next &&
          next.key === first.key &&
          Number(next.numberText) === Number(first.numberText) + 1 &&
          onlyBlankBetween(shapes, candidates[again].line, next.line)
        );
      let label = first.line - 1;
      while (label >= 0 && shapes[label].blank) label--;
      if (repeated && label >= 0 && shapes[label].content.length <= 40 && !candidates.some((c) => c.line === label))
        return { label, end: candidates[b].line };
    }
    a = b + 1;
  }
  return undefined;
}

function onlyBlankBetween(shapes: readonly LineShape[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (!shapes[i].blank) return false;
  return true;
}

/** A table of contents shows itself by numbered or paged entries, or by titles that the headings repeat. */
function tocShowsItself(toc: readonly TocEntry[], headings: readonly HeadingCandidate[]): boolean {
  if (toc.length === 0 || toc.some((e) => e.number !== undefined || e.page !== undefined)) return true;
  const titles = headings.map((h) => h.title);
  return toc.filter((e) => titles.some((t) => similarTitles(t, e.title))).length * 2 >= toc.length;
}

function countTocCandidates(candidates: ReadonlyArray<{ line: number }>, tocLine: number | undefined, tocEnd: number | undefined): number {
  if (tocLine === undefined || tocEnd === undefined) return 0;
  return candidates.filter((c) => c.line > tocLine && c.line <= tocEnd).length;
}

/**
 * Where the table of contents ends: before a heading, before a heading-shaped line of another shape
 * than its own entries, where its numbers start again from the beginning (the items repeat them), or
 * before the first item when a case number or a section shows that one has begun.
 */
function tocExtent(
  lines: readonly string[],
  shapes: readonly LineShape[],
  tocLine: number,
  candidates: readonly HeadingCandidate[],
): number {
  // The candidates are in line order: `next` walks along with the lines.
  let next = 0;
  while (next < candidates.length && candidates[next].line <= tocLine) next++;
  let entries = 0;
  let entryKey: string | undefined;
  let highest = -1;
  let lastCandidate: number | undefined;
  let lastText = tocLine;
  for (let i = tocLine + 1; i < lines.length; i++) {
    const s = shapes[i];
    if (s.blank) continue;
    if (s.level > 0 && entries > 0) return lastText;
    const c = next < candidates.length && candidates[next].line === i ? candidates[next++] : undefined;
    if (c) {
      const n = Number(c.numberText);
      // `6. STIME - Title` among `5. Title` entries is an entry of the same list.
      const key = c.key.replace(/^coded\|/, 'number.|');
      if (entries > 0 && ((entryKey !== undefined && key !== entryKey) || (entryKey === undefined && entries > 0) || n <= highest))
        return lastText;
      entryKey = key;
      highest = Math.max(highest, n);
      lastCandidate = i;
    } else if (isCaseLabelLine(lines[i]) || classifySection(s.content, true)) {
      // An item has begun: its heading is the last entry-shaped line before this one.
      return lastCandidate !== undefined && i - lastCandidate <= 4 ? previousText(shapes, lastCandidate, tocLine) : lastText;
    }
    entries++;
    lastText = i;
  }
  return lastText;
}

function previousText(shapes: readonly LineShape[], line: number, floor: number): number {
  for (let i = line - 1; i > floor; i--) if (!shapes[i].blank) return i;
  return floor;
}
