import type { Ballot, Dissent, Item, NameRef, Range, VoteCount, Voter, VoteGroup, VoteSide, Votes } from './model';
import { isAbsenceLine, isNameLine, readPartialAbsence, splitNames } from './layout/absence';
import { isTableLine } from './layout/tables';
import { lineRange } from './text';

/**
 * Stemmeafgivning: the votes an item's decision records, read sentence by sentence. A sentence is read
 * only when all of it is understood (`For stemte (V) og Name (A).`); a sentence that names voters in a
 * way not understood marks its ballot `unread`, and the checks stay silent on that ballot.
 */

/** Danish number words a count is written with (`ingen imod`, `to undlod`). */
const NUMBER_WORDS: Record<string, number> = {
  ingen: 0,
  nul: 0,
  en: 1,
  et: 1,
  én: 1,
  ét: 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  syv: 7,
  otte: 8,
  ni: 9,
  ti: 10,
  elleve: 11,
  tolv: 12,
  tretten: 13,
  fjorten: 14,
  femten: 15,
  seksten: 16,
  sytten: 17,
  atten: 18,
  nitten: 19,
  tyve: 20,
};
const N =
  '(\\d{1,3}|ingen|nul|en|et|én|ét|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten|tyve)';

/** `med stemmerne 19 for og 1 imod (og 2 undlod)`, `med 7 stemmer for`, `med 4 stemmer for, 2 imod`. */
const COUNT = new RegExp(
  `\\bmed\\s+(?:stemmerne\\s+|stemmer\\s+)?${N}\\s+(?:stemmer?\\s+)?for\\b(?:\\s*(?:,|og)?\\s*${N}\\s+(?:stemmer\\s+)?imod\\b)?(?:\\s*(?:,|og)\\s*${N}\\s+(?:undlod|undlader|hverken|blank|stemte\\s+blankt))?`,
  'iu',
);
/** `7 stemmer for (A, F, C, Ø)`, `2 imod (Ø)`: the voters of a counted side, in parentheses after it. */
const COUNTED_SIDE = new RegExp(`(?<![\\p{L}\\d])${N}\\s+(?:stemmer?\\s+)?(for|imod)\\s*\\(([^()]{1,200})\\)`, 'giu');
/** `med 5 stemmer mod 4`: which side won is not said, only how many voted. */
const COUNT_MOD = new RegExp(`\\bmed\\s+${N}\\s+stemmer\\s+mod\\s+${N}\\b`, 'iu');

const PARTY = '\\p{Lu}[\\p{Lu}\\d]{0,2}(?:-\\d{1,2})?';
const NAME = "\\p{Lu}[\\p{L}'’-]*\\.?(?:\\s+\\p{Lu}[\\p{L}'’-]*\\.?){1,5}";
/** One voter of a list: `(V)`, `Name (UP-1)`, `Name`, or a bare party letter `V`. */
const VOTER = new RegExp(`^(?:\\((${PARTY})\\)|(${NAME})(?:\\s*\\((${PARTY})\\))?|(\\p{Lu}{1,2}))$`, 'u');
// `(?<!\s)` starts a match only at the first space of a run, so a long run is scanned once, not once per space.
const LIST_SEPARATOR = /(?<!\s)\s*,\s*(?:og\s+|samt\s+)?|(?<!\s)\s+og\s+|(?<!\s)\s+samt\s+/g;

/** `For stemte: LIST`, `Imod administrationens indstilling stemte LIST`, `Stemte imod: LIST`, `Undlod at stemme: LIST`. */
const LEAD =
  /^(?:(for|imod)(?:\s+[\p{L}\s]{0,40}?)?\s+stemte(?:\s+stemte)?|stemte\s+(for|imod)|(undlod\s+at\s+stemme|undlod))\s*:?\s*(.*)$/iu;
/** `LIST stemte imod …`, `LIST stemmer for`, `LIST undlod at tage stilling`, `LIST undlader`, `LIST kunne ikke tiltræde …`. */
const VERB =
  /^(.+?)(?<!\s)\s+(stemte\s+for|stemmer\s+for|stemte\s+imod|stemmer\s+imod|stemmer\s+mod|stemte\s+mod|undlod\s+at\s+stemme|undlod\s+at\s+tage\s+stilling|undlod|undlader(?:\s+at\s+(?:stemme|tage\s+stilling))?|kunne\s+ikke\s+tiltræde)\b(.*)$/iu;
