import type { Table, TableCell, TableRow } from '../core/model';
import { formatDanishNumber } from '../core/danish';
import { msg, type Report, type Rule } from './types';

/** A header row: no numbers but years (2025, 2026 ...). */
function isHeaderRow(row: TableRow): boolean {
  return row.cells.every((c) => c.value === undefined || (Number.isInteger(c.value) && c.value >= 1900 && c.value <= 2100 && !/\./.test(c.text)));
}

function hasNumbers(row: TableRow): boolean {
  return row.cells.some((c, i) => i > 0 && c.value !== undefined);
}

function isBlankCell(cell: TableCell | undefined): boolean {
  return !cell || cell.text === '' || /^[-–—]$/.test(cell.text);
}

/** The rounding a sum of shown numbers can carry: half a unit of the last shown decimal, per number. */
function tolerance(cells: readonly TableCell[], total: TableCell): number {
  let t = 0.5 * Math.pow(10, -(total.decimals ?? 0));
  for (const c of cells) t += 0.5 * Math.pow(10, -(c.decimals ?? 0));
  return t + 1e-9;
}

function numberSpan(cell: TableCell): { start: number; end: number } | undefined {
  const m = /[-−–+]?\s?\d[\d.]*(?:,\d+)?/.exec(cell.text);
  if (!m) return undefined;
  return { start: m.index, end: m.index + m[0].length };
}

function fixTo(cell: TableCell, value: number): Report['fix'] {
  const span = numberSpan(cell);
  if (!span) return undefined;
  const grouped = /\d\.\d{3}/.test(cell.text) || Math.abs(value) >= 10000;
  const text = formatDanishNumber(value, cell.decimals ?? 0, grouped);
  const range = {
    start: { line: cell.range.start.line, character: cell.range.start.character + span.start },
    end: { line: cell.range.start.line, character: cell.range.start.character + span.end },
  };
  return { title: msg(`Sæt totalen til ${text}`, `Set the total to ${text}`), edits: [{ range, newText: text }] };
}

/** The header text of every column, lower-cased: read once per table, not once per column. */
function headerTexts(table: Table): string[] {
  const texts: string[] = [];
  for (const r of table.rows) {
    if (hasNumbers(r) && !isHeaderRow(r)) continue;
    r.cells.forEach((cell, c) => {
      texts[c] = `${texts[c] ?? ''} ${cell.text}`;
    });
  }
  return Array.from(texts, (t) => (t ?? '').toLocaleLowerCase('da'));
}

function isPercentColumn(headers: readonly string[], column: number, total: TableCell): boolean {
  return total.percent === true || /procent|%|andel|pct/.test(headers[column] ?? '');
}

/** One column's numbers over a growing set of rows: a grand total's alternatives, kept as running sums so each row is added once. */
interface ColumnRun {
  /** A cell that is neither a number nor blank: the column cannot be summed. */
  bad: boolean;
  cells: number;
  sum: number;
  slack: number;
}

function addRow(runs: ColumnRun[], row: TableRow): void {
  row.cells.forEach((x, c) => {
    const run = (runs[c] ??= { bad: false, cells: 0, sum: 0, slack: 0 });
    if (x.value === undefined) {
      if (!isBlankCell(x)) run.bad = true;
      return;
    }
    run.cells++;
    run.sum += x.value;
    run.slack += 0.5 * Math.pow(10, -(x.decimals ?? 0));
  });
}

function runFits(run: ColumnRun | undefined, total: TableCell): boolean {
  return run !== undefined && !run.bad && run.cells > 0 && Math.abs(run.sum - total.value!) <= 0.5 * Math.pow(10, -(total.decimals ?? 0)) + run.slack + 1e-9;
}

/** I alt / Total rows that are not the sum of the rows they total. */
export const tableSumMismatch: Rule = {
  id: 'table-sum-mismatch',
  description: msg('En total-række (I alt) er ikke summen af rækkerne.', 'A total row (I alt) is not the sum of its rows.'),
  defaultSeverity: 'error',
  tags: ['tables'],
  fixable: true,
  scope: 'item',
  check({ model }, report) {
    for (const item of model.items) {
      for (const table of item.tables) checkTable(table, report);
    }
  },
};

