import type { Item, Range, ReferatModel } from '../core/model';
import type { ReadPart } from '../core/certainty';
import type { ResolvedConfig } from '../config';
import { nfcLatin } from '../core/text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A message in both languages; the adapters choose one. */
export interface Message {
  da: string;
  en: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix as plain text edits, for problems with one right answer. */
export interface Fix {
  title: Message;
  edits: TextEdit[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: Message;
  range: Range;
  fix?: Fix;
}

/** What a rule reports: the engine adds the rule id and the configured severity. */
export interface Report {
  message: Message;
  range: Range;
  fix?: Fix;
  /** Overrides the configured severity downwards, for findings a rule is not sure of. */
  severity?: Severity;
}

export interface RuleContext {
  model: ReferatModel;
  lines: readonly string[];
  config: ResolvedConfig;
}

export interface Rule {
  /** Stable English id; reviewers' CI scripts depend on it. */
  id: string;
  description: Message;
  defaultSeverity: Severity;
  tags: string[];
  /** Whether some of its findings carry a fix. */
  fixable: boolean;
  /** `item` rules look at one item at a time (plus document-wide facts); `document` rules at the whole model. */
  scope: 'item' | 'document';
  /** The parts of the model it reads: where one was read without certainty, the rule says nothing. */
  reads: readonly ReadPart[];
  check(context: RuleContext, report: (r: Report) => void): void;
}

export function msg(da: string, en: string): Message {
  return { da, en };
}

/** Whether an item's title is one of the given titles: equal, or the title starts with it as a whole word. */
export function titleIn(item: Item, titles: readonly string[]): boolean {
  return titleMatcher(titles)(item);
}

/** Matchers by title list, each remembering its verdict per title: the configured lists are read by several rules, and documents repeat titles. */
const matchers = new WeakMap<readonly string[], (item: Item) => boolean>();
/** Past this many remembered titles (a long editing session types many), a matcher starts over. */
const REMEMBERED = 10_000;

/** `titleIn` for every item of a document: the titles are read once. */
export function titleMatcher(titles: readonly string[]): (item: Item) => boolean {
  const known = matchers.get(titles);
  if (known) return known;
  const wanted = titles.map((x) => x.normalize('NFC').toLowerCase().trim()).filter((e) => e.length > 0);
  const verdicts = new Map<string, boolean>();
  const matches = (title: string): boolean => {
    const t = nfcLatin(title)
      .replace(/^Lukket\s*:\s*/i, '')
      .toLowerCase()
      .trim();
    // `Udvalget - mødekalender 2023`, `Udvalgets mødekalender 2023`: the standing title after the committee's name.
    return wanted.some((e) => t === e || (t.startsWith(e) && /[\s:,.\-–/]/.test(t.charAt(e.length))) || afterCommittee(t, e));
  };
  const matcher = (item: Item): boolean => {
    let verdict = verdicts.get(item.title);
    if (verdict === undefined) {
      if (verdicts.size >= REMEMBERED) verdicts.clear();
      verdict = matches(item.title);
      verdicts.set(item.title, verdict);
    }
    return verdict;
  };
  matchers.set(titles, matcher);
  return matcher;
}

/** Whether `title` names `entry` (a whole word or words) after a committee: `X - entry ...` or `Xs entry ...`. */
function afterCommittee(title: string, entry: string): boolean {
  if (!title.includes(entry)) return false;
  for (const lead of [' - ', ' – ', 's ']) {
    const at = title.indexOf(lead + entry);
    const end = at + lead.length + entry.length;
    if (at > 0 && (end === title.length || /[\s:,.\-–/]/.test(title.charAt(end)))) return true;
  }
  return false;
}
