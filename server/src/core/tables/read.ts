import type { Table, TableCell, TableRow } from '../model';
import { Columns, isBlankCell, isNamedTotal, roundingOf } from '../layout/tables';
import type { Certainty, CheckBasis, ColumnKind, RowReading, RowRole, TableCheck, TableModel } from './model';

/**
 * Reads a table the way a reviewer reads a budget table: a total's parts are the rows directly
 * above it, back to a caption, a header or an earlier total; an earlier total or an unlabelled
 * subtotal may itself be a part (running and grand totals). A total is wrong only where every such
 * reading is certain and none of them adds up.
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
  maybe?: { checks: TableCheck[] };
}

type Verdict = 'fit' | 'miss' | 'unsure';

/** The readings of one total: for each allowed start of its parts, one verdict per column (by column index). */
interface Reading {
  start: number;
  verdicts: Array<Verdict | undefined>;
  sums: Array<number | undefined>;
  slacks: Array<number | undefined>;
  /** Its rows, once a check names them. */
  rows?: TableRow[];
}

/** A reading that does not add up, as the sum a finding would name. */
interface Candidate {
  sum: number;
  slack: number;
  rows: () => TableRow[];
  /** It adds up in another column of the same total. */
  elsewhere: boolean;
  primary: boolean;
}

/** A reading over a set of units other than a run of the list (every row under the subtotals, the movements after a balance). */
interface Other {
  units: readonly Unit[];
  verdicts: Map<number, Verdict>;
  sums: Map<number, { sum: number; slack: number }>;
}

const BARE_LABEL = /^(?:i alt|total|totalt|samlet|sum)\s*:?$/i;
/** Averages and shares among the rows (`Gennemsnit`, `Formueafkast i %`) are not parts of a sum. */
const DERIVED_LABEL = /^(?:gennemsnit\w*|gns\.?|median|andel\w*|procent\w*|pct\.?)(?=\s|$|[.,:)])|\bi\s*(?:%|procent|pct\.?)$/i;
const AVERAGE_LABEL = /^(?:gennemsnit|gns|median)/i;
const AVERAGE_HEADER =
  /gennemsnit|\bgns\b|\bsnit\b|median|nøgletal|\bpr\.\s*(?:m2|m²|stk|indbygger|borger|elev|barn|time|år|md|måned|dag|plads|bolig)\b|\/\s*(?:m2|m²|stk)\b/;
const PERCENT_HEADER = /procent|%|andel|pct/;
/** Labels of rows that compare two figures (`Afvigelse`, `I alt/Difference`): named as such in the model, read as rows. */
const DIFFERENCE_LABEL =
  /^(?:afvigelse|difference|forskel|mer-?\s?forbrug|mindre-?\s?forbrug)\b|(?:^|\/)\s*(?:i alt|total|sum)\s*\/|\/\s*(?:difference|afvigelse)/i;
/** A number with a footnote mark (`500*`, `12.000¹`): a figure, though its column is not summed (the note may say why). */
const FOOTNOTED = /^[-−–+]?\s?\d[\d.]*(?:,\d+)?\s?(?:\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$/;
/** Two figures in one cell (`750 / (700)`): a row of figures, its column unsure. */
const TWO_FIGURES = /^[-−–+(]?\s?\d[\d.,]*\)?\s?\/\s?\(?[-−–+]?\s?\d[\d.,]*\)?$/;
/** A total that names a pool or a frame (`Puljen i alt`, `Anlægsramme`): the whole of it, of which the rows may be the part given so far. */
const POOL_LABEL = /pulje|ramme(?:n|r|ns)?\b|bevilling/i;
const RESULT_LABEL = /resultat|overskud|underskud/i;
/** A balance before the movements: `Kursværdi primo`, `Beholdning 1. januar`, `Saldo ved årets start`, `Overført fra 2024`. */
const OPENING_LABEL =
  /\bprimo\b|\b(?:1\.|pr\.)\s*jan(?:uar|\.)|\bved (?:årets )?(?:start|begyndelse)\b|^overført fra\b|^primobeholdning|^startsaldo/i;
const NOTE_LABEL = /^(?:\*|note\b|noter\b|anm\b|anm\.|kilde\b|kilder\b|fodnote\b|\d\)\s)/i;

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
  return row.cells.some(
    (c, i) =>
      i > 0 &&
      (inHeader
        ? (/^[-−–+(]?\s?\d/.test(c.text) && /\d\.\d{3}|\d,\d/.test(c.text)) || FOOTNOTED.test(c.text) || TWO_FIGURES.test(c.text)
        : /\d/.test(c.text)),
  );
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

function tolerance(slack: number, total: TableCell): number {
  return slack + roundingOf(total) + 1e-9;
}

function fits(sum: number, slack: number, total: TableCell): boolean {
  return Math.abs(sum - total.value!) <= tolerance(slack, total);
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

function rowsOf(units: readonly Unit[], from = 0): TableRow[] {
  const out: TableRow[] = [];
  for (let j = from; j < units.length; j++) if (units[j].kind !== 'marker') out.push(units[j].row);
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
  const readings: Reading[] = starts.map((start) => ({ start, verdicts: [], sums: [], slacks: [] }));
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
        readings[k].slacks[c] = slack;
        k++;
      }
    }
  }
  return readings;
}

