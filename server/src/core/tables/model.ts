import type { Range, Table, TableCell, TableRow } from '../model';

/**
 * A table as a reviewer reads a budget table: what each row is, what each column holds, and for
 * each total the rows it sums and how sure that reading is. Rules and the editor's hover read this
 * model; neither reads the rows on its own.
 */
export interface TableModel {
  readonly table: Table;
  /** A title row above the header (`Tabel 2: Anlæg`): one cell of text and nothing else. */
  caption?: TableRow;
  /** The rows above the first figure: column names, years as column headers. */
  headers: TableRow[];
  /** What each column holds, by column index of the widest header (or row). */
  columns: ColumnKind[];
  /** Every row of the table with its role, in order. */
  rows: RowReading[];
  /** Every comparison the reading makes: a total against its parts, a share column against 100 %, ... */
  checks: TableCheck[];
}

export type ColumnKind = 'label' | 'amount' | 'year' | 'share' | 'ratio' | 'average' | 'text';

/**
 * What a row is. `opening`/`closing` are balances (`Kursværdi primo`/`ultimo`), `result` an
 * unlabelled subtotal that names a result (`Ordinært driftsresultat`), `running-total` a total
 * that carries an earlier total on, `share` a row of shares (`Andel i %`).
 */
export type RowRole =
  | 'header'
  | 'caption'
  | 'part'
  | 'subtotal'
  | 'total'
  | 'running-total'
  | 'opening'
  | 'closing'
  | 'result'
  | 'average'
  | 'share'
  | 'difference'
  | 'note'
  | 'blank';

export interface RowReading {
  row: TableRow;
  role: RowRole;
}

/**
 * How sure a reading is: `certain` where the same rows are proven to be the parts (the only reading,
 * or one that adds up exactly in another column of the row); `probable` where a reading holds in
 * most columns but two readings are in use (said as information); `unsure` where no set of parts
 * can be read (an unreadable cell, a merged row, parts all blank).
 */
export type Certainty = 'certain' | 'probable' | 'unsure';

/**
 * - `rows`: a total against the sum of its parts;
 * - `subtotal`: an unlabelled row that sums the rows above it in the other columns;
 * - `running`: a total that sums only the rows after a running subtotal, against the running total;
 * - `carried`: a total repeated under a caption, against the same total above;
 * - `sections`: a total above its rows, against each section below it;
 * - `section`: one section below such a total, against the total the other sections add up to;
 * - `shares`: a share column's total against the sum of the shares;
 * - `ratio`: a ratio column's total against the ratio of its own row's amounts.
 */
export type CheckBasis = 'rows' | 'subtotal' | 'running' | 'carried' | 'sections' | 'section' | 'shares' | 'ratio';

export interface TableCheck {
  basis: CheckBasis;
  /** The total row compared. */
  row: TableRow;
  /** Its column. */
  column: number;
  /** The figure compared: the total's cell. */
  cell: TableCell;
  /** What the parts give; undefined where the reading is unsure. */
  expected?: number;
  /** How far the figure may lie from `expected` and still agree: the rounding of the shown digits. */
  tolerance: number;
  /** The rows the expected figure is the sum of (a subtotal counts as one row), or the section's rows. */
  parts: TableRow[];
  certainty: Certainty;
  /** Whether setting the figure to `expected` is the one right answer. */
  unique: boolean;
  /** `carried`: the earlier cell; `running`: the running subtotal's row; `section`: the cells of the section. */
  source?: TableCell;
  sourceRow?: TableRow;
  range?: Range;
  /** `sections`: how many sections lie below the total. */
  sections?: number;
  /** `section`: how many other sections add up to the total. */
  others?: number;
}

/** Whether a check's figure agrees with what its parts give. */
export function agrees(check: TableCheck): boolean {
  return check.expected === undefined || Math.abs(check.expected - check.cell.value!) <= check.tolerance;
}
