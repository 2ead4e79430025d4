import type { Range, Table, TableCell, TableRow } from '../core/model';
import { formatDanishNumber } from '../core/danish';
import { Columns, isBlankCell, isNamedTotal, roundingOf } from '../core/layout/tables';
import { msg, type Report, type Rule } from './types';

/**
 * Reads each total row of a table the way a reviewer reads a budget table: its parts are the rows
 * directly above it, back to a caption, a header or an earlier total; an earlier total or an
 * unlabelled subtotal may itself be a part (running and grand totals). A total is wrong only where
 * every such reading is certain and none of them adds up.
 */

/** How many rows and totals a running or grand total looks back: budget tables are short, and the work stays linear. */
const WINDOW = 40;
/** Wider tables get the plain reading only: the search for unlabelled subtotals is per column. */
const WIDE = 60;

type Kind = 'data' | 'total' | 'sub' | 'marker';

/** A row as a part of the table so far: a data row, a total or subtotal standing for the rows it covers, or a caption. */
interface Unit {
  row: TableRow;
  kind: Kind;
  /** A subtotal's or total's parts. */
  covers?: Unit[];
  /** Per column of its own row: whether a reading confirmed the figure. */
  confirmed?: boolean[];
  /** A named total (`X i alt`) that fits no reading: a line item, unless a later total shows otherwise. */
  maybe?: { reports: Report[] };
}

type Verdict = 'fit' | 'miss' | 'unsure';

/** The readings of one total: for each allowed start of its parts, one verdict per column (by column index). */
interface Reading {
  start: number;
  verdicts: Array<Verdict | undefined>;
  sums: Array<number | undefined>;
}

const BARE_LABEL = /^(?:i alt|total|totalt|samlet|sum)\s*:?$/i;
/** Averages and shares among the rows (`Gennemsnit`, `Formueafkast i %`) are not parts of a sum. */
const DERIVED_LABEL = /^(?:gennemsnit\w*|gns\.?|median|andel\w*|procent\w*|pct\.?)(?=\s|$|[.,:)])|\bi\s*(?:%|procent|pct\.?)$/i;
const AVERAGE_HEADER = /gennemsnit|\bgns\b|\bsnit\b|median|nøgletal|\bpr\.\s*(?:m2|m²|stk|indbygger|borger|elev|barn|time|år|md|måned|dag|plads|bolig)\b|\/\s*(?:m2|m²|stk)\b/;
const PERCENT_HEADER = /procent|%|andel|pct/;


function isBlankRow(row: TableRow): boolean {
  for (const cell of row.cells) if (!isBlankCell(cell)) return false;
  return true;
}

function hasNumbers(row: TableRow): boolean {
  for (let i = 1; i < row.cells.length; i++) if (row.cells[i].value !== undefined) return true;
  return false;
}

/**
 * Figures that do not read as one number (`32 moduler / 10.389`, `750 / (1.700)`): a row with unsure
 * cells, not a caption. Above the first number, only an amount counts, not a header's `Budget 2023`.
 */
