import type { Range } from './core/model';
import { RULE_IDS } from './rules';
import type { Finding, Message, Severity } from './rules/types';

/**
 * Disable comments, in ESLint's forms: `<!-- referat-disable rule-a, rule-b -->` … `<!-- referat-enable
 * rule-a -->`, `<!-- referat-disable-line rule -->` (its own line), `<!-- referat-disable-next-line rule -->`
 * and `<!-- referat-disable-file rule -->`; without a rule id they cover every rule, and a reason after
 * ` -- ` is not read. An HTML comment does not show in a rendered referat, and reads the same in `.md`
 * and `.txt`.
 */

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';

const KINDS: readonly DirectiveKind[] = ['disable', 'enable', 'disable-line', 'disable-next-line', 'disable-file'];

export interface Directive {
  kind: DirectiveKind;
  /** The rule ids named, or undefined for every rule. */
  rules: string[] | undefined;
  line: number;
  range: Range;
  /** The comment is all there is on its line (apart from blanks), so removing it removes the line. */
  wholeLine: boolean;
}

/** The id of the finding that reports a disable comment that silences nothing. */
export const UNUSED_DISABLE_RULE = 'unused-disable';
/** The id of the finding that reports a disable comment of an unknown form or naming an unknown rule. */
export const INVALID_DISABLE_RULE = 'invalid-disable';

/** Rules that cannot be silenced: a rule that failed must always show. */
const NEVER_SILENCED = new Set(['internal-error', UNUSED_DISABLE_RULE, INVALID_DISABLE_RULE]);

/** The ids a comment may name: the registry's and the parser's own. */
const KNOWN_IDS = new Set([...RULE_IDS, 'parse']);

/** `referat-` and the word after it, up to a blank or the comment's end; the rest up to `-->`. */
const COMMENT = /<!--\s*referat-(\S*?)(?=\s|-->)([^]*?)-->/g;

/** The rule ids of a directive's text: separated by commas or blanks, ending at ` -- ` (a reason). */
function ruleList(text: string): string[] | undefined {
  const ids = text
    .split(/\s--\s|^--\s|\s--$|^--$/)[0]
    .split(/[\s,]+/)
    .filter((s) => s.length > 0);
  return ids.length > 0 ? ids : undefined;
}

/** Optimal string alignment distance (a swap of two neighbours counts once), for telling a slip from another word. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * Whether an unknown word after `referat-` is meant as a directive: it starts like one, or lies within two
 * slips of one (one for the short `enable`). Other comments such as `referat-note` are the writer's own.
 */
function meantAsDirective(word: string): boolean {
  const w = word.toLowerCase();
  if (w.startsWith('disable') || w.startsWith('enable')) return true;
  const first = w.split('-')[0];
  return editDistance(first, 'disable') <= 2 || editDistance(first, 'enable') <= 1 || KINDS.some((k) => editDistance(w, k) <= 2);
}

export interface Directives {
  directives: Directive[];
  /** One `invalid-disable` finding per comment of an unknown form or with an unknown rule id; it silences nothing. */
  invalid: Finding[];
}

/** The disable comments of a document, in order; lines without `referat-` are not looked at further. */
export function findDirectives(lines: readonly string[]): Directives {
  const directives: Directive[] = [];
  const invalid: Finding[] = [];
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line];
    if (!text.includes('referat-') || !text.includes('<!--')) continue;
    COMMENT.lastIndex = 0;
    for (let m = COMMENT.exec(text); m; m = COMMENT.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const range = { start: { line, character: start }, end: { line, character: end } };
      const word = m[1];
      if (!(KINDS as readonly string[]).includes(word)) {
        if (meantAsDirective(word)) invalid.push(invalidFinding(range, unknownFormMessage(word)));
        continue;
      }
      const kind = word as DirectiveKind;
      const rules = ruleList(m[2]);
      const unknown = rules?.filter((r) => !KNOWN_IDS.has(r) && !NEVER_SILENCED.has(r)) ?? [];
      const fixed = rules?.filter((r) => NEVER_SILENCED.has(r)) ?? [];
      if (unknown.length > 0 || fixed.length > 0) {
        invalid.push(invalidFinding(range, unknown.length > 0 ? unknownRuleMessage(kind, unknown) : unsilenceableMessage(kind, fixed)));
        continue;
      }
      directives.push({ kind, rules, line, range, wholeLine: text.slice(0, start).trim() === '' && text.slice(end).trim() === '' });
    }
  }
  return { directives, invalid };
}

function unknownFormMessage(word: string): Message {
  const forms = KINDS.map((k) => `referat-${k}`).join(', ');
  return {
    da: `Ukendt kommentar referat-${word}: formerne er ${forms}. Den skjuler intet.`,
    en: `Unknown comment referat-${word}: the forms are ${forms}. It silences nothing.`,
  };
}

function unknownRuleMessage(kind: DirectiveKind, ids: readonly string[]): Message {
  const list = ids.join(', ');
  return {
    da: `Ukendt regel-id i referat-${kind}: ${list}. Kommentaren skjuler intet.`,
    en: `Unknown rule id in referat-${kind}: ${list}. The comment silences nothing.`,
  };
}

function unsilenceableMessage(kind: DirectiveKind, ids: readonly string[]): Message {
  const list = ids.join(', ');
  return {
    da: `${list} kan ikke skjules med referat-${kind}. Kommentaren skjuler intet.`,
    en: `${list} cannot be silenced by referat-${kind}. The comment silences nothing.`,
  };
}

