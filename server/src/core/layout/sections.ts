import type { SectionKind } from '../model';
import { isMarkedHeading, type LineShape } from '../lines';
import { firstNonWhite, isDigit, isWhite, nfc, trimmedEnd } from '../text';

/**
 * Section headings: the names Danish minutes give the parts of an item. A bare line is a section
 * heading only when it is one of these names alone; a marked heading (`##`, bold) may say more.
 */
const SECTION_NAMES: ReadonlyArray<[SectionKind, readonly string[]]> = [
  ['resume', ['resume', 'resumé', 'sagsresume', 'sagsresumé', 'sammenfatning', 'kort fortalt']],
  [
    'indstilling',
    [
      'indstilling',
      'indstillinger',
      'forvaltningens indstilling',
      'administrationens indstilling',
      'forvaltningen indstiller',
      'administrationen indstiller',
      'direktionen indstiller',
    ],
  ],
  [
    'sagsfremstilling',
    ['sagsfremstilling', 'fremstilling', 'sagens indhold', 'sagsbeskrivelse', 'baggrund', 'supplerende sagsfremstilling'],
  ],
  ['lovgrundlag', ['lovgrundlag', 'retsgrundlag', 'lovgivning', 'hjemmel', 'retligt grundlag']],
  [
    'oekonomi',
    [
      'økonomi',
      'økonomi og finansiering',
      'økonomiske konsekvenser',
      'økonomiske forhold',
      'bevillingsmæssige konsekvenser',
      'økonomi og afledt drift',
    ],
  ],
  ['beslutningskompetence', ['beslutningskompetence', 'sagen afgøres i', 'kompetence', 'kompetenceniveau']],
  ['procedure', ['procedure', 'sagsprocedure', 'sagsgang', 'videre proces', 'tidsplan', 'proces']],
  ['bilag', ['bilag', 'bilagsoversigt']],
  // Quoted history: these retell other meetings; their dates, absentees and decisions are not this meeting's.
  [
    'historik',
    [
      'sagens forløb',
      'sagsforløb',
      'tidligere behandling',
      'tidligere behandlinger',
      'historik',
      'tidligere beslutninger',
      'politisk behandling',
      'behandling i andre udvalg',
    ],
  ],
  [
    'other',
    [
      'udtalelser',
      'udtalelse',
      'høring',
      'høringssvar',
      'handicappolitik',
      'administrationens vurdering',
      'vurdering',
      'kommunikation',
      'borgerinddragelse',
      'bæredygtighed',
      'klima',
      'konsekvenser',
    ],
  ],
  ['beslutning', ['beslutning', 'beslutninger']],
];

/** Every name above, lower case, to its kind: a heading is looked up whole, not tried against each name. */
const KIND_OF_NAME = new Map<string, Classified>(
  SECTION_NAMES.flatMap(([kind, names]) => names.map((n) => [n, { kind }] as [string, Classified])),
);

// The committee starts and ends with a non-space, so a run of spaces is split between the quantifiers one way only.
const DECISION_DATED =
  /^Beslutning(?:\s*:)?\s+(?:i\s+)?(?!\s)(.+?)(?<!\s)\s+(?:den|d\.)\s+(\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{1,2}\.\s*[a-zæøå]{3,9}\s+\d{4})\.?$/i;
const DECISION_PLAIN = /^Beslutning(?:er)?\s*:?$/i;

/** The first word of every name above: a bare line starting otherwise is no heading. */
const FIRST_WORDS = new Set([...KIND_OF_NAME.keys()].map((n) => n.split(' ')[0]));
/** What the non-strict readings below return: one object per kind, as they carry nothing else. */
const KIND: Record<SectionKind, Classified> = Object.fromEntries(SECTION_NAMES.map(([kind]) => [kind, { kind }])) as Record<
  SectionKind,
  Classified
>;

const LONGEST_FIRST_WORD = Math.max(...[...FIRST_WORDS].map((w) => w.length));

