import type { TableCell } from '../core/model';
import { formatDanishNumber } from '../core/danish';
import { agrees, type TableCheck } from '../core/tables/model';
import { readTableModel, tableReadContext } from '../core/tables/read';
import { writtenLike } from '../core/layout/tables';
import { msg, type Message, type Report, type Rule } from './types';

/**
 * Compares each total of the table model with what its parts give. The model says which rows a
 * total sums and how sure that reading is; a certain reading that does not agree is an error, a
 * probable one information, an unsure one nothing.
 */
export const tableSumMismatch: Rule = {
  id: 'table-sum-mismatch',
  description: msg('En total-række (I alt) er ikke summen af rækkerne.', 'A total row (I alt) is not the sum of its rows.'),
  defaultSeverity: 'error',
  tags: ['tables'],
  fixable: true,
  scope: 'item',
  reads: [],
  check({ model }, report) {
    const context = tableReadContext();
    for (const item of model.items) {
      for (const table of item.tables) {
        if (!table.rows.some((r) => r.isTotal)) continue;
        for (const check of readTableModel(table, context).checks) {
          if (check.certainty === 'unsure' || agrees(check)) continue;
          report({
            range: check.range ?? check.cell.range,
            message: messageOf(check, writtenLike(check.expected!, check.cell)),
            severity: check.certainty === 'probable' ? 'information' : undefined,
            fix: check.unique ? fixTo(check.cell, check.expected!) : undefined,
          });
        }
      }
    }
  },
};

function messageOf(k: TableCheck, shown: string): Message {
  const label = k.row.cells[0]?.text ?? '';
  const text = k.cell.text;
  const n = k.parts.length;
  switch (k.basis) {
    case 'rows':
      return msg(
        `"${label}" er ${text}, men summen af de ${n} rækker er ${shown}.`,
        `"${label}" is ${text}, but the ${n} rows add up to ${shown}.`,
      );
    case 'subtotal':
      return msg(
        `"${label}" er summen af de ${n} rækker over den i de andre kolonner, men her summer de til ${shown}, ikke ${text}.`,
        `"${label}" is the sum of the ${n} rows above it in the other columns, but here they add up to ${shown}, not ${text}.`,
      );
    case 'running': {
      const line = k.sourceRow!.line + 1;
      return msg(
        `"${label}" (${text}) summerer kun rækkerne efter mellemresultatet i linje ${line}; medregnet det, som i en løbende total, ville den være ${shown}.`,
        `"${label}" (${text}) adds up only the rows after the subtotal on line ${line}; with it, as a running total, it would be ${shown}.`,
      );
    }
    case 'carried': {
      const line = k.sourceRow!.line + 1;
      return msg(
        `"${label}" er ${text} her, men ${k.source!.text} i linje ${line}, hvor rækkerne summer til det.`,
        `"${label}" is ${text} here, but ${k.source!.text} on line ${line}, where the rows add up to it.`,
      );
    }
    case 'sections': {
      const sections = k.sections ?? 0;
      return msg(
        `"${label}" er ${text}, men hvert af de ${sections} afsnit under den summer til ${shown}.`,
        `"${label}" is ${text}, but each of the ${sections} sections below it adds up to ${shown}.`,
      );
    }
    case 'section': {
      const from = k.parts[0].line + 1;
      const to = k.parts[n - 1].line + 1;
      const others = k.others === 1 ? ['det andet afsnit', 'the rows of the other section'] : ['de andre afsnit', 'the other sections'];
      return msg(
        `De ${n} rækker i linje ${from}-${to} summer til ${shown}, men "${label}" over dem er ${text}, som ${others[0]} under den også summer til.`,
        `The ${n} rows on lines ${from}-${to} add up to ${shown}, but "${label}" above them is ${text}, which ${others[1]} below it add up to.`,
      );
    }
    case 'shares': {
      const sum = formatDanishNumber(k.expected!, k.cell.decimals ?? 0, false);
      return msg(`Andelene i kolonnen summer til ${sum} %, ikke ${text}.`, `The shares in this column add up to ${sum} %, not ${text}.`);
    }
    case 'ratio': {
      const ratio = formatDanishNumber(k.expected!, k.cell.decimals ?? 0, false);
      return msg(
        `Procenten i "${label}" er ${text}, men forholdet mellem kolonnerne giver ${ratio}.`,
        `The percentage in "${label}" is ${text}, but the ratio of its columns gives ${ratio}.`,
      );
    }
  }
}

function fixTo(cell: TableCell, value: number): Report['fix'] {
  const m = /[-−–+]?\s?\d[\d.]*(?:,\d+)?/.exec(cell.text);
  if (!m) return undefined;
  const text = writtenLike(value, cell);
  const at = cell.range.start;
  const range = {
    start: { line: at.line, character: at.character + m.index },
    end: { line: at.line, character: at.character + m.index + m[0].length },
  };
  return { title: msg(`Sæt totalen til ${text}`, `Set the total to ${text}`), edits: [{ range, newText: text }] };
}
