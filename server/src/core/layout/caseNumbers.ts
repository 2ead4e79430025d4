import type { CaseNumber, CaseNumberKind, Item } from '../model';
import { caseNumberShape, readCaseNumber } from '../caseNumber';
import type { LineShape } from '../lines';
import { isWhite, leadLetter, lineRange, nfc, NONE } from '../text';

/** Matched against a line without its trailing white space, so that no `(.*?)\s*$` has to backtrack. */
const CASE_LABEL =
  /^(\s*(?:\*\*)?(?:Sagsnr|Sags nr|Sag nr|Sagnr|Sagsnummer|Sags-?id|Journalnr|Journalnummer|J\.\s?nr|Jnr|Emnenr)\.?(?:\*\*)?\s*:?\s*(?:\*\*)?\s*)(.*)$/i;
/** A document number beside the case number (`Dok.nr.: 330-2018-500301`) is not a case number. */
// `(?<!\s)` starts a match only at the first space of a run: a long run of spaces is not scanned once per space.
const DOCUMENT_NUMBER = /(?<!\s)\s*(?:\*\*)?\b(?:Dok\.?\s?nr|Dokumentnr|Dokumentnummer|Dok\.?-?id|Bilagsnr)\b.*$/i;
/** Every document-number label has one of these words. */
const DOCUMENT_WORD = /dok|bilagsnr/i;
const OPEN_CLOSED_MARK = /^(Åben|Lukket)\s+(sag|punkt)\.?$/i;

/** Whether a line is a `Sagsnr.:` label line, with or without a number. */
export function isCaseLabelLine(raw: string): boolean {
  return mayBeCaseLabel(raw) && CASE_LABEL.test(raw.trimEnd());
}

/** Every case-number label starts with S, J or E. */
function mayBeCaseLabel(raw: string): boolean {
  const c = leadLetter(raw);
  return c === 0x73 || c === 0x6a || c === 0x65;
}

/** Whether a line is `Åben sag` / `Lukket punkt`, which stands among the case numbers in some layouts. */
export function isOpenClosedMark(content: string): boolean {
  // `Åben` (also as `A` and a combining ring) or `Lukket`.
  const c = content.charCodeAt(0) | 0x20;
  return (c === 0xe5 || c === 0x61 || c === 0x6c) && OPEN_CLOSED_MARK.test(nfc(content));
}

/**
 * The case numbers on the lines right after an item heading (from `from`, at most six non-blank
 * lines, up to `end`): `Sagsnr.: 22-006881`, a bare `00.22.04.G01` line, `Sagsnr. 299835  Dok.nr. ...`.
 */
export function readCaseNumbers(lines: readonly string[], shapes: readonly LineShape[], from: number, end: number): CaseNumber[] {
  const found: CaseNumber[] = [];
  let seen = 0;
  for (let i = from; i <= end && seen < 6; i++) {
    const s = shapes[i];
    if (s.blank) continue;
    if (isOpenClosedMark(s.content)) {
      seen++;
      continue;
    }
    const raw = lines[i].trimEnd();
    const labelled = mayBeCaseLabel(raw) ? CASE_LABEL.exec(raw) : null;
    let useLabel = labelled !== null && /\d/.test(labelled[2]);
    let candidate = useLabel ? labelled![2] : s.content;
    let candidateStart = useLabel ? labelled![1].length : s.start;
    if (labelled && !labelled[2].trim()) {
      // A label alone on its line (`Sagsnr:`) has its number on the next line of text.
      const next = nextTextLine(shapes, i, end);
      if (next === undefined) break;
      i = next;
      useLabel = true;
      candidate = shapes[i].content;
      candidateStart = shapes[i].start;
    }
    const doc = DOCUMENT_WORD.test(candidate) ? DOCUMENT_NUMBER.exec(candidate) : null;
    if (doc) candidate = candidate.slice(0, doc.index);
    let tokens = caseTokens(candidate.includes('*') ? candidate.replace(/\*\*/g, '  ') : candidate, useLabel ? 40 : 3);
    if (!tokens || tokens.length === 0) break;
    let readings = tokens.map((t) => readCaseNumber(t.text, useLabel));
    // After a label, the numbers are the words that read as ones; the text after them (`Sagsnr. 299835 Kultur- og Idrætsudvalget`) is not.
    const upTo = useLabel ? readings.findIndex((r) => !r) : -1;
    if (upTo > 0) {
      tokens = tokens.slice(0, upTo);
      readings = readings.slice(0, upTo);
    }
    if (!readings.every((r) => r)) break;
    tokens.forEach((t, k) => {
      const r = readings[k]!;
      const cn: CaseNumber = {
        text: t.text,
        kind: r.kind,
        range: lineRange(i, candidateStart + t.start, candidateStart + t.start + t.text.length),
      };
      if (r.year !== undefined) cn.year = r.year;
      found.push(cn);
    });
    seen++;
  }
  return found.length > 0 ? found : NONE;
}