/** Whether a line's first word is the first word of a section name (leading spaces and tabs aside). */
function startsLikeSection(text: string): boolean {
  let start = 0;
  while (start < text.length && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  let end = start;
  let combining = false;
  for (; end < text.length && end - start < 40; end++) {
    const c = text.charCodeAt(end);
    if (c === 32 || c === 9 || c === 58 /* : */ || c === 46 /* . */ || c === 44 /* , */ || c === 0xa0) break;
    if (c >= 0x300 && c <= 0x36f) combining = true;
  }
  // A word too long for any name, unless composing its combining marks could shorten it.
  if (end - start > LONGEST_FIRST_WORD && !combining) return false;
  const word = text.slice(start, end).toLowerCase();
  // Only a word with a combining mark needs composing (`resume\u0301`).
  return FIRST_WORDS.has(combining ? word.normalize('NFC') : word);
}

export interface Classified {
  kind: SectionKind;
  /** For decisions: the committee named in the heading. */
  committee?: string;
}

/** Reads a heading's text as a section kind; `strict` for bare lines, where only known names count. The result is shared: do not change it. */
export function classifySection(text: string, strict: boolean): Classified | undefined {
  // A bare line is a heading only as a name alone, or a dated decision heading: a line that starts with another word is neither.
  if (strict && !startsLikeSection(text)) return undefined;
  // NFC: a heading typed or pasted in decomposed form (`Resume\u0301`) is still `Resumé`.
  const t = withoutEndMark(nfc(text));
  const b = (t.charCodeAt(0) | 0x20) === 0x62; /* b: Beslutning… */
  if (b) {
    // A bare line must be the name alone: "Beslutningskompetencen ligger hos ..." is a sentence.
    if (!strict && /^Beslutningskompetence/i.test(t)) return KIND.beslutningskompetence;
    const dated = DECISION_DATED.exec(text.trim());
    if (dated) return { kind: 'beslutning', committee: dated[1] };
    if (DECISION_PLAIN.test(t)) return KIND.beslutning;
  }
  const named = KIND_OF_NAME.get(t.toLowerCase());
  if (named) return named;
  if (strict) return undefined;
  if (b && /^Beslutning\b/i.test(t) && !/^Beslutning\s+om\b/i.test(t)) return KIND.beslutning;
  if (b && /^Bilag\b/i.test(t)) return KIND.bilag;
  if (/^Økonomi/i.test(t)) return KIND.oekonomi;
  if (/^(Sagens forløb|Sagsforløb|Tidligere behandling|Historik)\b/i.test(t)) return KIND.historik;
  if (/indstilling|indstiller/i.test(t) && t.length < 60) return KIND.indstilling;
  return KIND.other;
}

/** `text` without a closing `:` or `.` and the space around it, as `text.replace(/[:.]\s*$/, '').trim()`. */
function withoutEndMark(text: string): string {
  let end = trimmedEnd(text);
  const c = text.charCodeAt(end - 1);
  if (c === 58 || c === 46) end--;
  let start = 0;
  while (start < end && isWhite(text.charCodeAt(start))) start++;
  end = trimmedEnd(text, end);
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** A line's section heading: a marked heading (`##`, bold) of any name, a bare line of a known name alone. */
export function classifyLine(shape: LineShape): Classified | undefined {
  if (shape.blank) return undefined;
  return classifySection(shape.content, !isMarkedHeading(shape));
}

/** `Udvalg: X` opening a block that retells another meeting (with `Dato:` on a line close below). */
export const QUOTED_MEETING_LABEL = /^\s*(?:\*\*)?(?:Udvalg|Mødeforum|Behandlet i|Organ)(?:\*\*)?\s*:/i;
/** `Dato: ...` inside such a block. */
export const QUOTED_DATE_LABEL = /^\s*(?:\*\*)?(?:Dato|Mødedato)(?:\*\*)?\s*:/i;
/** A line opening a retold meeting in a case history: `04-04-2022 Økonomiudvalget`, `Økonomiudvalget den 4. april 2022`. */
export function isHistoryEntry(content: string): boolean {
  // The entry starts with its date or ends with it.
  if (
    content.length > 120 ||
    !(isDigit(content.charCodeAt(firstNonWhite(content))) || isDigit(content.charCodeAt(trimmedEnd(content) - 1)))
  )
    return false;
  return /udvalg|råd|bestyrelse/i.test(content) && HISTORY_ENTRY.test(content);
}

const HISTORY_ENTRY =
  /^\s*(?:\d{1,2}[-./]\d{1,2}[-./]\d{4}\s+\p{Lu}[\p{L}\s,.-]*(?:udvalg|råd|bestyrelse)\p{L}*|\p{Lu}[\p{L},.-]*(?:udvalg|råd)\p{L}*(?:\s+\d{4}-\d{4})?\s+(?:den\s+|d\.\s*)?\d{1,2}[-./]\d{1,2}[-./]\d{4})\s*$/u;
