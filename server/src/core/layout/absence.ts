import type { NameRef } from '../model';
import { append, firstNonWhite, leadLetter, lineRange, nfc } from '../text';

/**
 * Absence: `Afbud:`, `Fraværende:`, `Fraværende med afbud:`, `Afbud fra Name`. The groups are the
 * markup before the label, the label, the separator, and the rest of the line.
 */
export const ABSENCE_LABEL =
  /^(\s*(?:\*\*)?)(Afbud|Fraværende(?:\s+med\s+afbud)?|Fravær|Forfald)(\s*:\s*(?:\*\*)?\s*:?|\*\*\s*:?|\s+fra\s+|\s*:?\s*(?:\*\*)?\s*:?)(.*)$/i;
/** `Name var forhindret i at deltage`, `Name havde meldt afbud`: one name before the phrase. */
const PREVENTED =
  /^(\s*)(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})(?:\s+\([^)]*\))?\s+(?:var\s+forhindret|havde\s+(?:meldt\s+)?afbud|har\s+meldt\s+afbud|meldte\s+afbud|deltog\s+ikke\s+i\s+mødet)\b/u;
/** Absence from some items only: `Name deltog ikke i behandlingen af punkt 5-7`, `Name forlod mødet`, `Name ankom kl. 17`. */
const PARTIAL =
  /^(\s*)(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})(?:\s+\([^)]*\))?\s+(?:deltog\s+ikke\s+i\s+(?:behandlingen|punkt|sagen)|forlod\s+mødet|ankom|mødte\s+(?:først|kl)|kom\s+(?:senere|kl)|var\s+inhabil|erklærede\s+sig\s+inhabil|gik\s+(?:kl|under|efter))/u;
