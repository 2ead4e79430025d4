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
  if (tocLine !== undefined) {
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
  const firstItemLine = chosen.headings.length > 0 ? chosen.headings[0].line : lines.length;
  const { meeting, fields } = readMeeting(lines, shapes, tocLine ?? firstItemLine);
  return {
    shapes,
    tocLine,
    tocEnd,
    toc,
    headings: chosen.headings,
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
function tocExtent(lines: readonly string[], shapes: readonly LineShape[], tocLine: number, candidates: readonly HeadingCandidate[]): number {
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
      if (entries > 0 && ((entryKey !== undefined && key !== entryKey) || (entryKey === undefined && entries > 0) || n <= highest)) return lastText;
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
