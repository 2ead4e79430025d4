import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { repoRoot } from './paths';

/** The grammar's file and root scope, as package.json will contribute them. */
export const GRAMMAR_FILE = path.join(repoRoot(), 'syntaxes', 'referat.tmLanguage.json');
export const ROOT_SCOPE = 'text.referat';

/** One token of a line: its columns (UTF-16, end exclusive) and its scopes, outermost first. */
export interface Token {
  start: number;
  end: number;
  scopes: string[];
}

/** What a tokenizer did, for tests that check how the work grows. */
export interface WorkCounts {
  /** Calls of `findNextMatchSync`: one per step of the tokenizer through a line. */
  scannerCalls: number;
  tokens: number;
  lines: number;
}

export interface LoadedGrammar {
  /** Tokenizes a text line by line, carrying the rule stack from each line to the next. */
  tokenizeText(text: string): Token[][];
  /** Tokenizes one line, with no time limit, so that nothing is cut short. */
  tokenizeLine(line: string, state?: textmate.StateStack): { tokens: Token[]; state: textmate.StateStack; stoppedEarly: boolean };
  /** Counts of the work done since the grammar was loaded or the counts were reset. */
  readonly counts: WorkCounts;
  resetCounts(): void;
}

// The wasm module can only be instantiated once per process; every grammar shares it.
let onigReady: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
  if (!onigReady) {
    const wasm = fs.readFileSync(path.join(repoRoot(), 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    onigReady = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  }
  return onigReady;
}

/** Loads syntaxes/referat.tmLanguage.json with its own registry, so each caller's counts are its own. */
export async function loadGrammar(file = GRAMMAR_FILE): Promise<LoadedGrammar> {
  await loadOniguruma();
  const counts: WorkCounts = { scannerCalls: 0, tokens: 0, lines: 0 };
  const onigLib: textmate.IOnigLib = {
    createOnigScanner(patterns: string[]): textmate.OnigScanner {
      // vscode-oniguruma types the options as an array; at run time it takes textmate's bit mask.
      const scanner = new oniguruma.OnigScanner(patterns) as unknown as textmate.OnigScanner;
      return {
        findNextMatchSync(str, start, options) {
          counts.scannerCalls++;
          return scanner.findNextMatchSync(str, start, options);
        },
        dispose: () => scanner.dispose?.(),
      };
    },
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  };
  const registry = new textmate.Registry({
    onigLib: Promise.resolve(onigLib),
    loadGrammar: async (scopeName: string) =>
      scopeName === ROOT_SCOPE ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null,
  });
  const grammar = await registry.loadGrammar(ROOT_SCOPE);
  if (!grammar) throw new Error(`The grammar ${ROOT_SCOPE} could not be loaded from ${file}.`);

  const tokenizeLine = (line: string, state: textmate.StateStack = textmate.INITIAL) => {
    // timeLimit 0: no limit. VS Code itself stops at editor.maxTokenizationLineLength; the tests must not.
    const result = grammar.tokenizeLine(line, state, 0);
    counts.lines++;
    counts.tokens += result.tokens.length;
    const tokens = result.tokens.map((t) => ({ start: t.startIndex, end: Math.min(t.endIndex, line.length), scopes: t.scopes }));
    return { tokens, state: result.ruleStack, stoppedEarly: result.stoppedEarly };
  };
  return {
    tokenizeLine,
    tokenizeText(text: string): Token[][] {
      let state = textmate.INITIAL;
      return text.split(/\r?\n/).map((line) => {
        const result = tokenizeLine(line, state);
        state = result.state;
        return result.tokens;
      });
    },
    counts,
    resetCounts() {
      counts.scannerCalls = 0;
      counts.tokens = 0;
      counts.lines = 0;
    },
  };
}

/** The scopes at one column of a tokenized line (empty past the end). */
export function scopesAt(tokens: Token[], column: number): string[] {
  return tokens.find((t) => t.start <= column && column < t.end)?.scopes ?? [];
}

/** One assertion line of a case file: these columns of the source line carry (or lack) these scopes. */
export interface ScopeAssertion {
  /** 1-based line of the assertion in the case file, for messages. */
  fileLine: number;
  /** 0-based line of the asserted source line in the text with the assertion lines removed. */
  sourceLine: number;
  columns: number[];
  expected: string[];
  excluded: string[];
}

export interface CaseFile {
  /** The source text: every line that is not an assertion. */
  text: string;
  assertions: ScopeAssertion[];
  /** Assertion lines that could not be read, with the reason. */
  errors: string[];
}

/** Starts an assertion line in a case file. */
export const ASSERTION_MARK = '⊳';

/**
 * Reads an annotated case file. After a source line, lines starting with `⊳` assert scopes: the
 * mark itself takes no column, so a `^` stands under the character it marks when the mark is read
 * as the start of the line. After the carets come the expected scopes, then optionally `-` and
 * scopes that must be absent:
 *
 *     # Punkt 74: Godkendelse af dagsorden
 *     ⊳        ^^ constant.numeric.item-number.referat
 *     ⊳^ punctuation.definition.heading.referat - markup.heading.section.referat
 */
export function readCaseFile(content: string): CaseFile {
  const source: string[] = [];
  const assertions: ScopeAssertion[] = [];
  const errors: string[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.startsWith(ASSERTION_MARK)) {
      source.push(line);
      continue;
    }
    const fileLine = i + 1;
    if (source.length === 0) {
      errors.push(`line ${fileLine}: an assertion before any source line`);
      continue;
    }
    const marks = line.slice(ASSERTION_MARK.length);
    const columns: number[] = [];
    let at = 0;
    for (; at < marks.length && (marks[at] === ' ' || marks[at] === '^'); at++) {
      if (marks[at] === '^') columns.push(at);
    }
    const [wanted, unwanted = ''] = marks.slice(at).split(/(?:^|\s+)-\s+/, 2);
    const expected = wanted.trim().split(/\s+/).filter(Boolean);
    const excluded = unwanted.trim().split(/\s+/).filter(Boolean);
    if (columns.length === 0 || expected.length + excluded.length === 0) {
      errors.push(`line ${fileLine}: an assertion needs carets (^) and at least one scope`);
      continue;
    }
    assertions.push({ fileLine, sourceLine: source.length - 1, columns, expected, excluded });
  }
  return { text: source.join('\n'), assertions, errors };
}