/** `Et flertal bestående af LIST`, `Et mindretal (LIST)`, `Et flertal, LIST,`. */
const MAJORITY =
  /^et\s+(flertal|mindretal)\s*(?:bestående\s+af\s+|\(|,\s*)(.+?)(?:\)|,)?(?:(?<!\s)\s+(stemte\s+for|stemte\s+imod|stemmer\s+for|stemmer\s+imod)\b|(?<!\s)\s+(?:godkendte|vedtog|anbefalede|besluttede|tiltrådte|ønskede|kunne|afviste|ville|var|fandt|stemte|stemmer|ønsker|går|gik|anbefaler|tiltræder|godkender)\b)(.*)$/iu;
/** Dissent and protokoltilførsel after the verb: `… med bemærkning om`, `… mindretalsudtalelse`, `tilført protokollen`. */
const DISSENT_TAIL =
  /med\s+(?:følgende\s+)?(?:bemærkning|begrundelse|mindretalsudtalelse)|mindretalsudtalelse|tilført\s+protokollen|ført\s+til\s+protokol/i;
/** `Name (V) ønskede sin stemme / mindretalsudtalelse / en bemærkning tilført protokollen`. */
const PROTOCOL =
  /^(.+?)(?<!\s)\s+(?:ønskede|ønsker|bad\s+om\s+at\s+få)\s+(?:(?:sin|deres|følgende|en)\s+)?(?:(?:stemme|mindretalsudtalelse|bemærkning|udtalelse|holdning|protokoltilførsel)\s+)?(?:tilført\s+protokollen|ført\s+til\s+protokol(?:len)?)\b/iu;
/** `Byrådet erklærede Name (A) for inhabil`, `Name (A) erklærede sig inhabil`. */
const DECLARED = new RegExp(`\\berklærede\\s+(${NAME})(?:\\s*\\((${PARTY})\\))?\\s+(?:for\\s+)?inhabil\\b`, 'u');
/** A voter named anywhere: a party in parentheses, alone or after a name. */
const MENTION = new RegExp(`\\((${PARTY})\\)`, 'u');

/** A sentence ends at `.`, `!` or `?` before a capital, but not after an initial (`John T. Olsen`). */
const SENTENCE_END = /(?<=[.!?])(?<!(?:^|[\s(])\p{Lu}\.)\s+(?=[(\p{Lu}"”])/u;
const ITEM_MARK = /^(?:\d{1,2}(?:\s*[-–.]\s*\d{1,2})*\s*[.)]\s*|[a-z]\)\s*|[-•*]\s+)/;

/** Reads the votes of an item's decision; undefined when it records none. */
export function readVotes(item: Item, lines: readonly string[]): Votes | undefined {
  const d = item.decision;
  if (!d) return undefined;
  const from = d.headless ? d.line : d.line + 1;
  const to = Math.min(d.bodyRange.end.line, item.endLine, lines.length - 1);
  const votes: Votes = { ballots: [], dissents: [], disqualified: [] };
  let ballot: Ballot | undefined;
  const open = (line: number): Ballot => {
    ballot = { line, groups: [], unread: false };
    votes.ballots.push(ballot);
    return ballot;
  };
  for (let l = from; l <= to; l++) {
    const raw = lines[l];
    if (!raw.trim() || isQuoted(item, l) || isAbsenceLine(raw) || isTableLine(raw)) continue;
    readDisqualified(raw, l, votes);
    for (const s of sentences(raw)) {
      const count = readCount(s.text, l, s.start);
      if (count) {
        // Two counts in a row with no sides between: the sides named after them may be both votes'.
        if (ballot?.count && ballot.groups.length === 0) ballot.unread = true;
        const counted = open(l);
        counted.count = count;
        for (const group of countedSides(s.text, l, s.start)) counted.groups.push(group);
      }
      const read = readSentence(s.text, l, s.start);
      if (read.group) {
        const current = ballot ?? open(l);
        // A side stated twice starts another vote (several indstillingspunkter voted one after another).
        const target = current.groups.some((g) => g.side === read.group!.side) ? open(l) : current;
        target.groups.push(read.group);
      }
      if (read.dissent) votes.dissents.push(read.dissent);
      if (!read.group && !count && MENTION.test(s.text)) {
        // Voters named in a sentence not understood: the ballot's sides are not certain.
        if (ballot) ballot.unread = true;
        else open(l).unread = true;
      }
      if (read.partly && ballot) ballot.unread = true;
    }
  }
  // A ballot opened only by a party named in passing records no vote.
  votes.ballots = votes.ballots.filter((b) => b.count || b.groups.length > 0);
  const empty = votes.ballots.length === 0 && votes.dissents.length === 0 && votes.disqualified.length === 0;
  return empty ? undefined : votes;
}

function isQuoted(item: Item, line: number): boolean {
  return item.quotations.some((q) => line >= q.line && line <= q.endLine);
}

/** The sentences of a line with their offsets, bold markup and list marks left out. */
function sentences(raw: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let at = 0;
  for (const part of raw.split(SENTENCE_END)) {
    const start = raw.indexOf(part, at);
    at = start + part.length;
    let text = part.replace(/\*\*/g, '  ');
    const lead = text.length - text.trimStart().length;
    text = text.trim();
    const mark = ITEM_MARK.exec(text);
    const skip = mark ? mark[0].length : 0;
    out.push({ text: text.slice(skip), start: start + lead + skip });
  }
  return out;
}

function numberOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word.toLowerCase()];
}