/** Cheap tests before PREVENTED and PARTIAL: their verbs. */
const PREVENTED_WORD = /forhindret|afbud|deltog ikke/i;
const PARTIAL_WORD = /deltog|forlod|ankom|mødte|kom |inhabil|gik /;
const NAME_WORD = /^(?:[A-ZÆØÅÉÜÖÄ][\p{L}'’-]*\.?|[a-zæøå]{1,3}|[A-ZÆØÅ]\.)$/u;
// `(?<!\s)` starts a match only at the first space of a run: without it a long run of spaces is scanned once per space.
const PARENS = /(?<!\s)\s*\(([^()]{1,200})\)/g;
const PARTY = /^[A-ZÆØÅ]{1,2}$/;
/** After a name: a substitute who came instead, which is not an absentee (`- Bo Ek (V) mødte som stedfortræder`). */
const SUBSTITUTE_TAIL =
  /(?<!\s)\s+[-–]\s+[^,;]*?\b(?:mødte|deltog|indtrådte|indkaldt)\b.*$|(?<!\s)\s+(?:mødte|deltog)\s+som\s+stedfortræder.*$/i;
const NO_ONE = /^(ingen|intet|-|–|ingen afbud)\.?$/i;

export interface SplitName {
  name: string;
  start: number;
  end: number;
  party?: string;
  role?: string;
}

/** Splits `A, B og C` into names with their offsets; strips `(A)` party letters, `(Stedfortræder: ...)` and a closing period. */
export function splitNames(text: string, offset: number): SplitName[] {
  const out: SplitName[] = [];
  const cut = SUBSTITUTE_TAIL.exec(text);
  const own = cut ? text.slice(0, cut.index) : text;
  for (const m of splitOutsideParentheses(own)) {
    // ` og ` joins the last two names.
    const parts = m.text.split(/(?<!\s)\s+og\s+(?=[A-ZÆØÅ])/);
    let local = m.index;
    for (const part of parts) {
      const at = own.indexOf(part, local);
      local = at + part.length;
      let party: string | undefined;
      let role: string | undefined;
      const parenthesized = part.includes('(');
      if (parenthesized) {
        for (const p of part.matchAll(PARENS)) {
          const inner = p[1].trim();
          if (PARTY.test(inner)) party = inner;
          else role = inner;
        }
      }
      let name = parenthesized ? part.replace(PARENS, '') : part;
      const lead = name.length - name.trimStart().length;
      name = name
        .trim()
        .replace(/(?<![.:])[.:]+$/, '')
        .replace(/^\*\*|\*\*$/g, '')
        .trim();
      if (!name) continue;
      const start = offset + at + lead;
      out.push({ name, start, end: start + name.length, party, role });
    }
  }
  return out;
}

/** The pieces of `text` between commas and semicolons that are not inside parentheses. */
function splitOutsideParentheses(text: string): Array<{ text: string; index: number }> {
  const out: Array<{ text: string; index: number }> = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (i === text.length || ((c === ',' || c === ';') && depth === 0)) {
      if (i > from) out.push({ text: text.slice(from, i), index: from });
      from = i + 1;
    }
  }
  return out.filter((p) => p.text.trim());
}

/** A line that holds only names: `Jacob Aagesen (C)`, `Martin Stokholm (A), Bo Zabel`. */
export function isNameLine(text: string): boolean {
  const t = nfc(text).trim().replace(/[.]$/, '');
  if (!t || t.length > 300) return false;
  const names = t.replace(PARENS, '').split(/\s*(?:,|;|\s+og\s+)\s*/);
  if (names.length === 0) return false;
  for (const n of names) {
    const words = n.trim().split(/\s+/);
    if (words.length < 2 || words.length > 6) return false;
    if (!words.every((w) => NAME_WORD.test(w))) return false;
    if (!/^[A-ZÆØÅÉÜÖÄ]/.test(words[0]) || !/^[A-ZÆØÅÉÜÖÄ]/.test(words[words.length - 1])) return false;
  }
  return true;
}

/** Whether a line opens an absence list (`Afbud:`, `Fraværende:`, `Afbud fra`), not a sentence that merely starts with the word. */
export function isAbsenceLine(raw: string): boolean {
  // Every label starts with A or F.
  const c = leadLetter(raw);
  if (c !== 0x61 && c !== 0x66) return false;
  const m = ABSENCE_LABEL.exec(raw);
  if (!m) return false;
  const sep = m[3];
  return /:|\*\*|\sfra\s/i.test(sep) || m[4].trim() === '';
}

/**
 * Reads the names of an absence label on line `line`: on the same line after the label, or on the
 * following non-blank lines that hold only names.
 */
export function readAbsentees(lines: readonly string[], line: number, last: number): { names: NameRef[]; endLine: number } {
  const m = ABSENCE_LABEL.exec(lines[line])!;
  const rest = m[4];
  const restOffset = m[1].length + m[2].length + m[3].length;
  const names: NameRef[] = [];
  if (rest.trim() && !NO_ONE.test(rest.trim())) {
    for (const n of splitNames(rest.includes('*') ? rest.replace(/\*\*/g, '  ') : rest, restOffset))
      names.push({ name: n.name, range: lineRange(line, n.start, n.end) });
    return { names, endLine: line };
  }
  if (rest.trim()) return { names, endLine: line };
  let end = line;
  for (let i = line + 1; i <= last && i <= line + 12; i++) {
    const t = lines[i];
    if (!t.trim()) {
      if (names.length > 0) break;
      continue;
    }
    if (!isNameLine(t)) break;
    append(
      names,
      splitNames(t, 0).map((n) => ({ name: n.name, range: lineRange(i, n.start, n.end) })),
    );
    end = i;
  }
  return { names, endLine: end };
}

/** Whether a line may start with a name: its first character is a capital, or beyond ASCII (Æble, Øster ...). */
function startsWithCapital(raw: string): boolean {
  const c = raw.charCodeAt(firstNonWhite(raw));
  return (c >= 65 && c <= 90) || c >= 0x80;
}

/** `Name var forhindret i at deltage`: the name, or undefined. */
export function readPrevented(raw: string, line: number): NameRef | undefined {
  if (!startsWithCapital(raw) || !PREVENTED_WORD.test(raw)) return undefined;
  const m = PREVENTED.exec(raw);
  return m ? { name: m[2], range: lineRange(line, m[1].length, m[1].length + m[2].length) } : undefined;
}

/** `Name deltog ikke i behandlingen af punkt 5-7`, `Name forlod mødet ...`: the name, or undefined. */
export function readPartialAbsence(raw: string, line: number): NameRef | undefined {
  if (!startsWithCapital(raw) || !PARTIAL_WORD.test(raw)) return undefined;
  const m = PARTIAL.exec(raw);
  return m ? { name: m[2], range: lineRange(line, m[1].length, m[1].length + m[2].length) } : undefined;
}
