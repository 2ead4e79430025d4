/** Reading Danish numbers, amounts and dates. */

export interface DanishNumber {
  value: number;
  /** Digits after the decimal comma as written. */
  decimals: number;
  percent: boolean;
}

const NUMBER = /^([-−–+]?)\s?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s?(%|pct\.?|procent)?(?:\s?(?:mio\.|mia\.|t\.)?\s?kr\.?)?$/;

/** Reads `1.214,2`, `-1,2`, `78%`, `18,6 %`, `23,0 mio. kr.`; undefined when the text is not one number. */
export function parseDanishNumber(raw: string): DanishNumber | undefined {
  const text = (raw.includes('*') || raw.includes('<') ? raw.replace(/<\/?b>|\*\*/gi, '') : raw).trim();
  // A number starts with a sign or a digit.
  const c = text.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 0x2212 || c === 0x2013)) return undefined;
  if (text.length === 0 || text.length > 40) return undefined;
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const integer = m[2].replace(/\./g, '');
  const fraction = m[3] ?? '';
  let value = Number(fraction ? `${integer}.${fraction}` : integer);
  if (!Number.isFinite(value)) return undefined;
  if (m[1] && m[1] !== '+') value = -value;
  return { value, decimals: fraction.length, percent: m[4] !== undefined };
}

/** Formats a number the Danish way with the given decimals: 1214.2 -> `1.214,2`. */
export function formatDanishNumber(value: number, decimals: number, groupThousands = true): string {
  const negative = value < 0 && Math.abs(value) >= 0.5 * Math.pow(10, -decimals);
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = groupThousands ? int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : int;
  return `${negative ? '-' : ''}${grouped}${frac ? ',' + frac : ''}`;
}

const MONTHS: Record<string, number> = {
  januar: 1,
  februar: 2,
  marts: 3,
  april: 4,
  maj: 5,
  juni: 6,
  juli: 7,
  august: 8,
  september: 9,
  oktober: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  okt: 10,
  nov: 11,
  dec: 12,
};

export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  // As Date.UTC reads it: a year below 100 is 1900 and on.
  const y = year < 100 ? 1900 + year : year;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NUMERIC_DATE = /\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b/g;
const FOUR_DIGITS = /\d{4}/;
/** A worded date has a month name, so letters, between its day and its year. */
const WORD_DATE_HINT = /\d(?:\.?\s+|-)[a-zæøå]/i;
const WORD_DATE = /\b(\d{1,2})(?:\.?\s+([a-zæøå]{3,9})\.?,?\s+|-([a-zæøå]{3,9})-)(\d{4})\b/gi;
/** A date as an English-language web page renders it: `April 3, 2019`. */
const MONTH_FIRST = /\b([a-z]{3,9})\.?\s+(\d{1,2}),\s+(\d{4})\b/gi;
const ENGLISH_MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
/** A time on a 12-hour clock after a date: the date before it is written month first (`8/29/2019 4:00:00 PM`). */
const TWELVE_HOUR = /^\s+\d{1,2}:\d{2}(?::\d{2})?\s*[AP]M\b/i;

/**
 * Every date in a line: `14-11-2024`, `5.2.2020`, `27. november 2024`, `25 maj, 2023`, `15-maj-2002`, and as web
 * pages render them, `April 3, 2019` and `8/29/2019 4:00:00 PM` (month first where a 12-hour clock
 * follows, or where only that reading is a date).
 */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  // Every date has a four-digit year.
  if (!FOUR_DIGITS.test(text)) return found;
  NUMERIC_DATE.lastIndex = 0;
  for (let m = NUMERIC_DATE.exec(text); m; m = NUMERIC_DATE.exec(text)) {
    const monthFirst =
      m[0].includes('/') &&
      (TWELVE_HOUR.test(text.slice(m.index + m[0].length)) || iso(Number(m[3]), Number(m[2]), Number(m[1])) === undefined);
    const d = monthFirst ? iso(Number(m[3]), Number(m[1]), Number(m[2])) : iso(Number(m[3]), Number(m[2]), Number(m[1]));
    if (d) found.push({ iso: d, index: m.index, length: m[0].length });
  }
  if (text.includes(',')) {
    for (const m of text.matchAll(MONTH_FIRST)) {
      const month = ENGLISH_MONTHS[m[1].toLowerCase()];
      const d = month ? iso(Number(m[3]), month, Number(m[2])) : undefined;
      if (d) found.push({ iso: d, index: m.index!, length: m[0].length });
    }
  }
  if (!WORD_DATE_HINT.test(text)) return found.length > 1 ? found.sort((a, b) => a.index - b.index) : found;
  for (const m of text.matchAll(WORD_DATE)) {
    const month = MONTHS[(m[2] ?? m[3]).toLocaleLowerCase('da')];
    if (!month) continue;
    const d = iso(Number(m[4]), month, Number(m[1]));
    if (d) found.push({ iso: d, index: m.index!, length: m[0].length });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** `2024-11-14` -> `14-11-2024`, the form decision headings use. */
export function isoToDanish(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}-${m}-${y}`;
}