function readCount(text: string, line: number, offset: number): VoteCount | undefined {
  const m = COUNT.exec(text);
  if (m) {
    const count: VoteCount = { for: numberOf(m[1]), range: lineRange(line, offset + m.index, offset + m.index + m[0].length) };
    if (m[2] !== undefined) count.against = numberOf(m[2]);
    if (m[3] !== undefined) count.abstain = numberOf(m[3]);
    return count;
  }
  const mod = COUNT_MOD.exec(text);
  if (mod) {
    const a = numberOf(mod[1])!;
    const b = numberOf(mod[2])!;
    return { total: a + b, range: lineRange(line, offset + mod.index, offset + mod.index + mod[0].length) };
  }
  return undefined;
}

/** The sides a count names in parentheses (`7 stemmer for (A, F, C, Ø)`); a list not read is left out. */
function countedSides(text: string, line: number, offset: number): VoteGroup[] {
  const groups: VoteGroup[] = [];
  if (!text.includes('(')) return groups;
  COUNTED_SIDE.lastIndex = 0;
  for (let m = COUNTED_SIDE.exec(text); m; m = COUNTED_SIDE.exec(text)) {
    const inner = m[3];
    const at = m.index + m[0].length - 1 - inner.length;
    const voters = readVoterList(inner, line, offset + at);
    const side: VoteSide = m[2].toLowerCase() === 'for' ? 'for' : 'against';
    if (voters && !groups.some((g) => g.side === side))
      groups.push({ side, voters, range: lineRange(line, offset + m.index, offset + m.index + m[0].length) });
  }
  return groups;
}

/** A list of voters covering all of `text`, or undefined when some part of it is not a voter. */
export function readVoterList(text: string, line: number, offset: number): Voter[] | undefined {
  const voters: Voter[] = [];
  const trimmed = text.replace(/(?<![.:;,])[.:;,]+\s*$/, '');
  if (!trimmed.trim()) return undefined;
  let at = 0;
  const parts: Array<{ text: string; start: number }> = [];
  LIST_SEPARATOR.lastIndex = 0;
  for (let m = LIST_SEPARATOR.exec(trimmed); m; m = LIST_SEPARATOR.exec(trimmed)) {
    parts.push({ text: trimmed.slice(at, m.index), start: at });
    at = m.index + m[0].length;
  }
  parts.push({ text: trimmed.slice(at), start: at });
  for (const p of parts) {
    const lead = p.text.length - p.text.trimStart().length;
    const t = p.text.trim();
    if (!t) continue;
    const m = VOTER.exec(t);
    if (!m) return undefined;
    const start = offset + p.start + lead;
    const range = lineRange(line, start, start + t.length);
    if (m[1]) voters.push({ party: m[1], range });
    else if (m[2]) voters.push(m[3] ? { name: m[2].replace(/\.$/, ''), party: m[3], range } : { name: m[2].replace(/\.$/, ''), range });
    else voters.push({ party: m[4], range });
  }
  return voters.length > 0 ? voters : undefined;
}