/** Checks a case file's assertions against tokens; returns one message per failed column run. */
export function checkAssertions(file: string, parsed: CaseFile, tokens: Token[][]): string[] {
  const failures: string[] = [...parsed.errors.map((e) => `${file}: ${e}`)];
  const sourceLines = parsed.text.split('\n');
  for (const a of parsed.assertions) {
    const lineTokens = tokens[a.sourceLine];
    for (const column of a.columns) {
      const actual = scopesAt(lineTokens, column);
      const missing = a.expected.filter((s) => !actual.includes(s));
      const present = a.excluded.filter((s) => actual.includes(s));
      if (missing.length === 0 && present.length === 0) continue;
      const text = sourceLines[a.sourceLine];
      const what = [missing.length ? `expected ${missing.join(', ')}` : '', present.length ? `did not expect ${present.join(', ')}` : '']
        .filter(Boolean)
        .join('; ');
      failures.push(
        `${file}:${a.fileLine}: column ${column} (${JSON.stringify(text.slice(column, column + 1))} in ${JSON.stringify(text)}): ${what}; actual: ${actual.join(' ') || '(nothing)'}`,
      );
      // One message per assertion line is enough to find the problem.
      break;
    }
  }
  return failures;
}

/** Where a regular expression sits in the grammar, and its source. */
export interface GrammarRegex {
  path: string;
  source: string;
}

/** Every `match`, `begin`, `end` and `while` regular expression in a raw grammar, with its JSON path. */
export function grammarRegexes(node: unknown, at = ''): GrammarRegex[] {
  const out: GrammarRegex[] = [];
  if (Array.isArray(node)) {
    node.forEach((child, i) => out.push(...grammarRegexes(child, `${at}[${i}]`)));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const here = at ? `${at}.${key}` : key;
      if (typeof value === 'string' && ['match', 'begin', 'end', 'while'].includes(key)) out.push({ path: here, source: value });
      else out.push(...grammarRegexes(value, here));
    }
  }
  return out;
}

interface GroupScan {
  start: number;
  atomic: boolean;
  /** An unbounded repetition somewhere inside. */
  unbounded: boolean;
  /** An unbounded repetition inside that can give characters back (not possessive, not in an atomic group). */
  backtracking: boolean;
  /** A repetition of variable count inside (`a?`, `a{1,3}`, `a*`) that can give characters back. */
  variable: boolean;
}

