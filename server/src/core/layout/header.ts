import type { Meeting, Member } from '../model';
import { findDates } from '../danish';
import { isMarkedHeading, type LineShape } from '../lines';
import { append, lineRange, range } from '../text';
import { isAbsenceLine, isNameLine, readAbsentees, readPartialAbsence, readPrevented, splitNames } from './absence';

/**
 * The header: from the first line to the table of contents or the first item. A field is a label
 * with its value on the same line, or on the next non-blank lines (labels in capitals too:
 * `STARTTIDSPUNKT` with `04-06-2020 09:00:00` below it).
 */

const REFERAT_WORD = /^(?:REFERAT|Referat|Beslutningsprotokol|BESLUTNINGSPROTOKOL)\b/;
const REFERAT_TITLE_DATE = /\bd\.\s*(\d{1,2}-\d{1,2}-\d{4})$/;
const LABEL_END = '(?![\\p{L}])(?:\\*\\*)?\\s*:?\\s*(?:\\*\\*)?\\s*';
const DATE_LABEL = new RegExp(
  `^(\\s*(?:\\*\\*)?(?:Mødedato|Dato|Mødetidspunkt|Starttidspunkt|Tidspunkt|Mødestart|Mødetid|Tid og sted|Tid)${LABEL_END})(.*)$`,
  'iu',
);
const PLACE_LABEL = new RegExp(`^(\\s*(?:\\*\\*)?(?:Mødested|Mødelokale|Sted|Lokale)${LABEL_END})(.*)$`, 'iu');
const MEMBERS_LABEL = new RegExp(
  `^(\\s*(?:\\*\\*)?(?:Mødedeltagere|Deltagende medlemmer|Deltagere|Udvalgsmedlemmer|Medlemmer|Fremmødte|Til stede|Tilstede)${LABEL_END})(.*)$`,
  'iu',
);
const COMMITTEE_LABEL = new RegExp(`^(\\s*(?:\\*\\*)?(?:Udvalg|Mødeforum|Forum|Organ)${LABEL_END})(.*)$`, 'iu');
/** How far below its label a value may stand. */
const VALUE_LINES = 3;

/** `REFERAT <committee> d. 03-06-2025`: the line, the committee and the date, each possibly empty. */
export function readReferatTitle(content: string): [string, string, string | undefined] | undefined {
  const word = REFERAT_WORD.exec(content);
  if (!word) return undefined;
  const rest = content.slice(word[0].length).trim();
  const date = REFERAT_TITLE_DATE.exec(rest);
  const title = date ? rest.slice(0, date.index).trimEnd() : rest;
  // The regular expression this replaces read the title with `.`, which stops at U+2028 and U+2029.
  if (/[\u2028\u2029]/.test(title)) return undefined;
  return [content, title, date?.[1]];
}

