import type { Range } from './core/model';
import type { Finding, Severity } from './rules/types';

/**
 * Disable comments: `<!-- referat-disable rule-a, rule-b -->` … `<!-- referat-enable rule-a -->`,
 * `<!-- referat-disable-next-line rule -->` and `<!-- referat-disable-file rule -->`; without a rule
 * id they cover every rule. An HTML comment does not show in a rendered referat, and reads the same
 * in `.md` and `.txt`.
 */

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'disable-file';

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

const DIRECTIVE = /<!--\s*referat-(disable-next-line|disable-file|disable|enable)(?=[\s-])([^]*?)-->/g;

/** The rule ids of a directive's text: separated by commas or blanks, ending at ` -- ` (a reason). */
function ruleList(text: string): string[] | undefined {
  const ids = text.split(/\s--\s|^--\s/)[0].split(/[\s,]+/).filter((s) => s.length > 0);
  return ids.length > 0 ? ids : undefined;
}

/** The disable comments of a document, in order; lines without `referat-` are not looked at further. */
export function findDirectives(lines: readonly string[]): Directive[] {
  const out: Directive[] = [];
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line];
    if (!text.includes('referat-') || !text.includes('<!--')) continue;
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      out.push({
        kind: m[1] as DirectiveKind,
        rules: ruleList(m[2]),
        line,
        range: { start: { line, character: start }, end: { line, character: end } },
        wholeLine: text.slice(0, start).trim() === '' && text.slice(end).trim() === '',
      });
    }
  }
  return out;
}

/** Rules that cannot be silenced: a rule that failed must always show. */
const NEVER_SILENCED = new Set(['internal-error', UNUSED_DISABLE_RULE]);

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
  private readonly nextLine = new Map<number, Usage[]>();
  private readonly regions: Usage[];
  private nextRegion = 0;
  private allRegion: Usage | undefined;
  /** Rules named by a region directive since the last one without ids: their own state (null: enabled). */
  private readonly ruleRegion = new Map<string, Usage | null>();

  constructor(usages: readonly Usage[]) {
    this.file = usages.filter((u) => u.directive.kind === 'disable-file');
    for (const u of usages) {
      if (u.directive.kind !== 'disable-next-line') continue;
      const list = this.nextLine.get(u.directive.line + 1) ?? [];
      list.push(u);
      this.nextLine.set(u.directive.line + 1, list);
    }
    this.regions = usages.filter((u) => u.directive.kind === 'disable' || u.directive.kind === 'enable');
  }

  /** The directive silencing `rule` at `line`; lines must not go backwards between calls. */
  at(rule: string, line: number): Usage | undefined {
    const covers = (u: Usage): boolean => u.directive.rules === undefined || u.directive.rules.includes(rule);
    const whole = this.file.find(covers) ?? this.nextLine.get(line)?.find(covers);
    if (whole) return whole;
    for (; this.nextRegion < this.regions.length && this.regions[this.nextRegion].directive.line <= line; this.nextRegion++) this.enter(this.regions[this.nextRegion]);
    const own = this.ruleRegion.get(rule);
    return own === undefined ? this.allRegion : own ?? undefined;
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
