import type { Certainty } from './certainty';

/**
 * The document model of a referat. Plain data: no vscode, no LSP connection.
 * Every position is 0-based (line, UTF-16 character), as in LSP.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A piece of text with its exact place in the document. */
export interface Span {
  text: string;
  range: Range;
}

/** Mødedeltager / medlem: a member of the committee as the header lists them. */
export interface Member {
  name: string;
  /** Party letter such as A, F, Ø, when the header gives it. */
  party?: string;
  /** Formand, Næstformand, Medlem, Sekretær ... when given. */
  role?: string;
  range: Range;
}

/** A name written under `Afbud:` or `Fraværende:`. */
export interface NameRef {
  name: string;
  range: Range;
}

export interface Meeting {
  committee?: Span;
  /** Mødedato as ISO yyyy-mm-dd. */
  date?: string;
  dateRange?: Range;
  place?: Span;
  members: Member[];
  /** Line of the `Mødedeltagere` / `Medlemmer:` label, when present. */
  membersLine?: number;
  /** Fraværende: members absent from the whole meeting. */
  absentees: NameRef[];
  /** Members absent from some items only, as the header says (`Name deltog ikke i behandlingen af punkt 5-7`). */
  partialAbsentees: NameRef[];
  absenteesLine?: number;
  /** Header: from the first line up to the table of contents or the first item. */
  headerRange: Range;
}

/** One line of the Indholdsfortegnelse. */
export interface TocEntry {
  number?: number;
  numberRange?: Range;
  title: string;
  titleRange: Range;
  page?: number;
  line: number;
  range: Range;
}

export type CaseNumberKind = 'kle' | 'kle-short' | 'year-serial' | 'prefixed' | 'municipality-year-serial' | 'serial' | 'other';

/** Sagsnummer / journalnummer, read from the lines right after an item heading. */
export interface CaseNumber {
  text: string;
  kind: CaseNumberKind;
  range: Range;
  /** Four-digit year the number carries, when it carries one. */
  year?: number;
}

export type SectionKind =
  | 'resume'
  | 'indstilling'
  | 'sagsfremstilling'
  | 'lovgrundlag'
  | 'oekonomi'
  | 'beslutningskompetence'
  | 'procedure'
  | 'beslutning'
  | 'bilag'
  /** Sagens forløb, Tidligere behandling, Historik: retells other meetings (quotation). */
  | 'historik'
  | 'other';

export type HeadingStyle = 'atx' | 'bold' | 'atx-bold' | 'bare';

export interface Section {
  kind: SectionKind;
  /** The heading as written, without markup. */
  title: string;
  line: number;
  headingRange: Range;
  /** From the line after the heading to the last non-blank line of the section. */
  bodyRange: Range;
  /** Last line of the section (inclusive), blank lines included. */
  endLine: number;
  style: HeadingStyle;
  level: number;
}

/** Beslutning: the decision section of an item. */
export interface Decision {
  heading: string;
  line: number;
  headingRange: Range;
  /** Date in the heading, ISO yyyy-mm-dd. */
  date?: string;
  dateRange?: Range;
  /** The decision text without the `Afbud:` part, trimmed. */
  body: string;
  bodyRange: Range;
  /** Names under `Afbud:` in this decision. */
  absentees: NameRef[];
  /** Line of the `Afbud:` label, if any. */
  afbudLine?: number;
  /** A decision without a heading: a closed item's one line, or the text first in the item where the document heads no decisions. */
  headless?: boolean;
}

/** Lines of an item that retell another meeting (Sagens forløb, an `Udvalg:` / `Dato:` block): not this meeting's. */
export interface Quotation {
  line: number;
  endLine: number;
}

export interface TableCell {
  text: string;
  range: Range;
  /** The cell read as a Danish number, when it is one. */
  value?: number;
  /** Decimals shown, for rounding tolerance. */
  decimals?: number;
  percent?: boolean;
}

export interface TableRow {
  line: number;
  cells: TableCell[];
  /** I alt / Total / Samlet ... */
  isTotal: boolean;
  range: Range;
}