/** `Referat af mødet i Økonomiudvalget den 1. oktober 2025`: the committee named after `i`/`fra`, when the title says so. */
function committeeInTitle(rest: string): string | undefined {
  const m = /^(?:af|fra)\s+(?:det\s+)?(?:ordinære\s+|ekstraordinære\s+)?(?:møde[t]?\s+)?(?:i\s+)?(.+)$/i.exec(rest.trim());
  if (!m) return undefined;
  const name = m[1]
    .replace(/[,\s]+(?:den|d\.)?\s*$/i, '')
    .replace(/\s+(?:den|d\.)\s.*$/i, '')
    .replace(/\s+(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b.*$/i, '')
    .replace(/s\s+møde$/i, '')
    .trim();
  return name || undefined;
}

/** Which header fields were found, for the layout summary. */
export type HeaderField = 'title' | 'committee' | 'date' | 'place' | 'members' | 'absentees';

export function emptyMeeting(): Meeting {
  return { members: [], absentees: [], partialAbsentees: [], headerRange: range(0, 0, 0, 0) };
}

/** The first date on a label's line after the label, or on the next lines up to the next label or heading. */
function labelledDate(
  lines: readonly string[],
  shapes: readonly LineShape[],
  line: number,
  valueStart: number,
  end: number,
): { iso: string; line: number; index: number; length: number } | undefined {
  const own = findDates(lines[line]).find((d) => d.index >= valueStart);
  if (own) return { iso: own.iso, line, index: own.index, length: own.length };
  if (lines[line].slice(valueStart).trim()) return undefined;
  for (let i = line + 1, seen = 0; i < end && seen < VALUE_LINES; i++) {
    if (shapes[i].blank) continue;
    seen++;
    if (isLabelLine(lines[i])) return undefined;
    const d = findDates(lines[i])[0];
    if (d) return { iso: d.iso, line: i, index: d.index, length: d.length };
  }
  return undefined;
}

/** How many lines of text a header without a date label may hold before its date: a web page's menus come first. */
const UNLABELLED_DATE_LINES = 80;

/**
 * A header that labels no date states it in its title or a sentence (`Social og sundheds møde den
 * 17. april 2023`, `Den 09.01.2020 kl. 13:00`), or bare (`24-09-2019`): the first date above the
 * first item. Labels written first and their values after them (text copied from a PDF) read so too.
 */
function firstHeaderDate(
  lines: readonly string[],
  shapes: readonly LineShape[],
  headerEnd: number,
): { iso: string; line: number; index: number; length: number } | undefined {
  for (let i = 0, seen = 0; i < headerEnd && seen < UNLABELLED_DATE_LINES; i++) {
    if (shapes[i].blank) continue;
    seen++;
    const d = findDates(lines[i])[0];
    if (d) return { iso: d.iso, line: i, index: d.index, length: d.length };
  }
  return undefined;
}

function nextText(shapes: readonly LineShape[], line: number, end: number): number | undefined {
  for (let i = line + 1; i < end; i++) if (!shapes[i].blank) return i;
  return undefined;
}

function isLabelLine(raw: string): boolean {
  return DATE_LABEL.test(raw) || PLACE_LABEL.test(raw) || MEMBERS_LABEL.test(raw) || COMMITTEE_LABEL.test(raw) || isAbsenceLine(raw);
}

/** The value of a label on its line, or on the next non-blank line when the line has none. */
function labelledText(
  lines: readonly string[],
  shapes: readonly LineShape[],
  line: number,
  prefix: number,
  end: number,
): { text: string; line: number; start: number } | undefined {
  const own = lines[line].slice(prefix).replace(/\*\*/g, '').trim();
  if (own) return { text: own, line, start: lines[line].indexOf(own, prefix) };
  for (let i = line + 1, seen = 0; i < end && seen < 1; i++) {
    if (shapes[i].blank) continue;
    seen++;
    if (isLabelLine(lines[i])) return undefined;
    return { text: shapes[i].content, line: i, start: shapes[i].start };
  }
  return undefined;
}

export function readMeeting(
  lines: readonly string[],
  shapes: readonly LineShape[],
  headerEnd: number,
): { meeting: Meeting; fields: HeaderField[] } {
  const meeting = emptyMeeting();
  const fields = new Set<HeaderField>();
  const last = Math.max(0, headerEnd - 1);
  meeting.headerRange = range(0, 0, last, lines[last]?.length ?? 0);
  let titleDate: { iso: string; line: number; index: number; length: number } | undefined;
  let titleCommittee: Meeting['committee'];
  for (let i = 0; i < headerEnd; i++) {
    const raw = lines[i];
    const shape = shapes[i];
    if (shape.blank) continue;
    const title = readReferatTitle(shape.content);
    if (title) {
      fields.add('title');
      const rest = title[1].replace(/^[:\-–\s]+/, '');
      // `REFERAT` alone on its line: the committee is the line below it, when that is no label.
      let below = rest ? undefined : nextText(shapes, i, headerEnd);
      // `Referat` / `til` / `mødet i Byrådet`: a title broken over lines names the committee after its connecting word.
      const connector =
        below !== undefined && /^(?:til|fra|af)$/i.test(shapes[below].content) ? nextText(shapes, below, headerEnd) : undefined;
      if (connector !== undefined) {
        const named = committeeInTitle(`af ${shapes[connector].content}`);
        if (named && !titleCommittee && findDates(named).length === 0) {
          const at = shapes[connector].start + shapes[connector].content.indexOf(named);
          titleCommittee = { text: named, range: lineRange(connector, at, at + named.length) };
        }
        below = undefined;
        i = connector;
      }
      if (below && !isLabelLine(lines[below]) && findDates(shapes[below].content).length === 0 && !titleCommittee) {
        titleCommittee = { text: shapes[below].content, range: lineRange(below, shapes[below].start, shapes[below].end) };
        i = below;
      }
      const named = title[2] ? rest : (committeeInTitle(rest) ?? (findDates(rest).length === 0 ? rest || undefined : undefined));
      if (named) {
        const at = shape.start + shape.content.indexOf(named, 7);
        titleCommittee ??= { text: named, range: lineRange(i, at, at + named.length) };
      }
      const dates = findDates(shape.content);
      const d = dates[dates.length - 1];
      if (d && !titleDate) titleDate = { iso: d.iso, line: i, index: shape.start + d.index, length: d.length };
      continue;
    }
    const dateLabel = DATE_LABEL.exec(raw);
    if (dateLabel) {
      const d = meeting.date === undefined ? labelledDate(lines, shapes, i, dateLabel[1].length, headerEnd) : undefined;
      if (d) {
        meeting.date = d.iso;
        meeting.dateRange = lineRange(d.line, d.index, d.index + d.length);
        fields.add('date');
      }
      continue;
    }
    const place = PLACE_LABEL.exec(raw);
    if (place) {
      const v = meeting.place ? undefined : labelledText(lines, shapes, i, place[1].length, headerEnd);
      if (v) {
        meeting.place = { text: v.text, range: lineRange(v.line, v.start, v.start + v.text.length) };
        fields.add('place');
      }
      continue;
    }
    const committee = COMMITTEE_LABEL.exec(raw);
    if (committee && !meeting.committee) {
      const v = labelledText(lines, shapes, i, committee[1].length, headerEnd);
      if (v) meeting.committee = { text: v.text, range: lineRange(v.line, v.start, v.start + v.text.length) };
      continue;
    }
    const members = MEMBERS_LABEL.exec(raw);
    if (members && meeting.members.length === 0) {
      meeting.membersLine = i;
      const addLine = (line: number, text: string, off: number): void => {
        for (const n of splitNames(text, off)) {
          const member: Member = { name: n.name, range: lineRange(line, n.start, n.end) };
          if (n.party) member.party = n.party;
          if (n.role) member.role = n.role;
          meeting.members.push(member);
        }
      };
      if (members[2].trim()) addLine(i, members[2], members[1].length);
      for (let j = i + 1; j < headerEnd; j++) {
        if (shapes[j].blank) {
          if (meeting.members.length > 0) break;
          continue;
        }
        if (!isNameLine(lines[j])) break;
        addLine(j, lines[j], 0);
      }
      if (meeting.members.length > 0) fields.add('members');
      continue;
    }
    // `Fraværende: A, B` or `A var forhindret i at deltage`: absent from the whole meeting.
    const prevented = isAbsenceLine(raw) ? undefined : readPrevented(raw, i);
    if (isAbsenceLine(raw) || prevented) {
      append(meeting.absentees, prevented ? [prevented] : readAbsentees(lines, i, headerEnd - 1).names);
      meeting.absenteesLine ??= i;
      fields.add('absentees');
      continue;
    }
    const partial = readPartialAbsence(raw, i);
    if (partial) {
      meeting.partialAbsentees.push(partial);
      continue;
    }
    if (
      !meeting.committee &&
      !titleCommittee &&
      isMarkedHeading(shape) &&
      !/^referat$/i.test(shape.content) &&
      shape.content.length < 120
    ) {
      meeting.committee = { text: shape.content, range: lineRange(i, shape.start, shape.end) };
    }
  }
  if (titleCommittee && !meeting.committee) meeting.committee = titleCommittee;
  if (meeting.committee) fields.add('committee');
  titleDate ??= meeting.date === undefined ? firstHeaderDate(lines, shapes, headerEnd) : undefined;
  if (meeting.date === undefined && titleDate) {
    meeting.date = titleDate.iso;
    meeting.dateRange = lineRange(titleDate.line, titleDate.index, titleDate.index + titleDate.length);
    fields.add('date');
  }
  return { meeting, fields: [...fields] };
}