function invalidFinding(range: Range, message: Message): Finding {
  return { rule: INVALID_DISABLE_RULE, severity: 'warning', message, range };
}

interface Usage {
  directive: Directive;
  /** The rules of the directive that silenced at least one finding ('*' for a directive without ids). */
  used: Set<string>;
}

/**
 * Which directive, if any, silences a rule at the current line, as the lines are walked in order:
 * region directives apply from their own line on, the last one that names the rule (or names none)
 * deciding; disable-file and disable-next-line are looked up directly.
 */
class Silencers {
  private readonly file: Usage[];
  /** disable-line and disable-next-line, by the line they cover. */
  private readonly nextLine = new Map<number, Usage[]>();
  private readonly regions: Usage[];
  private nextRegion = 0;
  private allRegion: Usage | undefined;
  /** Rules named by a region directive since the last one without ids: their own state (null: enabled). */
  private readonly ruleRegion = new Map<string, Usage | null>();

  constructor(usages: readonly Usage[]) {
    this.file = usages.filter((u) => u.directive.kind === 'disable-file');
    for (const u of usages) {
      if (u.directive.kind !== 'disable-next-line' && u.directive.kind !== 'disable-line') continue;
      const target = u.directive.line + (u.directive.kind === 'disable-next-line' ? 1 : 0);
      const list = this.nextLine.get(target) ?? [];
      list.push(u);
      this.nextLine.set(target, list);
    }
    this.regions = usages.filter((u) => u.directive.kind === 'disable' || u.directive.kind === 'enable');
  }

  /** The directive silencing `rule` at `line`; lines must not go backwards between calls. */
  at(rule: string, line: number): Usage | undefined {
    const covers = (u: Usage): boolean => u.directive.rules === undefined || u.directive.rules.includes(rule);
    const whole = this.file.find(covers) ?? this.nextLine.get(line)?.find(covers);
    if (whole) return whole;
    for (; this.nextRegion < this.regions.length && this.regions[this.nextRegion].directive.line <= line; this.nextRegion++)
      this.enter(this.regions[this.nextRegion]);
    const own = this.ruleRegion.get(rule);
    return own === undefined ? this.allRegion : (own ?? undefined);
  }

  private enter(u: Usage): void {
    const { kind, rules } = u.directive;
    if (rules === undefined) {
      this.allRegion = kind === 'disable' ? u : undefined;
      this.ruleRegion.clear();
    } else for (const r of rules) this.ruleRegion.set(r, kind === 'disable' ? u : null);
  }
}

export interface DisableOptions {
  /** Report each disable comment that silences nothing, at this severity. */
  reportUnused?: Severity;
}

/**
 * The findings that no disable comment silences, in their order, and (when asked) one finding per
 * disable comment that silenced nothing, with a fix that removes it when it stands on its own line.
 */
export function applyDisables(findings: readonly Finding[], directives: readonly Directive[], options: DisableOptions = {}): Finding[] {
  if (directives.length === 0) return findings as Finding[];
  const usages: Usage[] = directives.map((directive) => ({ directive, used: new Set<string>() }));
  const silencers = new Silencers(usages);
  const byLine = [...findings].sort((a, b) => a.range.start.line - b.range.start.line);
  const silenced = new Set<Finding>();
  for (const f of byLine) {
    const by = NEVER_SILENCED.has(f.rule) ? undefined : silencers.at(f.rule, f.range.start.line);
    if (!by) continue;
    by.used.add(by.directive.rules === undefined ? '*' : f.rule);
    silenced.add(f);
  }
  const kept = findings.filter((f) => !silenced.has(f));
  if (options.reportUnused) {
    for (const u of usages) {
      const d = u.directive;
      if (d.kind === 'enable') continue;
      const unused = d.rules === undefined ? (u.used.size === 0 ? undefined : []) : d.rules.filter((r) => !u.used.has(r));
      if (unused !== undefined && unused.length === 0) continue;
      kept.push(unusedFinding(d, unused, options.reportUnused));
    }
  }
  return kept;
}

function unusedFinding(d: Directive, unused: string[] | undefined, severity: Severity): Finding {
  const whole = unused === undefined || unused.length === d.rules?.length;
  const what = unused === undefined ? '' : ` (${unused.join(', ')})`;
  const finding: Finding = {
    rule: UNUSED_DISABLE_RULE,
    severity,
    message: {
      da: `Kommentaren referat-${d.kind}${what} skjuler ingen fund.`,
      en: `The comment referat-${d.kind}${what} silences no finding.`,
    },
    range: d.range,
  };
  // Only a comment that silences nothing at all on a line of its own has one right fix: remove the line.
  if (whole && d.wholeLine) {
    const start = { line: d.line, character: 0 };
    const end = { line: d.line + 1, character: 0 };
    finding.fix = { title: { da: 'Fjern kommentaren', en: 'Remove the comment' }, edits: [{ range: { start, end }, newText: '' }] };
  }
  return finding;
}

/** The comment that silences `rule` on the line after it. */
export function disableNextLineComment(rule: string): string {
  return `<!-- referat-disable-next-line ${rule} -->`;
}

/** The comments that silence `rule` between them. */
export function disableRegionComments(rule: string): { disable: string; enable: string } {
  return { disable: `<!-- referat-disable ${rule} -->`, enable: `<!-- referat-enable ${rule} -->` };
}