const SUB_POINT = /punkt|for\s+så\s+vidt|\d\)|^\s*(?:på|til)\s+\d/i;

/** The end of a voter list: before `med bemærkning`, `idet`, `, da`, `til indstillingspunkt`. */
const LIST_TAIL = /(?<!\s)\s+(?:med|idet|da|fordi|til|på|for\s+så\s+vidt)\b|,\s*(?:da|idet|fordi)\b|\.\s/iu;

interface SentenceReading {
  group?: { side: VoteSide; voters: Voter[]; range: Range };
  dissent?: Dissent;
  /** The sentence names a vote whose voters could not all be read. */
  partly?: boolean;
}

function readSentence(text: string, line: number, offset: number): SentenceReading {
  const range = lineRange(line, offset, offset + text.length);
  const lead = LEAD.exec(text);
  if (lead) {
    const side: VoteSide = lead[3] ? 'abstain' : (lead[1] ?? lead[2]).toLowerCase() === 'for' ? 'for' : 'against';
    const rest = lead[4];
    const restStart = text.length - rest.length;
    const tail = LIST_TAIL.exec(rest);
    const listText = tail ? rest.slice(0, tail.index) : rest;
    if (/^ingen\.?$/i.test(listText.trim())) return { group: { side, voters: [], range } };
    const voters = readVoterList(listText, line, offset + restStart);
    if (!voters) return { partly: rest.trim().length > 0 };
    const dissent = side === 'against' && tail && DISSENT_TAIL.test(rest.slice(tail.index)) ? { voters, range, vote: true } : undefined;
    return { group: { side, voters, range }, dissent, partly: tail ? SUB_POINT.test(rest.slice(tail.index)) : false };
  }
  const majority = MAJORITY.exec(text);
  if (majority) {
    const voters = readVoterList(majority[2], line, offset + text.indexOf(majority[2]));
    if (!voters) return { partly: true };
    const verb = (majority[3] ?? '').toLowerCase();
    const side: VoteSide = verb.includes('imod')
      ? 'against'
      : verb.includes('for')
        ? 'for'
        : majority[1].toLowerCase() === 'flertal'
          ? 'for'
          : 'against';
    return { group: { side, voters, range }, dissent: DISSENT_TAIL.test(majority[5] ?? '') ? { voters, range, vote: true } : undefined };
  }
  const protocol = PROTOCOL.exec(text);
  if (protocol) {
    const voters = readVoterList(protocol[1], line, offset);
    return voters ? { dissent: { voters, range } } : { partly: true };
  }
  const verb = VERB.exec(text);
  if (verb) {
    const voters = readVoterList(verb[1], line, offset);
    if (!voters) return { partly: MENTION.test(verb[1]) };
    const v = verb[2].toLowerCase();
    // `… undlod at tage stilling til indstillingspunkt 2`: a vote on part of the item, which the ballots do not tell apart.
    const onPart = SUB_POINT.test(verb[3]);
    if (v.startsWith('kunne')) return { dissent: { voters, range }, partly: true };
    const side: VoteSide = /for$/.test(v) ? 'for' : /imod$|mod$/.test(v) ? 'against' : 'abstain';
    const dissent = side === 'against' && DISSENT_TAIL.test(verb[3]) ? { voters, range, vote: true } : undefined;
    return { group: { side, voters, range }, dissent, partly: onPart };
  }
  return {};
}

/** `Name (A) erklærede sig inhabil` (the absence notes' own phrase), `Byrådet erklærede Name (A) for inhabil`. */
function readDisqualified(raw: string, line: number, votes: Votes): void {
  if (!/inhabil/i.test(raw) || /ikke\s+inhabil|om\s+(?:han|hun|de)\s+(?:var|er)\s+inhabil|om\s+\S+\s+(?:var|er)\s+inhabil/i.test(raw))
    return;
  const partial = readPartialAbsence(raw, line);
  if (partial && /inhabil/i.test(raw.slice(partial.range.end.character))) {
    votes.disqualified.push({ name: partial.name, range: partial.range });
    return;
  }
  const m = DECLARED.exec(raw);
  if (m) {
    const start = m.index + m[0].indexOf(m[1]);
    votes.disqualified.push(
      m[2]
        ? { name: m[1], party: m[2], range: lineRange(line, start, start + m[1].length) }
        : { name: m[1], range: lineRange(line, start, start + m[1].length) },
    );
  }
}

