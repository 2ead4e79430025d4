import { findDates, isoToDanish } from '../core/danish';
import { sameCommittee } from '../core/parse';
import type { Item } from '../core/model';
import { msg, type Rule } from './types';

const MONTH_NAMES = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];

/** Writes the meeting date in the form the wrong date was written in. */
function inSameForm(written: string, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (/[a-zæøå]/i.test(written)) return `${d}. ${MONTH_NAMES[m - 1]} ${y}`;
  const sep = /\d([-./])\d/.exec(written)?.[1] ?? '-';
  const padded = /^\d{2}/.test(written);
  const dd = padded ? String(d).padStart(2, '0') : String(d);
  const mm = padded ? String(m).padStart(2, '0') : String(m);
  return sep === '-' && padded ? isoToDanish(iso) : `${dd}${sep}${mm}${sep}${y}`;
}

const TIMETABLE_STEP = /^\s*(?:[-•*–]\s|\d{1,2}[-./ ])/;

function inQuotation(item: Item, line: number): boolean {
  return item.quotations.some((q) => line >= q.line && line <= q.endLine);
}

/**
 * A decision heading dated other than the meeting (`Beslutning i Økonomiudvalget den 02-03-2022` in a
 * referat of 13-06-2022), with the fix that sets the meeting's date. Sentences about later meetings,
 * deadlines and plans in Procedure or Tidsplan are no decision dates; only where a timetable breaks its
 * own order, naming this committee on a date before both the step above it and this meeting, is it a slip
 * (with no fix: which date was meant is not known).
 */
export const decisionDate: Rule = {
  id: 'decision-date',
  description: msg('En beslutning er dateret en anden dag end mødet.', "A decision is dated other than the meeting's date."),
  defaultSeverity: 'warning',
  tags: ['dates', 'decision'],
  fixable: true,
  scope: 'item',
  reads: ['date', 'decisions'],
  check({ model, lines }, report) {
    const date = model.meeting.date;
    if (!date) return;
    const committee = model.meeting.committee?.text;
    const meetingDate = isoToDanish(date);
    // A document that misdates its decisions mostly writes the same wrong date the same way.
    const replacements = new Map<string, string>();
    for (const item of model.items) {
      const decision = item.decision;
      if (decision?.date && decision.dateRange && decision.date !== date && !inQuotation(item, decision.line)) {
        const r = decision.dateRange;
        const writtenDate = lines[r.start.line].slice(r.start.character, r.end.character);
        let replacement = replacements.get(writtenDate);
        if (replacement === undefined) {
          replacement = inSameForm(writtenDate, date);
          replacements.set(writtenDate, replacement);
        }
        report({
          range: r,
          message: msg(
            `Beslutningen er dateret ${writtenDate}, men mødet var ${meetingDate}.`,
            `The decision is dated ${writtenDate}, but the meeting was on ${meetingDate}.`,
          ),
          fix: {
            title: msg(`Ret datoen til ${replacement}`, `Change the date to ${replacement}`),
            edits: [{ range: r, newText: replacement }],
          },
        });
      }
      if (!committee) continue;
      for (const section of item.sections) {
        if (section.kind !== 'procedure' || inQuotation(item, section.line)) continue;
        let previous: { iso: string; text: string } | undefined;
        for (let l = section.line + 1; l <= section.endLine; l++) {
          const text = lines[l];
          const dates = findDates(text);
          if (dates.length === 0) continue;
          const last = dates[dates.length - 1];
          // A timetable is a list: its steps are bullets, or lines that start with their date.
          if (!TIMETABLE_STEP.test(text)) {
            previous = undefined;
            continue;
          }
          const here = { iso: last.iso, text: text.slice(last.index, last.index + last.length) };
          if (dates.length === 1) {
            // Trimmed before the `den` is dropped: a single /\s+(?:den|d\.)?\s*$/ backtracks cubically on a run of spaces.
            const before = text
              .slice(0, dates[0].index)
              .replace(/^[\s*\-•]+/, '')
              .trimEnd()
              .replace(/(?<=\s)(?:den|d\.)$/, '')
              .trimEnd();
            const ours = before !== '' && sameCommittee(before, committee);
            if (ours && previous && dates[0].iso < previous.iso && dates[0].iso < date) {
              const range = {
                start: { line: l, character: dates[0].index },
                end: { line: l, character: dates[0].index + dates[0].length },
              };
              report({
                range,
                message: msg(
                  `Tidsplanen nævner udvalget den ${here.text}, før trinnet ovenfor (${previous.text}) og før dette møde (${meetingDate}).`,
                  `The timetable names the committee on ${here.text}, before the step above it (${previous.text}) and before this meeting (${meetingDate}).`,
                ),
              });
            }
          }
          previous = here;
        }
      }
    }
  },
};