export interface Table {
  line: number;
  endLine: number;
  kind: 'tab' | 'pipe';
  rows: TableRow[];
  range: Range;
}

/** Punkt: one agenda item. */
export interface Item {
  /** Null for an item whose heading the publication lost: it starts at its `Åben` mark, case number or first section. */
  number: number | null;
  /** Empty where `number` is null. */
  numberText: string;
  numberRange: Range;
  title: string;
  titleRange: Range;
  line: number;
  /** Last line of the item (inclusive). */
  endLine: number;
  headingRange: Range;
  /** Lines the heading takes (2 when the title wraps). */
  headingLines: number;
  style: HeadingStyle;
  level: number;
  /** Lukket: a closed item. */
  closed: boolean;
  caseNumbers: CaseNumber[];
  sections: Section[];
  decision: Decision | null;
  tables: Table[];
  /** Quoted history in the item. */
  quotations: Quotation[];
  /** Members the item says were absent from part of the meeting (`Name forlod mødet`, `deltog ikke i behandlingen`). */
  partialAbsentees: NameRef[];
  /** Text between the case numbers and the first section (where some layouts put the decision). */
  lead?: { line: number; endLine: number };
  /** Stemmeafgivning: the votes, dissent and disqualifications this meeting's decision records, when it records any. */
  votes?: Votes;
  /** Underskriftsblad: the names an item of signatures lists. */
  signatures?: NameRef[];
}

export type VoteSide = 'for' | 'against' | 'abstain';

/** Who voted: a name with or without party (`Name (V)`), or a party letter alone (`(V)`, `V`). */
export interface Voter {
  name?: string;
  party?: string;
  range: Range;
}

/** `Med stemmerne 19 for og 1 imod`: the numbers a decision gives; `total` alone for `med 5 stemmer mod 4`. */
export interface VoteCount {
  for?: number;
  against?: number;
  abstain?: number;
  total?: number;
  range: Range;
}

/** One side of a vote: `For stemte (V) og Name (A).`, `(D) undlod at stemme.` */
export interface VoteGroup {
  side: VoteSide;
  voters: Voter[];
  range: Range;
}

/** One vote of a decision: its count and sides. `unread` where voters are named in a way the reader did not follow. */
export interface Ballot {
  line: number;
  count?: VoteCount;
  groups: VoteGroup[];
  unread: boolean;
}

/** Protokoltilførsel or a dissent with reasons (`stemte imod med bemærkning om`, `kunne ikke tiltræde`); `vote` when the sentence is also a vote. */
export interface Dissent {
  voters: Voter[];
  range: Range;
  vote?: boolean;
}

export interface Votes {
  ballots: Ballot[];
  dissents: Dissent[];
  /** Inhabil: members disqualified from the item. */
  disqualified: Voter[];
}

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

/** Something the parser could not read, reported as rule `parse`. */
export interface ParseProblem {
  message: { da: string; en: string };
  severity: ProblemSeverity;
  range: Range;
}

/** What the layout step understood of the document, for --dump-model and for the parser's own notes. */
export interface LayoutSummary {
  /** The item-heading shapes chosen, as a reader knows them (`# Punkt N: Title`). */
  headingShapes: string[];
  /** Lines that looked like item headings but were read as body text (lists, decisions, quoted headings). */
  bodyLinesOfOtherShapes: number;
  /** The document's own case-number scheme, learned from most of its items. */
  caseNumberScheme?: { key: string; parts: Array<{ kind: CaseNumberKind; shape: string; example: string }>; count: number; total: number };
  /** Where decisions stand: under a heading, first in the item without one, or nowhere. */
  decisions: 'headed' | 'lead' | 'none';
  headerFields: string[];
  pageBreaks: number;
  pageFurnitureLines: number;
}

export interface ReferatModel {
  meeting: Meeting;
  /** How sure the reading is of each part, and why (see certainty.ts). */
  certainty: Certainty;
  layout: LayoutSummary;
  toc: TocEntry[];
  tocLine?: number;
  tocRange?: Range;
  items: Item[];
  lineCount: number;
}

export interface ParseResult {
  model: ReferatModel;
  problems: ParseProblem[];
}
