import type { SectionKind } from '../model';
import { isMarkedHeading, type LineShape } from '../lines';
import { nfc } from '../text';

/**
 * Section headings: the names Danish minutes give the parts of an item. A bare line is a section
 * heading only when it is one of these names alone; a marked heading (`##`, bold) may say more.
 */
const SECTION_NAMES: ReadonlyArray<[RegExp, SectionKind]> = [
  [/^(resume|resumé|sagsresume|sagsresumé|sammenfatning|kort fortalt)$/i, 'resume'],
  [/^(indstilling|indstillinger|forvaltningens indstilling|administrationens indstilling|(forvaltningen|administrationen|direktionen) indstiller)$/i, 'indstilling'],
  [/^(sagsfremstilling|fremstilling|sagens indhold|sagsbeskrivelse|baggrund|supplerende sagsfremstilling)$/i, 'sagsfremstilling'],
  [/^(lovgrundlag|retsgrundlag|lovgivning|hjemmel|retligt grundlag)$/i, 'lovgrundlag'],
  [/^(økonomi|økonomi og finansiering|økonomiske konsekvenser|økonomiske forhold|bevillingsmæssige konsekvenser|økonomi og afledt drift)$/i, 'oekonomi'],
  [/^(beslutningskompetence|sagen afgøres i|kompetence|kompetenceniveau)$/i, 'beslutningskompetence'],
  [/^(procedure|sagsprocedure|sagsgang|videre proces|tidsplan|proces)$/i, 'procedure'],
  [/^(bilag|bilagsoversigt)$/i, 'bilag'],
  // Quoted history: these retell other meetings; their dates, absentees and decisions are not this meeting's.
  [/^(sagens forløb|sagsforløb|tidligere behandling|tidligere behandlinger|historik|tidligere beslutninger|politisk behandling|behandling i andre udvalg)$/i, 'historik'],
  [/^(udtalelser|udtalelse|høring|høringssvar|handicappolitik|administrationens vurdering|vurdering|kommunikation|borgerinddragelse|bæredygtighed|klima|konsekvenser)$/i, 'other'],
];

// The committee starts and ends with a non-space, so a run of spaces is split between the quantifiers one way only.
const DECISION_DATED = /^Beslutning(?:\s*:)?\s+(?:i\s+)?(?!\s)(.+?)(?<!\s)\s+(?:den|d\.)\s+(\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{1,2}\.\s*[a-zæøå]{3,9}\s+\d{4})\.?$/i;
const DECISION_PLAIN = /^Beslutning(?:er)?\s*:?$/i;

/** The first word of every name above, and of the decision headings: a bare line starting otherwise is no heading. */
const FIRST_WORDS = new Set(
  [...SECTION_NAMES.flatMap(([re]) => re.source.replace(/^\^\(|\)\$$/g, '').split('|').map((n) => n.replace(/^\(/, '').split(/[ )]/)[0])), 'beslutning', 'beslutninger', 'beslutningskompetence'].map((w) => w.toLowerCase()),
);

function firstWord(text: string): string {
  let start = 0;
  while (start < text.length && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  let end = start;
  for (; end < text.length && end - start < 40; end++) {
    const c = text.charCodeAt(end);
    if (c === 32 || c === 9 || c === 58 /* : */ || c === 46 /* . */ || c === 44 /* , */ || c === 0xa0) break;
  }
  const word = text.slice(start, end).toLowerCase();
  // Only a word with a combining mark needs composing (`resume\u0301`).
  return /[\u0300-\u036f]/.test(word) ? word.normalize('NFC') : word;
}

export interface Classified {
  kind: SectionKind;
  /** For decisions: the committee named in the heading. */
  committee?: string;
}

/** Reads a heading's text as a section kind; `strict` for bare lines, where only known names count. */
export function classifySection(text: string, strict: boolean): Classified | undefined {
  // A bare line is a heading only as a name alone, or a dated decision heading: a line that starts with another word is neither.
  if (strict && !FIRST_WORDS.has(firstWord(text))) return undefined;
  // NFC: a heading typed or pasted in decomposed form (`Resume\u0301`) is still `Resumé`.
  const t = nfc(text).replace(/[:.]\s*$/, '').trim();
  // A bare line must be the name alone: "Beslutningskompetencen ligger hos ..." is a sentence.
  if (!strict && /^Beslutningskompetence/i.test(t)) return { kind: 'beslutningskompetence' };
  const dated = DECISION_DATED.exec(text.trim());
  if (dated) return { kind: 'beslutning', committee: dated[1] };
  if (DECISION_PLAIN.test(t)) return { kind: 'beslutning' };
  for (const [re, kind] of SECTION_NAMES) if (re.test(t)) return { kind };
  if (strict) return undefined;
  if (/^Beslutning\b/i.test(t) && !/^Beslutning\s+om\b/i.test(t)) return { kind: 'beslutning' };
  if (/^Bilag\b/i.test(t)) return { kind: 'bilag' };
  if (/^Økonomi/i.test(t)) return { kind: 'oekonomi' };
  if (/^(Sagens forløb|Sagsforløb|Tidligere behandling|Historik)\b/i.test(t)) return { kind: 'historik' };
  if (/indstilling|indstiller/i.test(t) && t.length < 60) return { kind: 'indstilling' };
  return { kind: 'other' };
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
  return content.length <= 120 && /udvalg|råd|bestyrelse/i.test(content) && HISTORY_ENTRY.test(content);
}

const HISTORY_ENTRY = /^\s*(?:\d{1,2}[-./]\d{1,2}[-./]\d{4}\s+\p{Lu}[\p{L}\s,.-]*(?:udvalg|råd|bestyrelse)\p{L}*|\p{Lu}[\p{L},.-]*(?:udvalg|råd)\p{L}*(?:\s+\d{4}-\d{4})?\s+(?:den\s+|d\.\s*)?\d{1,2}[-./]\d{1,2}[-./]\d{4})\s*$/u;