function labelOf(row: TableRow): string {
  return row.cells[0]?.text ?? '';
}

function sameLabel(a: TableRow, b: TableRow): boolean {
  const norm = (r: TableRow): string =>
    labelOf(r).normalize('NFC').toLocaleLowerCase('da').replace(/\s*:$/, '').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

type HeadKind = 'average' | 'percent' | undefined;

/** What the tables of one document share, read once: a column header's kind, whether a total label is `X i alt`. */
export interface TableReadContext {
  headKinds: Map<string, HeadKind>;
  namedTotals: Map<string, boolean>;
}

export function tableReadContext(): TableReadContext {
  return { headKinds: new Map(), namedTotals: new Map() };
}

/** The table's model: its rows' roles, its columns' kinds and every total's reading. Tables without a total row are read for roles only. */
export function readTableModel(table: Table, context: TableReadContext = tableReadContext()): TableModel {
  return new TableReader(table, context).read();
}

/** The rows' roles by their line in the table: an array, as tables are read by the thousand. */
class Roles {
  private readonly at: Array<RowRole | undefined> = [];
  constructor(private readonly first: number) {}
  get(row: TableRow): RowRole | undefined {
    return this.at[row.line - this.first];
  }
  has(row: TableRow): boolean {
    return this.at[row.line - this.first] !== undefined;
  }
  set(row: TableRow, role: RowRole): void {
    this.at[row.line - this.first] = role;
  }
}

/** A table's model; its rows' roles and its columns' kinds are worked out when asked (a rule reads only the checks). */
class ReadTable implements TableModel {
  private readings?: RowReading[];
  private kinds?: ColumnKind[];
  constructor(
    readonly table: Table,
    readonly checks: TableCheck[],
    private readonly reader: TableReader,
  ) {}
  get rows(): RowReading[] {
    return (this.readings ??= this.reader.rowReadings());
  }
  /** The table's title: a caption row above every header (one under a header names a group of rows). */
  get caption(): TableRow | undefined {
    const first = this.rows[0];
    return first?.role === 'caption' ? first.row : undefined;
  }
  get headers(): TableRow[] {
    return this.rows.filter((r) => r.role === 'header').map((r) => r.row);
  }
  get columns(): ColumnKind[] {
    return (this.kinds ??= this.reader.columnKinds());
  }
}

class TableReader {
  private list: Unit[] = [];
  private readonly totals: Unit[] = [];
  /** Named totals read as line items for now (see `total`). */
  private pending: Unit[] = [];
  private headers: TableRow[] = [];
  private readonly headKinds = new Map<number, readonly HeadKind[]>();
  private readonly wide: boolean;
  private readonly roles: Roles;
  private readonly checks: TableCheck[] = [];

  constructor(
    private readonly table: Table,
    private readonly known: TableReadContext,
  ) {
    this.wide = table.rows.some((r) => r.cells.length > WIDE);
    this.roles = new Roles(table.line);
  }

  read(): TableModel {
    const hasTotal = this.table.rows.some((r) => r.isTotal);
    let seenData = false;
    const rows = this.table.rows;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (isBlankRow(row)) {
        this.roles.set(row, 'blank');
        continue;
      }
      const numbers = hasNumbers(row) || hasFigures(row, !seenData);
      if (!numbers || isYearRow(row, !seenData)) {
        if (!seenData) this.headers.push(row);
        this.roles.set(row, !seenData ? (isCaptionRow(row) ? 'caption' : 'header') : NOTE_LABEL.test(labelOf(row)) ? 'note' : 'caption');
        this.list.push({ row, kind: 'marker' });
        continue;
      }
      const label = labelOf(row);
      if (DERIVED_LABEL.test(label)) {
        this.roles.set(row, AVERAGE_LABEL.test(label) ? 'average' : 'share');
        continue;
      }
      seenData = true;
      if (!hasTotal) this.roles.set(row, 'part');
      else if (row.isTotal) this.total(row, i);
      else this.data(row);
    }
    for (const u of this.pending) if (u.maybe) this.flush(u);
    return this.model();
  }

  private model(): TableModel {
    return new ReadTable(this.table, this.checks, this);
  }

  /** Every row with its role. */
  rowReadings(): RowReading[] {
    // A total that a later total sums is a subtotal (`Drift i alt` under `I alt`).
    const summed = new Set<TableRow>();
    for (const k of this.checks) if (k.basis === 'rows' && k.certainty !== 'unsure') for (const p of k.parts) summed.add(p);
    return this.table.rows.map((row): RowReading => {
      let role = this.roles.get(row) ?? 'part';
      if ((role === 'total' || role === 'running-total') && summed.has(row)) role = 'subtotal';
      if (role === 'part' && DIFFERENCE_LABEL.test(labelOf(row))) role = 'difference';
      return { row, role };
    });
  }

  /** What each column holds: labels, then amounts, years, shares, ratios, averages or text, from the headers and the figures. */
  columnKinds(): ColumnKind[] {
    const width = Math.max(0, ...this.table.rows.map((r) => r.cells.length));
    const kinds: ColumnKind[] = [];
    const body = this.table.rows.filter((r) => !this.headers.includes(r));
    const heads = this.headsOf(width);
    for (let c = 0; c < width; c++) {
      if (c === 0) {
        kinds.push('label');
        continue;
      }
      const figures = body
        .map((r) => (r.cells.length === width ? r.cells[c] : undefined))
        .filter((x): x is TableCell => x?.value !== undefined);
      const percent = heads[c] === 'percent' || (figures.length > 0 && figures.every((x) => x.percent));
      const checked = this.checks.find((k) => k.column === c && (k.basis === 'shares' || k.basis === 'ratio'));
      if (heads[c] === 'average') kinds.push('average');
      else if (percent) kinds.push(checked?.basis === 'ratio' ? 'ratio' : 'share');
      else if (figures.length === 0) kinds.push('text');
      else if (figures.every(isYear)) kinds.push('year');
      else kinds.push('amount');
    }
    return kinds;
  }

  private flush(u: Unit): void {
    this.checks.push(...u.maybe!.checks);
    this.roles.set(u.row, 'total');
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
    if (!this.roles.has(row)) this.roles.set(row, 'part');
    if (!this.wide && this.list.length >= 2) {
      const columns = this.columnsOf(row).sums;
      if (columns.length >= 2) {
        const cols = new Columns(row);
        const { starts } = allowedStarts(this.list);
        for (const reading of readingsOf(cols, this.list, columns, starts)) {
          // Counted before any list is made: most rows are no subtotal.
          let fitCount = 0;
          let misses = 0;
          for (const c of columns) {
            if (reading.verdicts[c] === 'fit') fitCount++;
            else if (reading.verdicts[c] === 'miss') misses++;
          }
          if (fitCount < 2 || (misses > 0 && fitCount < 3) || misses > 1) continue;
          const parts = this.list.slice(reading.start).filter((u) => u.kind !== 'marker');
          if (parts.length < 2) continue;
          const fitted = columns.filter((c) => reading.verdicts[c] === 'fit');
          if (!fitted.some((c) => row.cells[c].value !== 0)) continue;
          // An unlabelled subtotal that adds up in every column but one: said, as information only.
          for (const c of columns) {
            if (reading.verdicts[c] === 'miss')
              this.check('subtotal', row, c, reading.sums[c], reading.slacks[c]!, rowsOf(parts), 'probable', false);
          }
          for (const p of parts) if (p.maybe) p.maybe = undefined;
          unit.kind = 'sub';
          unit.covers = parts;
          this.roles.set(row, RESULT_LABEL.test(labelOf(row)) ? 'result' : 'subtotal');
          this.list.splice(reading.start);
          break;
        }
      }
    }
    this.list.push(unit);
  }

  private check(
    basis: CheckBasis,
    row: TableRow,
    column: number,
    expected: number | undefined,
    slack: number,
    parts: TableRow[],
    certainty: Certainty,
    unique: boolean,
  ): TableCheck {
    const check = this.made(basis, row, column, expected, slack, parts, certainty, unique);
    this.checks.push(check);
    return check;
  }

  private total(row: TableRow, index: number): void {
    const cols = new Columns(row);
    const { sums, percent } = this.columnsOf(row);
    const unit: Unit = { row, kind: 'total', confirmed: [] };
    this.roles.set(row, 'total');
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
      const otherMisses =
        other.misses.length +
        maybes.reduce(
          (n, m) =>
            n +
            m.maybe!.checks.filter(
              (k) => k.certainty !== 'unsure' && k.expected !== undefined && Math.abs(k.expected - k.cell.value!) > k.tolerance,
            ).length,
          0,
        );
      if (otherMisses < outcome.misses.length) {
        this.list = asTotals;
        for (const m of maybes) this.flush(m);
        outcome = other;
      } else for (const m of maybes) m.maybe = undefined;
      for (const k of outcome.misses) k.unique = false;
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
      unit.maybe = { checks: outcome.checks };
      this.roles.set(row, 'part');
      this.pending.push(unit);
      this.list.push(unit);
      return;
    }
    this.checks.push(...outcome.checks);
    this.push(unit, outcome.coverFrom);
  }

  private push(unit: Unit, coverFrom: number): void {
    if (unit.kind !== 'data') {
      unit.covers = this.list.slice(coverFrom).filter((u) => u.kind !== 'marker');
      this.list.splice(coverFrom);
      this.totals.push(unit);
      // A total that carries an earlier total on, with rows after it.
      const first = unit.covers.findIndex((u) => u.kind === 'total');
      if (first >= 0 && unit.covers.slice(first + 1).some((u) => u.kind !== 'total')) this.roles.set(unit.row, 'running-total');
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

  /** Checks one total against every reading: per column the reading that adds up, else the nearest one that does not. */
  private evaluate(
    cols: Columns,
    list: readonly Unit[],
    columns: readonly number[],
    index: number,
  ): { checks: TableCheck[]; misses: TableCheck[]; verdict: Map<number, Verdict>; coverFrom: number; primaryUnits: Unit[] } {
    const row = cols.total;
    const { starts, primary } = allowedStarts(list);
    // A long block of rows is read once, by the total below it.
    if (primary >= 0 && !starts.includes(primary)) starts.push(primary);
    const groups = groupsStart(list);
    if (groups >= 0 && !starts.includes(groups)) {
      starts.push(groups);
      starts.sort((a, b) => b - a);
    }
    const readings = readingsOf(cols, list, columns, starts);
    const primaryUnits = primary >= 0 ? list.slice(primary).filter((u) => u.kind !== 'marker') : [];
    const raw = rawRows(primaryUnits);
    const extra: Other[] = [];
    if (raw.length > primaryUnits.length) extra.push(this.other(cols, raw, columns));
    const every = dataRows(primaryUnits);
    if (every.length > 0 && primaryUnits.some((u) => u.kind === 'total')) extra.push(this.other(cols, every, columns));
    const balance = this.balance(cols, primaryUnits, columns, index);
    if (balance) extra.push(balance);
    const inner = innerSubtotals(cols, primaryUnits, columns);
    const innerReading = inner && this.other(cols, inner.units, columns);
    if (innerReading) extra.push(innerReading);

    const verdict = new Map<number, Verdict>();
    const checks: TableCheck[] = [];
    const parts = (r: Reading): TableRow[] => (r.rows ??= rowsOf(list, r.start));
    let primaryRows: TableRow[] | undefined;
    for (const c of columns) {
      // Fit where any reading fits; unsure where none is certain to miss (a missing verdict counts as a miss).
      let fit: Reading | Other | undefined;
      let unsure = readings.length + extra.length === 0;
      for (const r of readings) {
        const v = r.verdicts[c];
        if (v === 'fit') fit ??= r;
        else if (v === 'unsure') unsure = true;
      }
      for (const e of extra) {
        const v = e.verdicts.get(c);
        if (v === 'fit') fit ??= e;
        else if (v === 'unsure') unsure = true;
      }
      if (!fit && !unsure && (this.remainderBelow(cols, primaryUnits, c, index) || poolOver(cols, primaryUnits, c))) unsure = true;
      verdict.set(c, fit ? 'fit' : unsure ? 'unsure' : 'miss');
      if (fit && 'start' in fit) checks.push(this.made('rows', row, c, fit.sums[c], fit.slacks[c]!, parts(fit), 'certain', false));
      else if (fit) {
        const s = fit.sums.get(c)!;
        checks.push(this.made('rows', row, c, s.sum, s.slack, rowsOf(fit.units), 'certain', false));
      } else if (unsure) checks.push(this.made('rows', row, c, undefined, 0, (primaryRows ??= rowsOf(primaryUnits)), 'unsure', false));
    }
    if (inner) for (const r of inner.subtotals) this.roles.set(r, 'subtotal');
    if (balance && ([...balance.verdicts.values()].includes('fit') || OPENING_LABEL.test(labelOf(primaryUnits[0].row)))) {
      this.roles.set(primaryUnits[0].row, 'opening');
      const closing = this.closingOf(cols, primaryUnits[0].row, columns, index);
      if (closing !== undefined) this.roles.set(this.table.rows[closing], 'closing');
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

    const misses: TableCheck[] = [];
    const unique = readings.length === 1 && extra.length === 0;
    for (const c of columns) {
      if (verdict.get(c) !== 'miss') continue;
      const cell = row.cells[c];
      // The sum named is the reading that comes nearest; the fix needs that reading to be the only one, or to fit another column.
      const candidates: Candidate[] = readings
        .filter((r) => r.verdicts[c] === 'miss')
        .map((r) => ({
          sum: r.sums[c]!,
          slack: r.slacks[c]!,
          rows: () => parts(r),
          elsewhere: columns.some((o) => o !== c && r.verdicts[o] === 'fit'),
          primary: r.start === primary,
        }));
      // The readings a row's label or the figures prove (a balance, subtotals among the rows) are candidates too.
      for (const e of [balance, innerReading]) {
        const s = e?.sums.get(c);
        if (!e || !s || e.verdicts.get(c) !== 'miss') continue;
        candidates.push({
          sum: s.sum,
          slack: s.slack,
          rows: () => rowsOf(e.units),
          elsewhere: columns.some((o) => o !== c && e.verdicts.get(o) === 'fit'),
          primary: false,
        });
      }
      const pool = candidates.some((k) => k.elsewhere) ? candidates.filter((k) => k.elsewhere) : candidates;
      let near: Candidate | undefined;
      for (const k of pool) {
        const d = Math.abs(k.sum - cell.value!);
        if (!near || d < Math.abs(near.sum - cell.value!) || (d === Math.abs(near.sum - cell.value!) && k.primary)) near = k;
      }
      if (!near) {
        checks.push(this.made('rows', row, c, undefined, 0, (primaryRows ??= rowsOf(primaryUnits)), 'unsure', false));
        continue;
      }
      const miss = this.made('rows', row, c, near.sum, near.slack, near.rows(), 'certain', near.elsewhere || unique);
      checks.push(miss);
      misses.push(miss);
    }
    if (misses.length === 0 && best) checks.push(...this.chainBreak(cols, list, readings, best, columns));
    return { checks, misses, verdict, coverFrom, primaryUnits };
  }

  /**
   * A pool and what is left of it (`Puljen i alt`, then `Ikke fordelt`): a row just below the total
   * is the total less its rows, so the total is the whole pool, not their sum.
   */
  private remainderBelow(cols: Columns, block: readonly Unit[], c: number, index: number): boolean {
    const parts = columnSum(cols, block, c);
    if (!parts) return false;
    const total = cols.total.cells[c];
    const rows = this.table.rows;
    for (let j = index + 1; j < rows.length && j <= index + 3; j++) {
      if (rows[j].isTotal) return false;
      const rest = cols.part(rows[j], c);
      if (
        rest &&
        !isBlankCell(cols.slots(rows[j])![c]) &&
        Math.abs(total.value! - parts.sum - rest.value) <= parts.slack + rest.slack + roundingOf(total) + 1e-9
      ) {
        this.roles.set(rows[j], 'difference');
        return true;
      }
    }
    return false;
  }

  /** A check not yet pushed: a total's checks wait until it is known to be a total. */
  private made(
    basis: CheckBasis,
    row: TableRow,
    column: number,
    expected: number | undefined,
    slack: number,
    parts: TableRow[],
    certainty: Certainty,
    unique: boolean,
  ): TableCheck {
    const cell = row.cells[column];
    return { basis, row, column, cell, expected, tolerance: tolerance(slack, cell), parts, certainty, unique };
  }

  /**
   * A total that adds up only the rows after a running subtotal (`Skattefinansieret område`, itself
   * the previous result plus its rows), not the subtotal with them: both are readings budget tables
   * use, so it is probable, with the running total it would be.
   */
  private chainBreak(
    cols: Columns,
    list: readonly Unit[],
    readings: readonly Reading[],
    best: Reading,
    columns: readonly number[],
  ): TableCheck[] {
    const sub = list[best.start - 1];
    if (sub?.kind !== 'sub' || (sub.covers?.[0]?.kind !== 'sub' && sub.covers?.[0]?.kind !== 'total')) return [];
    const chain = readings.find((r) => r.start === best.start - 1);
    const fitted = columns.filter((c) => best.verdicts[c] === 'fit');
    if (!chain || !fitted.every((c) => chain.verdicts[c] === 'miss')) return [];
    return fitted.map((c) => {
      const k = this.made('running', cols.total, c, chain.sums[c], chain.slacks[c]!, rowsOf(list, chain.start), 'probable', false);
      k.sourceRow = sub.row;
      return k;
    });
  }

  private other(cols: Columns, units: readonly Unit[], columns: readonly number[]): Other {
    const verdicts = new Map<number, Verdict>();
    const sums = new Map<number, { sum: number; slack: number }>();
    for (const c of columns) {
      const s = columnSum(cols, units, c);
      if (s) sums.set(c, s);
      verdicts.set(c, !s ? 'unsure' : fits(s.sum, s.slack, cols.total.cells[c]) ? 'fit' : 'miss');
    }
    return { units, verdicts, sums };
  }

  /**
   * A balance before the movements (`Kursværdi primo`): the total adds up the rows after the first
   * one, and a row below it is the first row plus the total (`Kursværdi ultimo`).
   */
  private balance(cols: Columns, block: readonly Unit[], columns: readonly number[], index: number): Other | undefined {
    if (this.wide || block.length < 3 || block[0].kind !== 'data') return undefined;
    // A row that names itself a balance at the start (`Kursværdi primo`) needs no closing row to show it.
    const opening = OPENING_LABEL.test(labelOf(block[0].row));
    const reading = this.other(cols, block.slice(1), columns);
    if (opening) return reading;
    const verdicts = [...reading.verdicts.values()];
    if (!verdicts.includes('fit') || verdicts.includes('miss')) return undefined;
    return this.closingOf(cols, block[0].row, columns, index) !== undefined ? reading : undefined;
  }

  /** The row below a total that is the opening balance `first` plus the total: the closing balance. */
  private closingOf(cols: Columns, first: TableRow, columns: readonly number[], index: number): number | undefined {
    const rows = this.table.rows;
    for (let j = index + 1; j < rows.length && j <= index + 3; j++) {
      const ok = columns.every((c) => {
        const a = cols.part(first, c);
        const b = cols.part(rows[j], c);
        const t = cols.total.cells[c];
        return !a || !b || Math.abs(a.value + t.value! - b.value) <= a.slack + b.slack + roundingOf(t) + 1e-9;
      });
      const some = columns.some((c) => cols.part(first, c) && cols.part(rows[j], c));
      if (ok && some) return j;
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
      if (!was) continue;
      const slots = cols.slots(earlier.row);
      const source = slots?.[c];
      const sourceCol = source ? earlier.row.cells.indexOf(source) : -1;
      const sure = sourceCol >= 0 && earlier.confirmed?.[sourceCol] === true;
      const k = this.check('carried', row, c, was.value, was.slack, [earlier.row], sure ? 'certain' : 'unsure', true);
      k.source = source;
      k.sourceRow = earlier.row;
      if (fits(was.value, was.slack, row.cells[c])) unit.confirmed![c] = sure;
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
    const slackOf = (s: { sum: number; slack: number }, cell: TableCell): number => (strict ? -roundingOf(cell) : s.slack);
    const agree = (s: { sum: number; slack: number }, cell: TableCell): boolean =>
      strict ? Math.abs(s.sum - cell.value!) < 1e-9 : fits(s.sum, s.slack, cell);
    const fitsAll = (c: number): boolean => sums.get(c)!.every((s) => agree(s, total.cells[c]));
    if (![...sums.keys()].some(fitsAll)) return;
    for (const [c, per] of sums) {
      const cell = total.cells[c];
      if (fitsAll(c)) {
        this.check('sections', total, c, per[0].sum, slackOf(per[0], cell), sections.flat(), 'certain', true).sections = per.length;
        continue;
      }
      const fitting = per.filter((s) => agree(s, cell));
      if (fitting.length === 0) {
        const same = per.every((s) => Math.abs(s.sum - per[0].sum) <= s.slack + per[0].slack + 1e-9);
        this.check('sections', total, c, per[0].sum, slackOf(per[0], cell), sections.flat(), same ? 'certain' : 'unsure', true).sections =
          per.length;
        continue;
      }
      per.forEach((s, k) => {
        if (agree(s, cell)) return;
        const rows = sections[k];
        const first = cols.slots(rows[0])?.[c];
        const last = cols.slots(rows[rows.length - 1])?.[c];
        if (!first || !last) return;
        const check = this.check('section', total, c, s.sum, slackOf(s, cell), rows, 'certain', false);
        check.range = { start: first.range.start, end: last.range.end };
        check.others = fitting.length;
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
        // Shares outside 0-100 are no shares of a whole.
        const whole = values.every((x) => x.value! >= 0 && x.value! <= 100);
        this.check('shares', total, c, sum, slack, parts, whole ? 'certain' : 'unsure', false);
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
        if (fitsRow(total) === undefined) return;
        this.check('ratio', total, c, (100 * at(total, a)!) / at(total, b)!, 0, [total], 'certain', true);
        return;
      }
    }
  }
}

/** A title row: text in the first cell only (`Tabel 2: Anlæg (mio. kr.)`). */
function isCaptionRow(row: TableRow): boolean {
  return row.cells[0]?.text !== '' && row.cells.slice(1).every(isBlankCell);
}

/**
 * Where the parts of a total begin if caption rows without figures split them into groups
 * (`Dagtilbud`, `Skoler`, then one `I alt`): the first row after the header or the last total.
 */
function groupsStart(list: readonly Unit[]): number {
  let start = -1;
  let caption = false;
  let between = false;
  for (let j = list.length - 1; j >= Math.max(0, list.length - WINDOW); j--) {
    const u = list[j];
    if (u.kind === 'data') {
      // Only a caption between rows splits them; one above them all is the header's.
      if (caption && start >= 0) between = true;
      start = j;
      caption = false;
    } else if (u.kind !== 'marker' || !isCaptionRow(u.row)) break;
    else caption = true;
  }
  return between ? start : -1;
}

/**
 * A one-column block read with its unlabelled subtotals: a row that is the sum of the rows since the
 * block's start (or the last such row) stands for them (`Drift` over `Løn` and `Husleje`), so a
 * grand total over it does not count those rows twice.
 */
function innerSubtotals(
  cols: Columns,
  block: readonly Unit[],
  columns: readonly number[],
): { units: Unit[]; subtotals: TableRow[] } | undefined {
  // With two or more columns, a subtotal shows itself in `data`, column by column.
  if (columns.length !== 1 || block.length < 3) return undefined;
  const c = columns[0];
  const units: Unit[] = [];
  const subtotals: TableRow[] = [];
  let sum = 0;
  let slack = 0;
  let since = 0;
  for (const u of block) {
    if (u.kind !== 'data') return undefined;
    const p = cols.part(u.row, c);
    if (!p) return undefined;
    if (since >= 2 && p.value !== 0 && Math.abs(sum - p.value) <= slack + p.slack + 1e-9) {
      units.splice(units.length - since, since);
      subtotals.push(u.row);
      sum = 0;
      slack = 0;
      since = 0;
      units.push(u);
      continue;
    }
    units.push(u);
    sum += p.value;
    slack += p.slack;
    since++;
  }
  return subtotals.length > 0 ? { units, subtotals } : undefined;
}

/** A pool total over what is allocated so far: a label that names a pool, and parts that add up to less without any negative. */
function poolOver(cols: Columns, block: readonly Unit[], c: number): boolean {
  if (!POOL_LABEL.test(labelOf(cols.total))) return false;
  const s = columnSum(cols, block, c);
  return s !== null && s.sum < cols.total.cells[c].value! && block.every((u) => (cols.part(u.row, c)?.value ?? 0) >= 0);
}