function checkTable(table: Table, report: (r: Report) => void): void {
  const rows = table.rows;
  const dataStart = rows.findIndex((r, i) => hasNumbers(r) && !(i === 0 && isHeaderRow(r)));
  if (dataStart < 0) return;
  const totals: number[] = [];
  rows.forEach((r, i) => {
    if (r.isTotal && i >= dataStart) totals.push(i);
  });
  const headers = totals.length > 0 ? headerTexts(table) : [];
  // Running sums for the alternatives of a grand total: the totals before it, and every row above it.
  const earlier: ColumnRun[] = [];
  const above: ColumnRun[] = [];
  let aboveTo = dataStart;
  for (let k = 0; k < totals.length; k++) {
    const t = totals[k];
    const total = rows[t];
    const from = k > 0 ? totals[k - 1] + 1 : dataStart;
    let parts = rows.slice(from, t).filter((r) => hasNumbers(r) && !r.isTotal);
    if (parts.length === 0) {
      // A total above its parts: the rows below it, to the next total.
      const next = k + 1 < totals.length ? totals[k + 1] : rows.length;
      parts = rows.slice(t + 1, next).filter((r) => hasNumbers(r) && !r.isTotal);
    }
    for (; aboveTo < t; aboveTo++) if (hasNumbers(rows[aboveTo]) && !rows[aboveTo].isTotal) addRow(above, rows[aboveTo]);
    if (k > 0) addRow(earlier, rows[totals[k - 1]]);
    if (parts.length === 0) continue;
    for (let c = 1; c < total.cells.length; c++) {
      const cell = total.cells[c];
      if (cell.value === undefined) continue;
      const column = (rs: readonly TableRow[]): TableCell[] | undefined => {
        const cells = rs.map((r) => r.cells[c]);
        if (cells.some((x) => x && x.value === undefined && !isBlankCell(x))) return undefined;
        const withValue = cells.filter((x): x is TableCell => x !== undefined && x.value !== undefined);
        return withValue.length > 0 ? withValue : undefined;
      };
      const partCells = column(parts);
      if (!partCells) continue;
      if (isPercentColumn(headers, c, cell)) {
        checkPercent(table, total, c, parts, partCells, report);
        continue;
      }
      const sum = partCells.reduce((a, x) => a + x.value!, 0);
      if (Math.abs(sum - cell.value) <= tolerance(partCells, cell)) continue;
      // A grand total may add up the subtotals, or every row above it.
      if (runFits(earlier[c], cell) || (k > 0 && runFits(above[c], cell))) continue;
      const shown = formatDanishNumber(sum, cell.decimals ?? 0, true);
      report({
        range: cell.range,
        message: msg(
          `"${total.cells[0].text}" er ${cell.text}, men summen af de ${partCells.length} rækker er ${shown}.`,
          `"${total.cells[0].text}" is ${cell.text}, but the ${partCells.length} rows add up to ${shown}.`,
        ),
        fix: fixTo(cell, sum),
      });
    }
  }
}

/** A share column totals 100 %; a ratio column (forbrug / budget) is checked against its own row's ratio. */
function checkPercent(table: Table, total: TableRow, c: number, parts: TableRow[], partCells: TableCell[], report: (r: Report) => void): void {
  const cell = total.cells[c];
  const value = cell.value!;
  const sum = partCells.reduce((a, x) => a + x.value!, 0);
  if (Math.abs(value - 100) <= tolerance([], cell)) {
    if (Math.abs(sum - 100) <= tolerance(partCells, cell)) return;
    // Only a share column if the parts look like shares: each between 0 and 100.
    if (!partCells.every((x) => x.value! >= 0 && x.value! <= 100)) return;
    const shown = formatDanishNumber(sum, cell.decimals ?? 0, false);
    report({
      range: cell.range,
      message: msg(
        `Andelene i kolonnen summer til ${shown} %, ikke ${cell.text}.`,
        `The shares in this column add up to ${shown} %, not ${cell.text}.`,
      ),
    });
    return;
  }
  // A ratio: find two other columns a, b with value = 100 * a / b in the parts rows; then check the total row.
  const numeric = (row: TableRow, k: number): number | undefined => (k === c ? undefined : row.cells[k]?.value);
  // Not Math.max(...rows): a spread of a very long table overflows the stack. The pair search is
  // quadratic in the width, so a table wider than any budget table is not searched.
  const width = table.rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  if (width > 40) return;
  for (let a = 1; a < width; a++) {
    for (let b = 1; b < width; b++) {
      if (a === b || a === c || b === c) continue;
      const fits = (row: TableRow): boolean | undefined => {
        const x = numeric(row, a);
        const y = numeric(row, b);
        const p = row.cells[c]?.value;
        if (x === undefined || y === undefined || p === undefined || y === 0) return undefined;
        return Math.abs((100 * x) / y - p) <= 0.5 * Math.pow(10, -(row.cells[c].decimals ?? 0)) + 1e-9;
      };
      const partFits = parts.map(fits).filter((f) => f !== undefined);
      if (partFits.length === 0 || !partFits.every(Boolean)) continue;
      if (fits(total) !== false) return;
      const ratio = (100 * numeric(total, a)!) / numeric(total, b)!;
      const shown = formatDanishNumber(ratio, cell.decimals ?? 0, false);
      report({
        range: cell.range,
        message: msg(
          `Procenten i "${total.cells[0].text}" er ${cell.text}, men forholdet mellem kolonnerne giver ${shown}.`,
          `The percentage in "${total.cells[0].text}" is ${cell.text}, but the ratio of its columns gives ${shown}.`,
        ),
        fix: fixTo(cell, ratio),
      });
      return;
    }
  }
}