function hasFigures(row: TableRow, inHeader: boolean): boolean {
  return row.cells.some((c, i) => i > 0 && (inHeader ? /^[-−–+(]?\s?\d/.test(c.text) && /\d\.\d{3}|\d,\d/.test(c.text) : /\d/.test(c.text)));
}

function isYear(cell: TableCell): boolean {
  return cell.value !== undefined && Number.isInteger(cell.value) && cell.value >= 1900 && cell.value <= 2100 && /^\d{4}$/.test(cell.text);
}

/** Years as column headers (`| 2023 | 2024 | I alt`): a header, also under a caption row. */
function isYearRow(row: TableRow, first: boolean): boolean {
  let numbers = 0;
  for (let i = 1; i < row.cells.length; i++) {
    const c = row.cells[i];
    if (c.value === undefined) continue;
    if (!isYear(c)) return false;
    numbers++;
  }
  return numbers > 0 && (first || numbers >= 2);
}


function fits(sum: number, slack: number, total: TableCell): boolean {
  return Math.abs(sum - total.value!) <= slack + roundingOf(total) + 1e-9;
}

/** The rows a subtotal stands for, with the subtotal itself: each row once, as a reader who does not see the subtotal adds them. */
function rawRows(units: readonly Unit[], out: Unit[] = []): Unit[] {
  for (const u of units) {
    if (u.kind === 'sub' && u.covers) rawRows(u.covers, out);
    if (u.kind !== 'marker') out.push(u);
  }
  return out;
}

/** The data rows under totals and subtotals: a grand total of every row above it. */
function dataRows(units: readonly Unit[], out: Unit[] = []): Unit[] {
  for (const u of units) {
    if (u.covers && u.covers.length > 0) dataRows(u.covers, out);
    else if (u.kind === 'data') out.push(u);
  }
  return out;
}

function columnSum(cols: Columns, units: readonly Unit[], c: number): { sum: number; slack: number } | null {
  let sum = 0;
  let slack = 0;
  let figures = 0;
  for (const u of units) {
    const p = cols.part(u.row, c);
    if (!p) return null;
    sum += p.value;
    slack += p.slack;
    if (!isBlankCell(cols.slots(u.row)![c])) figures++;
  }
  return figures > 0 ? { sum, slack } : null;
}

/**
 * Where the parts of a total at the end of `list` may start: at an earlier total or subtotal (a
 * running or grand total), or at the first row after a caption, a total or the table's start. Only a
 * total or subtotal may begin parts that reach back over a caption.
 */
function allowedStarts(list: readonly Unit[]): { starts: number[]; primary: number } {
  const starts: number[] = [];
  let crossed = false;
  const floor = Math.max(0, list.length - WINDOW);
  for (let j = list.length - 1; j >= floor; j--) {
    const u = list[j];
    if (u.kind === 'marker') {
      crossed = true;
      continue;
    }
    const afterBoundary = j === 0 || list[j - 1].kind !== 'data';
    if (u.kind !== 'data' || (afterBoundary && !crossed)) starts.push(j);
  }
  // The natural reading: the rows since the last total or caption; right after totals, those totals back to the caption.
  let primary = list.length;
  while (primary > 0 && (list[primary - 1].kind === 'data' || list[primary - 1].kind === 'sub')) primary--;
  if (primary === list.length) {
    while (primary > floor && list[primary - 1].kind !== 'marker') primary--;
    if (primary < list.length && !starts.includes(primary)) return { starts, primary: -1 };
  }
  if (primary === list.length) return { starts, primary: -1 };
  return { starts, primary };
}

/** Every reading of the total `cols.total` over the units of `list`, per column. */
function readingsOf(cols: Columns, list: readonly Unit[], columns: readonly number[], starts: readonly number[]): Reading[] {
  const readings: Reading[] = starts.map((start) => ({ start, verdicts: [], sums: [] }));
  for (const c of columns) {
    const total = cols.total.cells[c];
    let sum = 0;
    let slack = 0;
    let unsure = false;
    let figures = 0;
    let k = 0;
    for (let j = list.length - 1; j >= 0 && k < starts.length; j--) {
      const u = list[j];
      if (u.kind === 'marker') continue;
      const p = unsure ? null : cols.part(u.row, c);
      if (!p) unsure = true;
      else {
        sum += p.value;
        slack += p.slack;
        if (!isBlankCell(cols.slots(u.row)![c])) figures++;
      }
      if (starts[k] === j) {
        // Parts that are all blank show no figures to add up (a merged cell lost in the export).
        readings[k].verdicts[c] = unsure || figures === 0 ? 'unsure' : fits(sum, slack, total) ? 'fit' : 'miss';
        readings[k].sums[c] = sum;
        k++;
      }
    }
  }
  return readings;
}

function numberSpan(cell: TableCell): { start: number; end: number } | undefined {
  const m = /[-−–+]?\s?\d[\d.]*(?:,\d+)?/.exec(cell.text);
  if (!m) return undefined;
  return { start: m.index, end: m.index + m[0].length };
}

function show(value: number, like: TableCell): string {
  const grouped = /\d\.\d{3}/.test(like.text) || Math.abs(value) >= 10000;
  return formatDanishNumber(value, like.decimals ?? 0, grouped);
}

function fixTo(cell: TableCell, value: number): Report['fix'] {
  const span = numberSpan(cell);
  if (!span) return undefined;
  const text = show(value, cell);
  const range = {
    start: { line: cell.range.start.line, character: cell.range.start.character + span.start },
    end: { line: cell.range.start.line, character: cell.range.start.character + span.end },
  };
  return { title: msg(`Sæt totalen til ${text}`, `Set the total to ${text}`), edits: [{ range, newText: text }] };
}

function labelOf(row: TableRow): string {
  return row.cells[0]?.text ?? '';
}

function sameLabel(a: TableRow, b: TableRow): boolean {
  const norm = (r: TableRow): string => labelOf(r).normalize('NFC').toLocaleLowerCase('da').replace(/\s*:$/, '').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** I alt / Total rows that are not the sum of the rows they total. */
export const tableSumMismatch: Rule = {
  id: 'table-sum-mismatch',
  description: msg('En total-række (I alt) er ikke summen af rækkerne.', 'A total row (I alt) is not the sum of its rows.'),
  defaultSeverity: 'error',
  tags: ['tables'],
  fixable: true,
  scope: 'item',
  reads: [],
  check({ model }, report) {
    const known: Known = { headKinds: new Map(), namedTotals: new Map() };
    for (const item of model.items) {
      for (const table of item.tables) if (table.rows.some((r) => r.isTotal)) new TableReader(table, report, known).read();
    }
  },
};

type HeadKind = 'average' | 'percent' | undefined;

/** What the tables of one document share, read once: a column header's kind, whether a total label is `X i alt`. */
interface Known {
  headKinds: Map<string, HeadKind>;
  namedTotals: Map<string, boolean>;
}

class TableReader {
  private list: Unit[] = [];
  private readonly totals: Unit[] = [];
  /** Named totals read as line items for now (see `total`). */
  private pending: Unit[] = [];
  private headers: TableRow[] = [];
  private readonly headKinds = new Map<number, readonly HeadKind[]>();
  private readonly wide: boolean;

  constructor(
    private readonly table: Table,
    private readonly report: (r: Report) => void,
    private readonly known: Known,
  ) {
    this.wide = table.rows.some((r) => r.cells.length > WIDE);
  }

  /** Reads a table that has a total row. */
  read(): void {
    let seenData = false;
    const rows = this.table.rows;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (isBlankRow(row)) continue;
      const numbers = hasNumbers(row) || hasFigures(row, !seenData);
      if (!numbers || isYearRow(row, !seenData)) {
        if (!seenData) this.headers.push(row);
        this.list.push({ row, kind: 'marker' });
        continue;
      }
      if (DERIVED_LABEL.test(labelOf(row))) continue;
      seenData = true;
      if (row.isTotal) this.total(row, i);
      else this.data(row);
    }
    for (const u of this.pending) if (u.maybe) this.flush(u);
  }

  private flush(u: Unit): void {
    for (const r of u.maybe!.reports) this.report(r);
    u.maybe = undefined;
  }

  /** The columns where `row` (a total, or a data row that may be a subtotal) has a figure to check: sums, and shares or ratios. */
  private columnsOf(row: TableRow): { sums: number[]; percent: number[] } {
    const sums: number[] = [];
    const percent: number[] = [];
    const cells = row.cells;
    const heads = this.headsOf(cells.length);
    for (let c = 1; c < cells.length; c++) {
      const cell = cells[c];
      if (cell.value === undefined || heads[c] === 'average') continue;
      if (cell.percent || heads[c] === 'percent') percent.push(c);
      else sums.push(c);
    }
    return { sums, percent };
  }

  /** What the header rows of the total's width say of each column; read once per width, as the headers are known before the first figure. */
  private headsOf(width: number): readonly HeadKind[] {
    const known = this.headKinds.get(width);
    if (known) return known;
    const heads = this.headers.filter((h) => h.cells.length === width);
    // Column 0 holds the labels, not figures.
    const kinds: HeadKind[] = [undefined];
    for (let c = 1; c < width; c++) {
      const head = heads.map((h) => h.cells[c]?.text ?? '').join(' ');
      let kind = this.known.headKinds.get(head);
      if (!this.known.headKinds.has(head)) {
        // toLowerCase is toLocaleLowerCase('da') to the character, without a locale look-up per call.
        const lower = head.toLowerCase();
        kind = AVERAGE_HEADER.test(lower) ? 'average' : PERCENT_HEADER.test(lower) ? 'percent' : undefined;
        this.known.headKinds.set(head, kind);
      }
      kinds.push(kind);
    }
    this.headKinds.set(width, kinds);
    return kinds;
  }

  /** A data row that is the sum of the rows above it in every column is an unlabelled subtotal (`Ordinært driftsresultat`). */
  private data(row: TableRow): void {
    const unit: Unit = { row, kind: 'data' };
    if (!this.wide && this.list.length >= 2) {
      const columns = this.columnsOf(row).sums;
      if (columns.length >= 2) {
        const cols = new Columns(row);
        const { starts } = allowedStarts(this.list);
        for (const reading of readingsOf(cols, this.list, columns, starts)) {
          // Counted before any list is made: most rows are no subtotal.
          let fits = 0;
          let misses = 0;
          for (const c of columns) {
            if (reading.verdicts[c] === 'fit') fits++;
            else if (reading.verdicts[c] === 'miss') misses++;
          }
          if (fits < 2 || (misses > 0 && fits < 3) || misses > 1) continue;
          const parts = this.list.slice(reading.start).filter((u) => u.kind !== 'marker');
          if (parts.length < 2) continue;
          const fitted = columns.filter((c) => reading.verdicts[c] === 'fit');
          const missedAt = columns.filter((c) => reading.verdicts[c] === 'miss');
          if (!fitted.some((c) => row.cells[c].value !== 0)) continue;
          // An unlabelled subtotal that adds up in every column but one: said, as information only.
          for (const c of missedAt) {
            const cell = row.cells[c];
            const sum = show(reading.sums[c]!, cell);
            this.report({
              severity: 'information',
              range: cell.range,
              message: msg(
                `"${labelOf(row)}" er summen af de ${parts.length} rækker over den i de andre kolonner, men her summer de til ${sum}, ikke ${cell.text}.`,
                `"${labelOf(row)}" is the sum of the ${parts.length} rows above it in the other columns, but here they add up to ${sum}, not ${cell.text}.`,
              ),
            });
          }
          for (const p of parts) if (p.maybe) p.maybe = undefined;
          unit.kind = 'sub';
          unit.covers = parts;
          this.list.splice(reading.start);
          break;
        }
      }
    }
    this.list.push(unit);
  }

  private total(row: TableRow, index: number): void {
    const cols = new Columns(row);
    const { sums, percent } = this.columnsOf(row);
    const unit: Unit = { row, kind: 'total', confirmed: [] };
    if (!this.list.some((u) => u.kind !== 'marker')) {
      this.sectionsBelow(cols, sums, index);
      this.push(unit, this.list.length);
      return;
    }
    if (this.list[this.list.length - 1].kind === 'marker') {
      this.carried(cols, sums, unit);
      this.push(unit, this.list.length);
      return;
    }
    let outcome = this.evaluate(cols, this.list, sums, index);
    this.pending = this.pending.filter((u) => u.maybe);
    const maybes = this.pending;
    if (outcome.misses.length > 0 && maybes.length > 0) {
      // Were the earlier `X i alt` rows totals after all? Keep the reading with fewer slips.
      const asTotals = this.asTotals(this.list);
      const other = this.evaluate(cols, asTotals, sums, index);
      const otherMisses = other.misses.length + maybes.reduce((n, m) => n + m.maybe!.reports.length, 0);
      if (otherMisses < outcome.misses.length) {
        this.list = asTotals;
        for (const m of maybes) this.flush(m);
        outcome = other;
      } else for (const m of maybes) m.maybe = undefined;
      for (const r of outcome.misses) {
        r.fix = undefined;
      }
    } else if (maybes.length > 0) {
      for (const m of maybes) if (this.list.indexOf(m) >= outcome.coverFrom) m.maybe = undefined;
    }
    if (percent.length > 0) this.percentColumns(cols, percent, outcome.primaryUnits);
    sums.forEach((c) => (unit.confirmed![c] = outcome.verdict.get(c) === 'fit'));
    const label = labelOf(row);
    let named = this.known.namedTotals.get(label);
    if (named === undefined) {
      named = isNamedTotal(label);
      this.known.namedTotals.set(label, named);
    }
    const certain = sums.filter((c) => outcome.verdict.get(c) !== 'unsure');
    if (named && outcome.misses.length > 0 && outcome.misses.length === certain.length && outcome.primaryUnits.length > 0) {
      // A line item that ends in `i alt` (`Kontorudgifter i alt`): a later total tells.
      unit.kind = 'data';
      unit.maybe = { reports: outcome.misses };
      this.pending.push(unit);
      this.list.push(unit);
      return;
    }
    for (const r of outcome.misses) this.report(r);
    this.push(unit, outcome.coverFrom);
  }

  private push(unit: Unit, coverFrom: number): void {
    if (unit.kind !== 'data') {
      unit.covers = this.list.slice(coverFrom).filter((u) => u.kind !== 'marker');
      this.list.splice(coverFrom);
      this.totals.push(unit);
    }
    this.list.push(unit);
  }

  /** The list with each pending `X i alt` row read as the total of the rows directly above it. */
  private asTotals(list: readonly Unit[]): Unit[] {
    const out: Unit[] = [];
    for (const u of list) {
      if (!u.maybe) {
        out.push(u);
        continue;
      }
      let from = out.length;
      while (from > 0 && out[from - 1].kind === 'data') from--;
      const covers = out.splice(from);
      out.push({ ...u, kind: 'total', covers, maybe: undefined });
    }
    return out;
  }

  /** Checks one total against every reading; returns what does not add up in any. */
  private evaluate(cols: Columns, list: readonly Unit[], columns: readonly number[], index: number): { misses: Report[]; verdict: Map<number, Verdict>; coverFrom: number; primaryUnits: Unit[] } {
    const row = cols.total;
    const { starts, primary } = allowedStarts(list);
    // A long block of rows is read once, by the total below it.
    if (primary >= 0 && !starts.includes(primary)) starts.push(primary);
    const readings = readingsOf(cols, list, columns, starts);
    const primaryUnits = primary >= 0 ? list.slice(primary).filter((u) => u.kind !== 'marker') : [];
    const raw = rawRows(primaryUnits);
    const extra: Array<Map<number, Verdict>> = [];
    if (raw.length > primaryUnits.length) extra.push(this.verdicts(cols, raw, columns));
    const every = dataRows(primaryUnits);
    if (every.length > 0 && primaryUnits.some((u) => u.kind === 'total')) extra.push(this.verdicts(cols, every, columns));
    const balance = this.balance(cols, primaryUnits, columns, index);
    if (balance) extra.push(balance);

    const verdict = new Map<number, Verdict>();
    for (const c of columns) {
      // Fit where any reading fits; unsure where none is certain to miss (a missing verdict counts as a miss).
      let fit = false;
      let unsure = readings.length + extra.length === 0;
      for (const r of readings) {
        const v = r.verdicts[c];
        if (v === 'fit') fit = true;
        else if (v === 'unsure') unsure = true;
      }
      for (const e of extra) {
        const v = e.get(c);
        if (v === 'fit') fit = true;
        else if (v === 'unsure') unsure = true;
      }
      verdict.set(c, fit ? 'fit' : unsure ? 'unsure' : 'miss');
    }
    // The parts it covers: the shortest reading that fits the most columns; else the rows directly above.
    let best: Reading | undefined;
    let bestFits = 0;
    for (const r of readings) {
      let n = 0;
      for (const c of columns) if (r.verdicts[c] === 'fit') n++;
      if (n > bestFits) {
        best = r;
        bestFits = n;
      }
    }
    const coverFrom = best ? best.start : primary >= 0 ? primary : list.length;

    const misses: Report[] = [];
    const unique = readings.length === 1 && extra.length === 0;
    for (const c of columns) {
      if (verdict.get(c) !== 'miss') continue;
      const cell = row.cells[c];
      // The message names the reading that comes nearest; the fix needs that reading to be the only one, or to fit another column.
      const fitsElsewhere = (r: Reading): boolean => columns.some((o) => o !== c && r.verdicts[o] === 'fit');
      const candidates = readings.filter((r) => r.verdicts[c] === 'miss');
      const pool = candidates.some(fitsElsewhere) ? candidates.filter(fitsElsewhere) : candidates;
      let near: Reading | undefined;
      for (const r of pool) {
        const d = Math.abs(r.sums[c]! - cell.value!);
        if (!near || d < Math.abs(near.sums[c]! - cell.value!) || (d === Math.abs(near.sums[c]! - cell.value!) && r.start === primary)) near = r;
      }
      if (!near) continue;
      const sum = near.sums[c]!;
      const confirmed = fitsElsewhere(near);
      const shown = show(sum, cell);
      let n = 0;
      for (let j = near.start; j < list.length; j++) if (list[j].kind !== 'marker') n++;
      misses.push({
        range: cell.range,
        message: msg(
          `"${labelOf(row)}" er ${cell.text}, men summen af de ${n} rækker er ${shown}.`,
          `"${labelOf(row)}" is ${cell.text}, but the ${n} rows add up to ${shown}.`,
        ),
        fix: confirmed || unique ? fixTo(cell, sum) : undefined,
      });
    }
    if (misses.length === 0 && best) this.chainBreak(cols, list, readings, best, columns);
    return { misses, verdict, coverFrom, primaryUnits };
  }

  /**
   * A total that adds up only the rows after a running subtotal (`Skattefinansieret område`, itself
   * the previous result plus its rows), not the subtotal with them: both are readings budget tables
   * use, so this is said as information, with the running total it would be.
   */
  private chainBreak(cols: Columns, list: readonly Unit[], readings: readonly Reading[], best: Reading, columns: readonly number[]): void {
    const sub = list[best.start - 1];
    if (sub?.kind !== 'sub' || (sub.covers?.[0]?.kind !== 'sub' && sub.covers?.[0]?.kind !== 'total')) return;
    const chain = readings.find((r) => r.start === best.start - 1);
    const fitted = columns.filter((c) => best.verdicts[c] === 'fit');
    if (!chain || !fitted.every((c) => chain.verdicts[c] === 'miss')) return;
    const row = cols.total;
    const line = sub.row.line + 1;
    for (const c of fitted) {
      const cell = row.cells[c];
      const running = show(chain.sums[c]!, cell);
      this.report({
        severity: 'information',
        range: cell.range,
        message: msg(
          `"${labelOf(row)}" (${cell.text}) summerer kun rækkerne efter mellemresultatet i linje ${line}; medregnet det, som i en løbende total, ville den være ${running}.`,
          `"${labelOf(row)}" (${cell.text}) adds up only the rows after the subtotal on line ${line}; with it, as a running total, it would be ${running}.`,
        ),
      });
    }
  }

  private verdicts(cols: Columns, units: readonly Unit[], columns: readonly number[]): Map<number, Verdict> {
    const out = new Map<number, Verdict>();
    for (const c of columns) {
      const s = columnSum(cols, units, c);
      out.set(c, !s ? 'unsure' : fits(s.sum, s.slack, cols.total.cells[c]) ? 'fit' : 'miss');
    }
    return out;
  }

  /**
   * A balance before the movements (`Kursværdi primo`): the total adds up the rows after the first
   * one, and a row below it is the first row plus the total (`Kursværdi ultimo`).
   */
  private balance(cols: Columns, block: readonly Unit[], columns: readonly number[], index: number): Map<number, Verdict> | undefined {
    if (this.wide || block.length < 3 || block[0].kind !== 'data') return undefined;
    const first = block[0].row;
    const rest = block.slice(1);
    const verdicts = this.verdicts(cols, rest, columns);
    if (![...verdicts.values()].includes('fit') || [...verdicts.values()].includes('miss')) return undefined;
    const rows = this.table.rows;
    for (let j = index + 1; j < rows.length && j <= index + 3; j++) {
      const ok = columns.every((c) => {
        const a = cols.part(first, c);
        const b = cols.part(rows[j], c);
        const t = cols.total.cells[c];
        return !a || !b || Math.abs(a.value + t.value! - b.value) <= a.slack + b.slack + roundingOf(t) + 1e-9;
      });
      const some = columns.some((c) => cols.part(first, c) && cols.part(rows[j], c));
      if (ok && some) return verdicts;
    }
    return undefined;
  }

  /** A total repeated under a caption (`Finansieringsoversigt`) carries the figures of the same total above. */
  private carried(cols: Columns, columns: readonly number[], unit: Unit): void {
    // Only a total with a name: two bare `I alt` rows under two captions may total different things.
    if (BARE_LABEL.test(labelOf(cols.total).trim())) return;
    const earlier = [...this.totals].reverse().find((t) => sameLabel(t.row, cols.total));
    if (!earlier) return;
    const row = cols.total;
    for (const c of columns) {
      const was = cols.part(earlier.row, c);
      const cell = row.cells[c];
      if (!was) continue;
      const slots = cols.slots(earlier.row);
      const source = slots?.[c];
      const sourceCol = source ? earlier.row.cells.indexOf(source) : -1;
      const sure = sourceCol >= 0 && earlier.confirmed?.[sourceCol] === true;
      if (Math.abs(was.value - cell.value!) <= was.slack + roundingOf(cell) + 1e-9) {
        unit.confirmed![c] = sure;
        continue;
      }
      if (!sure) continue;
      const line = earlier.row.line + 1;
      this.report({
        range: cell.range,
        message: msg(
          `"${labelOf(row)}" er ${cell.text} her, men ${source!.text} i linje ${line}, hvor rækkerne summer til det.`,
          `"${labelOf(row)}" is ${cell.text} here, but ${source!.text} on line ${line}, where the rows add up to it.`,
        ),
        fix: fixTo(cell, was.value),
      });
    }
  }

  /**
   * A total above its rows is checked only where two or more sections below it each break it down
   * (by place and by cause, say): a section that disagrees with the total and the other sections is a slip.
   */
  private sectionsBelow(cols: Columns, columns: readonly number[], index: number): void {
    const sections: TableRow[][] = [];
    let current: TableRow[] = [];
    for (let j = index + 1; j < this.table.rows.length; j++) {
      const r = this.table.rows[j];
      if (isBlankRow(r)) continue;
      if (r.isTotal) return;
      if (!hasNumbers(r)) {
        if (current.length > 0) sections.push(current);
        current = [];
        continue;
      }
      current.push(r);
    }
    if (current.length > 0) sections.push(current);
    if (sections.length < 2 || sections.some((s) => s.length < 2)) return;
    const units = sections.map((s) => s.map((row): Unit => ({ row, kind: 'data' })));
    const sums = new Map<number, Array<{ sum: number; slack: number }>>();
    for (const c of columns) {
      const per = units.map((u) => columnSum(cols, u, c));
      if (per.every((s) => s !== null)) sums.set(c, per as Array<{ sum: number; slack: number }>);
    }
    const total = cols.total;
    // Counts are exact: where all but one breakdown match to the unit, the one that does not is no rounding.
    const diffs = [...sums].flatMap(([c, per]) => per.map((s) => Math.abs(s.sum - total.cells[c].value!)));
    const exact = diffs.filter((d) => d < 1e-9).length;
    const strict = exact >= 3 && diffs.length - exact === 1;
    const agrees = (s: { sum: number; slack: number }, cell: TableCell): boolean => (strict ? Math.abs(s.sum - cell.value!) < 1e-9 : fits(s.sum, s.slack, cell));
    const fitsAll = (c: number): boolean => sums.get(c)!.every((s) => agrees(s, total.cells[c]));
    if (![...sums.keys()].some(fitsAll)) return;
    for (const [c, per] of sums) {
      if (fitsAll(c)) continue;
      const cell = total.cells[c];
      const fitting = per.filter((s) => agrees(s, cell));
      if (fitting.length === 0) {
        const agree = per.every((s) => Math.abs(s.sum - per[0].sum) <= s.slack + per[0].slack + 1e-9);
        if (!agree) continue;
        const shown = show(per[0].sum, cell);
        this.report({
          range: cell.range,
          message: msg(
            `"${labelOf(total)}" er ${cell.text}, men hvert af de ${per.length} afsnit under den summer til ${shown}.`,
            `"${labelOf(total)}" is ${cell.text}, but each of the ${per.length} sections below it adds up to ${shown}.`,
          ),
          fix: fixTo(cell, per[0].sum),
        });
        continue;
      }
      per.forEach((s, k) => {
        if (agrees(s, cell)) return;
        const rows = sections[k];
        const first = cols.slots(rows[0])?.[c];
        const last = cols.slots(rows[rows.length - 1])?.[c];
        if (!first || !last) return;
        const range: Range = { start: first.range.start, end: last.range.end };
        const shown = show(s.sum, cell);
        const others = fitting.length === 1 ? 'det andet afsnit' : 'de andre afsnit';
        const othersEn = fitting.length === 1 ? 'the rows of the other section' : 'the other sections';
        this.report({
          range,
          message: msg(
            `De ${rows.length} rækker i linje ${rows[0].line + 1}-${rows[rows.length - 1].line + 1} summer til ${shown}, men "${labelOf(total)}" over dem er ${cell.text}, som ${others} under den også summer til.`,
            `The ${rows.length} rows on lines ${rows[0].line + 1}-${rows[rows.length - 1].line + 1} add up to ${shown}, but "${labelOf(total)}" above them is ${cell.text}, which ${othersEn} below it add up to.`,
          ),
        });
      });
    }
  }

  /** A share column totals 100 %; a ratio column (forbrug / budget) is checked against its own row's ratio. */
  private percentColumns(cols: Columns, columns: readonly number[], block: readonly Unit[]): void {
    const parts = rawRows(block).map((u) => u.row);
    if (parts.length === 0) return;
    const total = cols.total;
    for (const c of columns) {
      const cells = parts.map((r) => cols.slots(r)?.[c]);
      if (cells.some((x) => !x || (x.value === undefined && !isBlankCell(x)))) continue;
      const values = cells.filter((x): x is TableCell => x!.value !== undefined);
      if (values.length === 0) continue;
      const cell = total.cells[c];
      if (Math.abs(cell.value! - 100) <= roundingOf(cell)) {
        const sum = values.reduce((a, x) => a + x.value!, 0);
        const slack = values.reduce((a, x) => a + roundingOf(x), 0);
        if (fits(sum, slack, cell) || !values.every((x) => x.value! >= 0 && x.value! <= 100)) continue;
        const shown = formatDanishNumber(sum, cell.decimals ?? 0, false);
        this.report({
          range: cell.range,
          message: msg(`Andelene i kolonnen summer til ${shown} %, ikke ${cell.text}.`, `The shares in this column add up to ${shown} %, not ${cell.text}.`),
        });
        continue;
      }
      this.ratio(cols, c, parts);
    }
  }

  /** Two other columns a, b with value = 100 * a / b in every part row; then the total row must show its own ratio. */
  private ratio(cols: Columns, c: number, parts: readonly TableRow[]): void {
    const total = cols.total;
    const width = total.cells.length;
    // The pair search is quadratic in the width, so a table wider than any budget table is not searched.
    if (width > 40) return;
    const at = (row: TableRow, k: number): number | undefined => (k === c ? undefined : cols.slots(row)?.[k]?.value);
    for (let a = 1; a < width; a++) {
      for (let b = 1; b < width; b++) {
        if (a === b || a === c || b === c) continue;
        const fitsRow = (row: TableRow): boolean | undefined => {
          const x = at(row, a);
          const y = at(row, b);
          const p = cols.slots(row)?.[c];
          if (x === undefined || y === undefined || p?.value === undefined || y === 0) return undefined;
          return Math.abs((100 * x) / y - p.value) <= roundingOf(p) + 1e-9;
        };
        const partFits = parts.map(fitsRow).filter((f) => f !== undefined);
        if (partFits.length === 0 || !partFits.every(Boolean)) continue;
        if (fitsRow(total) !== false) return;
        const cell = total.cells[c];
        const ratio = (100 * at(total, a)!) / at(total, b)!;
        const shown = formatDanishNumber(ratio, cell.decimals ?? 0, false);
        this.report({
          range: cell.range,
          message: msg(
            `Procenten i "${labelOf(total)}" er ${cell.text}, men forholdet mellem kolonnerne giver ${shown}.`,
            `The percentage in "${labelOf(total)}" is ${cell.text}, but the ratio of its columns gives ${shown}.`,
          ),
          fix: fixTo(cell, ratio),
        });
        return;
      }
    }
  }
}