function nextTextLine(shapes: readonly LineShape[], line: number, end: number): number | undefined {
  for (let i = line + 1; i <= end && i <= line + 3; i++) if (!shapes[i].blank) return i;
  return undefined;
}

/**
 * The words of a line that may hold case numbers, split at white space, commas and semicolons, with
 * their offsets; undefined when there are more than `max`.
 */
export function caseTokens(text: string, max: number): Array<{ text: string; start: number }> | undefined {
  const tokens: Array<{ text: string; start: number }> = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const separator = c === 44 /* , */ || c === 59 /* ; */ || isWhite(c);
    if (!separator) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    if (tokens.length === max) return undefined;
    tokens.push({ text: text.slice(start, i), start });
    start = -1;
  }
  return tokens;
}

/** One kind of number in a scheme: `year-serial` like 22-006881, or a shape of the document's own. */
export interface SchemePart {
  kind: CaseNumberKind;
  /** The coarse shape (see caseNumberShape), e.g. `9-9`. */
  shape: string;
  /** One number of this part, to name it in messages. */
  example: string;
}

/** The document's own case-number scheme, learned from the items: the combination most items carry. */
export interface CaseNumberScheme {
  /** The parts joined, e.g. `year-serial` or `kle-short+year-serial` (Lejre: two numbers per item). */
  key: string;
  parts: SchemePart[];
  /** How many items with case numbers follow it, of how many. */
  count: number;
  total: number;
}

/** The key of one number: its kind, or for a number of no known kind its shape. */
export function partKey(c: Pick<CaseNumber, 'kind' | 'text'>): string {
  return c.kind === 'other' ? `other:${caseNumberShape(c.text)}` : c.kind;
}

/** The scheme key of one item's numbers. */
export function itemSchemeKey(item: Pick<Item, 'caseNumbers'>): string {
  if (item.caseNumbers.length === 1) return partKey(item.caseNumbers[0]);
  return [...new Set(item.caseNumbers.map(partKey))].sort().join('+');
}

/** The scheme most items with case numbers follow, when at least two items and more than half of them do. */
export function learnScheme(items: readonly Item[]): CaseNumberScheme | undefined {
  const counts = new Map<string, { item: Item; count: number }>();
  let total = 0;
  for (const item of items) {
    if (item.caseNumbers.length === 0) continue;
    const key = itemSchemeKey(item);
    const entry = counts.get(key) ?? { item, count: 0 };
    entry.count++;
    counts.set(key, entry);
    total++;
  }
  let best: [string, { item: Item; count: number }] | undefined;
  for (const e of counts.entries()) if (!best || e[1].count > best[1].count) best = e;
  if (!best || best[1].count < 2 || best[1].count * 2 <= total) return undefined;
  const seen = new Set<string>();
  const parts: SchemePart[] = [];
  for (const c of best[1].item.caseNumbers) {
    const k = partKey(c);
    if (seen.has(k)) continue;
    seen.add(k);
    parts.push({ kind: c.kind, shape: caseNumberShape(c.text), example: c.text });
  }
  return { key: best[0], parts, count: best[1].count, total };
}