/**
 * Finds repetitions that can backtrack catastrophically in an Oniguruma regular expression: a group
 * that holds an unbounded repetition (`*`, `+`, `{n,}`) and is itself repeated more than once, as in
 * `(a+)+` or `(\s*\w+)*`, or a group that holds any repetition of variable count and is repeated
 * without bound, as in `(?:\d{1,3})+`. Such nesting is allowed only when the inner and the outer
 * repetition are both possessive (`*+`, `++`) or atomic (`(?>...)`): then the engine never tries
 * another split. Also rejects `x{n,m}+`, which in Oniguruma's syntax is not possessive but `(?:x{n,m})+`.
 * Returns one message per finding, empty when the expression is safe.
 */
export function unsafeRepetitions(source: string): string[] {
  const findings: string[] = [];
  const stack: GroupScan[] = [{ start: 0, atomic: false, unbounded: false, backtracking: false, variable: false }];
  // What the last atom was, so that a quantifier knows what it repeats.
  let last: { start: number; group?: GroupScan } | undefined;
  let i = 0;
  const top = (): GroupScan => stack[stack.length - 1];

  const readQuantifier = (): { min: number; max: number; possessive: boolean; end: number } | undefined => {
    const c = source[i];
    let min: number;
    let max: number;
    let end = i + 1;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(source.slice(i));
      if (!m || (m[1] === '' && m[3] === '')) return undefined;
      min = m[1] === '' ? 0 : Number(m[1]);
      max = m[2] ? (m[3] === '' ? Infinity : Number(m[3])) : min;
      end = i + m[0].length;
      if (source[end] === '+')
        findings.push(
          `\`${source.slice(last?.start ?? i, end + 1)}\` at ${i}: an interval followed by + repeats without bound in Oniguruma's syntax; write (?>...) or a plain interval`,
        );
    } else return undefined;
    let possessive = false;
    if (c !== '{' && source[end] === '+') {
      possessive = true;
      end++;
    } else if (source[end] === '?') end++;
    return { min, max, possessive, end };
  };

  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const start = i;
      i += 2;
      if (/[pPxk]/.test(source[i - 1]) && /[{<]/.test(source[i] ?? '')) i = source.indexOf(source[i] === '{' ? '}' : '>', i) + 1;
      last = { start };
    } else if (c === '[') {
      const start = i;
      let depth = 0;
      for (; i < source.length; i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '[' && (depth === 0 || source[i + 1] !== ':')) depth++;
        else if (source[i] === '[' && source[i + 1] === ':') i = source.indexOf(':]', i) + 1;
        else if (source[i] === ']' && !(i === start + 1 || (i === start + 2 && source[start + 1] === '^'))) {
          if (--depth === 0) break;
        }
      }
      i++;
      last = { start };
    } else if (c === '(') {
      const start = i;
      const options = /^\(\?[imx-]+\)/.exec(source.slice(i));
      if (options) {
        i += options[0].length;
        last = undefined;
        continue;
      }
      const atomic = source.startsWith('(?>', i);
      stack.push({ start, atomic: atomic || top().atomic, unbounded: false, backtracking: false, variable: false });
      i++;
      last = undefined;
      continue;
    } else if (c === ')') {
      const group = stack.pop();
      if (!group || stack.length === 0) {
        findings.push(`unbalanced ) at ${i}`);
        return findings;
      }
      const outer = top();
      outer.unbounded ||= group.unbounded;
      // An atomic group hands back nothing, so what is inside it cannot backtrack from outside.
      outer.backtracking ||= group.backtracking && !group.atomic;
      outer.variable ||= group.variable && !group.atomic;
      i++;
      last = { start: group.start, group };
    } else if ('*+?{'.includes(c) && last) {
      const q = readQuantifier();
      if (!q) {
        i++;
        last = { start: i - 1 };
        continue;
      }
      const group = last.group;
      const repeated = q.max > 1;
      const heldBack = q.possessive || group?.atomic;
      if (group && repeated && group.unbounded && (group.backtracking || !heldBack)) {
        findings.push(
          `\`${source.slice(last.start, q.end)}\` at ${last.start}: a repeated group holds an unbounded repetition that can backtrack`,
        );
      } else if (group && q.max === Infinity && group.variable && !heldBack) {
        findings.push(
          `\`${source.slice(last.start, q.end)}\` at ${last.start}: an unbounded repetition of a group that can match the same text in more than one way`,
        );
      }
      const givesBack = !q.possessive && !top().atomic;
      if (q.max === Infinity) {
        top().unbounded = true;
        if (givesBack) top().backtracking = true;
      }
      if (q.min !== q.max && givesBack) top().variable = true;
      i = q.end;
      last = undefined;
    } else {
      last = c === '|' || c === '^' || c === '$' ? undefined : { start: i };
      i++;
    }
  }
  if (stack.length !== 1) findings.push('unbalanced (');
  return findings;
}
