import { findDates, isoToDanish } from '../core/danish';
import { sameCommittee } from '../core/parse';
import { msg, type Rule } from './types';

const MONTH_NAMES = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

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

/** A decision heading or a Procedure line for this committee dated other than the meeting. */
export const decisionDate: Rule = {
  id: 'decision-date',
  description: msg('En beslutning er dateret en anden dag end mødet.', "A decision is dated other than the meeting's date."),
  defaultSeverity: 'warning',
  tags: ['dates', 'decision'],
  fixable: true,
  scope: 'item',
  check({ model, lines }, report) {
    const date = model.meeting.date;
    if (!date) return;
    const committee = model.meeting.committee?.text;
    const wrong = (line: number, index: number, length: number, iso: string, where: 'heading' | 'procedure'): void => {
      const writtenDate = lines[line].slice(index, index + length);
      const replacement = inSameForm(writtenDate, date);
      const range = { start: { line, character: index }, end: { line, character: index + length } };
      report({
        range,
        message:
          where === 'heading'
            ? msg(`Beslutningen er dateret ${writtenDate}, men mødet var ${isoToDanish(date)}.`, `The decision is dated ${writtenDate}, but the meeting was on ${isoToDanish(date)}.`)
            : msg(`Proceduren nævner udvalget den ${writtenDate}, men mødet var ${isoToDanish(date)}.`, `The procedure names the committee on ${writtenDate}, but the meeting was on ${isoToDanish(date)}.`),
        fix: { title: msg(`Ret datoen til ${replacement}`, `Change the date to ${replacement}`), edits: [{ range, newText: replacement }] },
      });
      void iso;
    };
    for (const item of model.items) {
      const decision = item.decision;
      if (decision?.date && decision.dateRange && decision.date !== date) {
        const r = decision.dateRange;
        wrong(r.start.line, r.start.character, r.end.character - r.start.character, decision.date, 'heading');
      }
      if (!committee) continue;
      for (const section of item.sections) {
        if (section.kind !== 'procedure') continue;
        for (let l = section.line + 1; l <= section.endLine; l++) {
          const text = lines[l];
          const dates = findDates(text);
          if (dates.length !== 1) continue;
          // Trimmed before the `den` is dropped: a single /\s+(?:den|d\.)?\s*$/ backtracks cubically on a run of spaces.
          const before = text.slice(0, dates[0].index).replace(/^[\s*\-•]+/, '').trimEnd().replace(/(?<=\s)(?:den|d\.)$/, '').trimEnd();
          if (!before || !sameCommittee(before, committee)) continue;
          if (dates[0].iso !== date) wrong(l, dates[0].index, dates[0].length, dates[0].iso, 'procedure');
        }
      }
    }
  },
};
