import type { CaseNumberKind } from './model';

export interface CaseNumberReading {
  kind: CaseNumberKind;
  year?: number;
  /** KLE parts, for hover: emne (00.01.00), handlingsfacet (G01), serial, year. */
  parts?: { emne?: string; facet?: string; serial?: string; year?: string };
}

/** KLE emnenummer + handlingsfacet + serial + two-digit year: 00.01.00G01-143-24. */
const KLE = /^(\d{2}\.\d{2}\.\d{2})([A-ZÆØÅ]\d{2})-(\d{1,6})-(\d{2})$/;
/** KLE without serial: 00.22.04.G01 (the dot before the facet is optional). */
const KLE_SHORT = /^(\d{2}\.\d{2}\.\d{2})\.?([A-ZÆØÅ]\d{2})$/;
/** Year/serial: 21/24526. */
const YEAR_SLASH = /^(\d{2})\/(\d{1,7})$/;
/** Year-serial: 22-006881, sometimes with a K suffix. */
const YEAR_DASH = /^(\d{2})-(\d{4,7})K?$/;
/** A system prefix, the year and a serial: EMN-2025-003383. */
const PREFIXED = /^([A-ZÆØÅ]{2,6})-((?:19|20)\d{2})-(\d{3,9})$/;
/** Municipality number, year and serial: 330-2018-3619. */
const MUNICIPALITY_YEAR = /^(\d{3})-((?:19|20)\d{2})-(\d{1,9})$/;
/** A bare serial, read only after a label (`Sagsnr. 299835`). */
const BARE_SERIAL = /^\d{4,12}$/;
/** Anything shaped like a case number: a token of digits and letters joined by . / - with several digits. */
const CASE_SHAPED = /^[0-9A-ZÆØÅ]{1,12}(?:[./-][0-9A-ZÆØÅ]{0,12}){1,5}$/;

export function twoDigitYear(yy: string): number {
  const n = Number(yy);
  return n <= 69 ? 2000 + n : 1900 + n;
}

/** Reads one token as a case number; `labelled` when it follows a label such as `Sagsnr.`, where a bare serial counts too. */
export function readCaseNumber(text: string, labelled = false): CaseNumberReading | undefined {
  let m = KLE.exec(text);
  if (m) return { kind: 'kle', year: twoDigitYear(m[4]), parts: { emne: m[1], facet: m[2], serial: m[3], year: m[4] } };
  m = KLE_SHORT.exec(text);
  if (m) return { kind: 'kle-short', parts: { emne: m[1], facet: m[2] } };
  m = YEAR_SLASH.exec(text);
  if (m) return { kind: 'year-serial', year: twoDigitYear(m[1]), parts: { year: m[1], serial: m[2] } };
  m = YEAR_DASH.exec(text);
  if (m) return { kind: 'year-serial', year: twoDigitYear(m[1]), parts: { year: m[1], serial: m[2] } };
  m = PREFIXED.exec(text);
  if (m) return { kind: 'prefixed', year: Number(m[2]), parts: { serial: m[3], year: m[2] } };
  m = MUNICIPALITY_YEAR.exec(text);
  if (m) return { kind: 'municipality-year-serial', year: Number(m[2]), parts: { serial: m[3], year: m[2] } };
  if (labelled && BARE_SERIAL.test(text)) return { kind: 'serial', parts: { serial: text } };
  if (looksLikeCaseNumber(text)) {
    const year = /-(\d{2})$/.exec(text);
    return { kind: 'other', year: year ? twoDigitYear(year[1]) : undefined };
  }
  return undefined;
}

/** A token that is meant as a case number even if malformed: at least four digits, a separator, no spaces. */
export function looksLikeCaseNumber(text: string): boolean {
  if (text.length < 5 || text.length > 40 || !CASE_SHAPED.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  if (digits < 4) return false;
  // A date such as 14-11-2024 or 5.2.2020 is not a case number.
  if (/^\d{1,2}[-./]\d{1,2}[-./]\d{4}$/.test(text)) return false;
  return true;
}

/**
 * The coarse shape of a case number: every run of digits is `9`, every run of letters `A`, the
 * separators kept (`22-006881` -> `9-9`, `00.01.00G01-143-24` -> `9.9.9A9-9-9`). Numbers of one
 * scheme share it whatever their serial's length.
 */
export function caseNumberShape(text: string): string {
  return text.replace(/\d+/g, '9').replace(/[A-Za-zÆØÅæøå]+/g, 'A');
}
