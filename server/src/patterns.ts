import { RE2JS } from 're2js';
import type { Message } from './rules/types';

/** A user's regular expression, matched against a whole text in time linear in the text (RE2). */
export interface TextPattern {
  source: string;
  test(text: string): boolean;
}

/** Longer patterns are refused: the program RE2 builds, and so each match, grows with the pattern. */
const MAX_PATTERN_LENGTH = 1000;

function compilesInJavaScript(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/** RE2's bound on `{n}` and `{n,m}`, nested repetitions multiplied. */
const MAX_REPEAT = 1000;

/** Whether the pattern holds a named back-reference `\k<name>`: re2js's translation would read it as the letters `k<name>`. */
function hasNamedBackReference(source: string): boolean {
  for (let i = 0; i + 2 < source.length; i++) {
    if (source[i] !== '\\') continue;
    if (source[i + 1] === 'k' && source[i + 2] === '<') return true;
    // The escaped character is skipped: `\\k<n>` is a backslash and the letters.
    i++;
  }
  return false;
}

function backReferences(source: string, detail: string): Message {
  return {
    da: `Mønstret "${source}" afvises: det bruger tilbagereferencer eller look-around, som kan tage ubegrænset tid (${detail}).`,
    en: `The pattern "${source}" is refused: it uses back-references or look-around, which can take unbounded time (${detail}).`,
  };
}

/**
 * Compiles a pattern written as a JavaScript regular expression for RE2, which has no
 * backtracking: no pattern can take longer than a few passes over the text. What RE2 cannot
 * run (back-references, look-around) is refused with the reason.
 */
export function compilePattern(source: string): { pattern: TextPattern } | { problem: Message } {
  if (source.length > MAX_PATTERN_LENGTH) {
    return {
      problem: {
        da: `Mønstret "${source.slice(0, 40)}…" afvises: det er over ${MAX_PATTERN_LENGTH} tegn langt.`,
        en: `The pattern "${source.slice(0, 40)}…" is refused: it is over ${MAX_PATTERN_LENGTH} characters long.`,
      },
    };
  }
  if (hasNamedBackReference(source) && compilesInJavaScript(source)) return { problem: backReferences(source, '\\k<…>') };
  try {
    const translated = RE2JS.translateRegExp(source);
    // Compiled alone first, so that a stray ")" cannot break out of the anchoring group below.
    RE2JS.compile(translated);
    const re = RE2JS.compile(`^(?:${translated})$`);
    return { pattern: { source, test: (text) => re.test(text) } };
  } catch (e) {
    const detail = (e as Error)?.message ?? String(e);
    if (/invalid repeat count/.test(detail) && compilesInJavaScript(source)) {
      return {
        problem: {
          da: `Mønstret "${source}" afvises: en gentagelse ({n}) er over RE2's grænse på ${MAX_REPEAT} (indlejrede gentagelser ganges) (${detail}).`,
          en: `The pattern "${source}" is refused: a repeat count ({n}) is over RE2's limit of ${MAX_REPEAT} (nested repeats multiply) (${detail}).`,
        },
      };
    }
    if (compilesInJavaScript(source)) return { problem: backReferences(source, detail) };
    return {
      problem: {
        da: `Mønstret "${source}" er ikke et gyldigt regulært udtryk (${detail}).`,
        en: `The pattern "${source}" is not a valid regular expression (${detail}).`,
      },
    };
  }
}
