import type { Table, TableCell, TableRow } from '../model';
import { formatDanishNumber, parseDanishNumber } from '../danish';
import type { LineShape } from '../lines';
import { firstNonWhite, isWhite, lineRange, nfcLatin, NONE, range } from '../text';

/** A table row: a line that starts with `|` and has another, or two cells of text between tabs. */
export function isTableLine(raw: string): 'tab' | 'pipe' | undefined {
  const start = firstNonWhite(raw);
  if (raw.charCodeAt(start) === 124 /* | */ && raw.indexOf('|', start + 1) > 0) return 'pipe';
  let tab = raw.indexOf('\t');
  if (tab < 0) return undefined;
  let cells = 0;
  let from = 0;
  for (;;) {
    const to = tab < 0 ? raw.length : tab;
    for (let i = from; i < to; i++) {
      if (!isWhite(raw.charCodeAt(i))) {
        if (++cells >= 2) return 'tab';
        break;
      }
    }
    if (tab < 0) return undefined;
    from = tab + 1;
    tab = raw.indexOf('\t', from);
  }
}

const BARE_TOTAL = /^(?:i alt|total|totalt|samlet|sum)$/i;
/** `X i alt`: a total named after its parts (`Udgifter i alt`), or a line item that happens to end so. */
const NAMED_TOTAL = /^\S.*[\s,]i alt$/i;
/** `I alt X`, unless X says the figure is not the plain sum (`I alt uden X`, `I alt ekskl. moms`, `I alt fra 2026`). */
const TOTAL_OF =
  /^i alt\s+(?!(?:uden|ekskl|eksl|eksklusiv|excl|inkl|inklusiv|incl|fra|efter|før|minus|fratrukket|med|pr|per|heraf)\b|i\s*%|[%/-])\S/i;
/** A subtotal by name (`Subtotal`, `Mellemtotal drift`), or `Total X` / `X total` (`Total drift`, `Anlæg total`). */
const OTHER_TOTAL =
  /^(?:sub-?total|mellemtotal|deltotal|delsum)\b|^total(?:t)?\s+(?!(?:\d|%|pr\b|per\b|ekskl|eksl|inkl|uden|fra|før|efter)\b)\p{L}|^\p{L}[\p{L} -]*\stotal$/iu;
const TOTAL_WORD = /i alt|total|samlet|sum/i;
/** A second figure beside the total in one label: `I alt/Difference`, `Tillæg / I alt`. */
const DUAL_LABEL = /(?:^|\/)\s*(?:i alt|total|sum)\s*\/|\/\s*(?:i alt|total|sum)\s*$/i;

function plainLabel(label: string): string {
  return nfcLatin(label).trim().replace(/\s*:$/, '').replace(/\s+/g, ' ');
}

/** Whether a total label is `X i alt`, the form a line item can also take (`Kontorudgifter i alt`). */
export function isNamedTotal(label: string): boolean {
  const l = plainLabel(label);
  return !BARE_TOTAL.test(l) && NAMED_TOTAL.test(l);
}

function readTableRow(raw: string, line: number, kind: 'tab' | 'pipe', isTotalLabel: (label: string) => boolean): TableRow | undefined {
  const cells: TableCell[] = [];
  if (kind === 'pipe') {
    if (/^\s*(?:\|\s*)?:?-{2,}/.test(raw) && /^[\s|:-]+$/.test(raw)) return undefined;
    let i = raw.indexOf('|') + 1;
    while (i <= raw.length) {
      let j = raw.indexOf('|', i);
      if (j < 0) {
        if (raw.slice(i).trim()) j = raw.length;
        else break;
      }
      pushCell(cells, raw, line, i, j);
      i = j + 1;
    }
  } else {
    let i = 0;
    while (i <= raw.length) {
      let j = raw.indexOf('\t', i);
      if (j < 0) j = raw.length;
      pushCell(cells, raw, line, i, j);
      i = j + 1;
    }
  }
  const isTotal = cells.length > 1 && cells[0].text !== '' && isTotalLabel(cells[0].text);
  return { line, cells, isTotal, range: lineRange(line, 0, raw.length) };
}

function pushCell(cells: TableCell[], raw: string, line: number, from: number, to: number): void {
  let s = from;
  let e = to;
  while (s < e && isWhite(raw.charCodeAt(s))) s++;
  while (e > s && isWhite(raw.charCodeAt(e - 1))) e--;
  // Markup around the cell's content is not part of the value.
  while (s < e && (raw.charCodeAt(s) === 42 /* * */ || raw.charCodeAt(s) === 60) /* < */) {
    const inner = raw.slice(s, e);
    const open = /^(<b>|\*\*)/i.exec(inner);
    const close = /(<\/b>|\*\*)$/i.exec(inner);
    if (open && close && inner.length >= open[0].length + close[0].length) {
      s += open[0].length;
      e -= close[0].length;
      while (s < e && isWhite(raw.charCodeAt(s))) s++;
      while (e > s && isWhite(raw.charCodeAt(e - 1))) e--;
    } else break;
  }
  const text = raw.slice(s, e);
  const cell: TableCell = { text, range: lineRange(line, s, e) };
  const n = parseDanishNumber(text);
  if (n) {
    cell.value = n.value;
    cell.decimals = n.decimals;
    cell.percent = n.percent;
  }
  cells.push(cell);
}