/** A short account of a ballot for the outline and hover: `19 for, 1 imod`, `for: (V), (A); imod: (Ø)`. */
export function describeBallot(ballot: Ballot, lang: 'da' | 'en'): string {
  const words =
    lang === 'da'
      ? { for: 'for', against: 'imod', abstain: 'undlod', votes: 'stemmer' }
      : { for: 'for', against: 'against', abstain: 'abstained', votes: 'votes' };
  const c = ballot.count;
  if (c && (c.for !== undefined || c.against !== undefined)) {
    const parts = [
      c.for !== undefined ? `${c.for} ${words.for}` : '',
      c.against !== undefined ? `${c.against} ${words.against}` : '',
      c.abstain !== undefined ? `${c.abstain} ${words.abstain}` : '',
    ];
    return parts.filter(Boolean).join(', ');
  }
  if (c?.total !== undefined) return `${c.total} ${words.votes}`;
  return ballot.groups.map((g) => `${words[g.side]}: ${g.voters.map(voterText).join(', ')}`).join('; ');
}

/** The votes of an item in one short line, for the outline: `19 for, 1 imod`; a second vote after ` / `. */
export function describeVotes(votes: Votes, lang: 'da' | 'en'): string | undefined {
  const ballots = votes.ballots.map((b) => describeBallot(b, lang)).filter(Boolean);
  if (ballots.length === 0) return undefined;
  const shown = ballots.slice(0, 2).join(' / ');
  return ballots.length > 2 ? `${shown} …` : shown;
}

/** Every side of a ballot, one line each (`For: (V), Name (A)`), for the hover. */
export function ballotLines(ballot: Ballot, lang: 'da' | 'en'): string[] {
  const label =
    lang === 'da' ? { for: 'For', against: 'Imod', abstain: 'Undlod' } : { for: 'For', against: 'Against', abstain: 'Abstained' };
  return ballot.groups.map(
    (g) => `${label[g.side]}: ${g.voters.length > 0 ? g.voters.map(voterText).join(', ') : lang === 'da' ? 'ingen' : 'no one'}`,
  );
}

export function voterText(v: Voter): string {
  if (v.name) return v.party ? `${v.name} (${v.party})` : v.name;
  return `(${v.party})`;
}

const SIGNATURE_TITLE = /^(?:Lukket\s*:\s*)?Underskrift(?:sblad|sark|sside|er)?\b/i;
/** A line that heads the signatures inside an item: `Underskrifter:`, `**Underskriftsblad**`. */
const SIGNATURE_HEADING = /^\s*(?:#+\s*)?(?:\*\*)?Underskrift(?:sblad|sark|sside|er)(?:\*\*)?\s*(?::\s*)?(?:\*\*\s*)?$/i;

/**
 * Underskriftsblad: the names a signature item (or an `Underskrifter` heading inside an item) lists,
 * one name line after another, the decision's `Afbud:` names left out; undefined where there is none.
 */
export function readSignatures(item: Item, lines: readonly string[]): NameRef[] | undefined {
  const last = Math.min(item.endLine, lines.length - 1);
  let from = -1;
  if (SIGNATURE_TITLE.test(item.title)) from = item.line + item.headingLines;
  else
    for (let l = item.line + item.headingLines; l <= last && from < 0; l++)
      if (/^[\s#*]*underskrift/i.test(lines[l]) && SIGNATURE_HEADING.test(lines[l])) from = l + 1;
  if (from < 0) return undefined;
  const absenceLines = new Set((item.decision?.absentees ?? []).map((a) => a.range.start.line));
  const names: NameRef[] = [];
  for (let l = from; l <= last; l++) {
    if (absenceLines.has(l)) continue;
    const raw = lines[l].replace(/^[\s_.-]+/, (m) => ' '.repeat(m.length));
    if (!raw.trim() || isAbsenceLine(raw) || !isNameLine(raw)) continue;
    for (const n of splitNames(raw, 0)) names.push({ name: n.name, range: lineRange(l, n.start, n.end) });
  }
  // One name is an absentee or a secretary more often than a list of signatures.
  return names.length >= 2 ? names : undefined;
}