/** Whether a row label marks a total: the usual labels and those the configuration adds. */
export function totalLabelTest(options: { totalLabels?: string[] }): (label: string) => boolean {
  const extraTotals = (options.totalLabels ?? []).map((l) => l.normalize('NFC').toLocaleLowerCase('da').trim()).filter(Boolean);
  return (label) => {
    // Every built-in label has one of these words; most rows' labels have none.
    if (extraTotals.length === 0 && !TOTAL_WORD.test(label)) return false;
    const l = plainLabel(label);
    if (DUAL_LABEL.test(l)) return false;
    if (BARE_TOTAL.test(l) || NAMED_TOTAL.test(l) || TOTAL_OF.test(l) || OTHER_TOTAL.test(l)) return true;
    const low = l.toLocaleLowerCase('da');
    return extraTotals.some((t) => low === t || low.startsWith(t + ' '));
  };
}

/**
 * The tables between lines `from` and `to`: runs of two or more table rows of one kind (tab or pipe).
 * A blank or other line ends a table; a pipe separator row (`|---|`) is skipped.
 */
export function readTables(
  lines: readonly string[],
  shapes: readonly LineShape[],
  from: number,
  to: number,
  isTotalLabel: (label: string) => boolean,
): Table[] {
  const tables: Table[] = [];
  let rows: TableRow[] = [];
  let kind: 'tab' | 'pipe' = 'tab';
  const flush = (): void => {
    if (rows.length >= 2) {
      const first = rows[0].line;
      const last = rows[rows.length - 1].line;
      tables.push({ line: first, endLine: last, kind, rows, range: range(first, 0, last, lines[last].length) });
    }
    rows = [];
  };
  for (let j = from; j <= to; j++) {
    const here = shapes[j].blank ? undefined : isTableLine(lines[j]);
    if (!here) {
      if (rows.length > 0) flush();
      continue;
    }
    if (rows.length > 0 && here !== kind) flush();
    kind = here;
    const row = readTableRow(lines[j], j, here, isTotalLabel);
    if (row) rows.push(row);
  }
  flush();
  return tables.length > 0 ? tables : NONE;
}

const BLANK = /^[-–—]?$/;

/** An empty cell or a dash: no figure, which adds nothing. */
export function isBlankCell(cell: TableCell | undefined): boolean {
  if (cell === undefined || cell.text.length > 1) return false;
  return BLANK.test(cell.text);
}

/** A figure written as the cell `like` writes numbers: its decimals, and thousands grouped where it groups them. */
export function writtenLike(value: number, like: TableCell): string {
  const grouped = /\d\.\d{3}/.test(like.text) || Math.abs(value) >= 10000;
  return formatDanishNumber(value, like.decimals ?? 0, grouped);
}

/** The rounding a shown number carries: half a unit of its last decimal. */
export function roundingOf(cell: TableCell): number {
  return 0.5 * Math.pow(10, -(cell.decimals ?? 0));
}

/** The cells of a table's rows under the columns of one total row: the same width, or a merged row whose one reading puts numbers under numbers. */
export class Columns {
  private readonly cache = new Map<TableRow, Array<TableCell | undefined> | null>();
  constructor(readonly total: TableRow) {}

  slots(row: TableRow): Array<TableCell | undefined> | null {
    let s = this.cache.get(row);
    if (s === undefined) {
      s = this.align(row);
      this.cache.set(row, s);
    }
    return s;
  }

  /**
   * A merged row (a cell spanning rows or columns is one cell in the text) is read only where its
   * figures can stand under the total's numbers in one way: as many figures as the total has
   * numbers, in order, after the row's labels.
   */
  private align(row: TableRow): Array<TableCell | undefined> | null {
    const total = this.total.cells;
    if (row.cells.length === total.length) return row.cells;
    const numeric = total.map((c, i) => (c.value !== undefined ? i : -1)).filter((i) => i >= 0);
    let from = 1;
    while (from < row.cells.length && !isBlankCell(row.cells[from]) && row.cells[from].value === undefined) from++;
    const rest = row.cells.slice(from);
    let to = rest.length;
    while (to > 0 && isBlankCell(rest[to - 1])) to--;
    const figures = rest.filter((c) => c.value !== undefined);
    const variants = [rest, rest.slice(0, to)].filter(
      (v) => v.length === numeric.length && v.every((c) => isBlankCell(c) || c.value !== undefined),
    );
    if (variants.length === 0 && figures.length === numeric.length && rest.every((c) => isBlankCell(c) || c.value !== undefined))
      variants.push(figures);
    const readings = new Set(variants.map((v) => v.map((c) => row.cells.indexOf(c)).join(',')));
    if (readings.size !== 1) return null;
    const slots: Array<TableCell | undefined> = new Array(total.length).fill(undefined);
    variants[0].forEach((c, k) => (slots[numeric[k]] = c));
    return slots;
  }

  /** A row's figure in column c: a number with its rounding, 0 for a blank, or null where the column is unsure. */
  part(row: TableRow, c: number): { value: number; slack: number } | null {
    const slots = this.slots(row);
    const cell = slots?.[c];
    if (!cell) return null;
    if (isBlankCell(cell)) return { value: 0, slack: 0 };
    if (cell.value === undefined || cell.percent) return null;
    return { value: cell.value, slack: roundingOf(cell) };
  }
}
