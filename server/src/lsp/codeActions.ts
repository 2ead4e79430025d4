import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import type { ResolvedConfig } from '../config';
import type { Range } from '../core/model';
import { editsInLineEnds, keepLineEnds } from '../core/text';
import { disableNextLineComment, disableRegionComments } from '../disable';
import { fixAll, ruleFixEdits } from '../lint';
import { ruleById } from '../rules';
import type { Finding } from '../rules/types';
import { toDiagnostic } from './diagnostics';
import { minimalEdit } from './edits';
import type { Lang } from './locale';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.referat`;

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function wanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** What a fix-all action carries until the client resolves it. */
export interface FixAllData {
  uri: string;
  rule?: string;
}

/**
 * The edit of every fix of all rules, as ESLint's fix-all (whole fixes, repeated until none is
 * left), or of one rule's findings, which the analysis already has (see ruleFixEdits).
 */
export function fixAllEdit(analysis: Analysis, uri: string, config: ResolvedConfig, rule?: string): WorkspaceEdit | undefined {
  // The analysis's findings are the first pass's, when they were made with this configuration.
  const known = analysis.config === config ? analysis.findings : undefined;
  // One rule's fixes, when none overlaps, go as they are: a few small edits instead of one that rewrites most of the document.
  const edits = rule && known ? ruleFixEdits(known, rule) : undefined;
  // Lines the fixes insert end as the document's lines do (a fix is made with \n).
  if (edits) return edits.length > 0 ? { changes: { [uri]: editsInLineEnds(analysis.text, edits) } } : undefined;
  const edit = minimalEdit(analysis.text, keepLineEnds(analysis.text, fixAll(analysis.text, config, rule, known).text));
  return edit ? { changes: { [uri]: [edit] } } : undefined;
}

/** A fix-all action; for a client that resolves code actions its edit is made only when it is chosen, since fixing all rules lints the fixed document again. */
function fixAllAction(
  analysis: Analysis,
  uri: string,
  config: ResolvedConfig,
  title: string,
  kind: string,
  lazy: boolean,
  rule?: string,
  diagnostics?: Diagnostic[],
): CodeAction | undefined {
  const action: CodeAction = { title, kind, ...(diagnostics ? { diagnostics } : {}) };
  if (lazy) return { ...action, data: { uri, ...(rule ? { rule } : {}) } satisfies FixAllData };
  const edit = fixAllEdit(analysis, uri, config, rule);
  return edit ? { ...action, edit } : undefined;
}

/** Quick fixes, fix-all of one rule, source.fixAll.referat, and the rule's documentation and switch; `lazy`: fix-all edits come at codeAction/resolve. */
export function codeActions(analysis: Analysis, params: CodeActionParams, config: ResolvedConfig, lang: Lang, lazy = false): CodeAction[] {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wanted(only, FIX_ALL_KIND) && only?.some((o) => o.startsWith(CodeActionKind.Source))) {
    if (lazy && !analysis.findings.some((f) => f.fix)) return actions;
    const all = fixAllAction(
      analysis,
      uri,
      config,
      lang === 'da' ? 'Ret alle referat-fund' : 'Fix all referat findings',
      FIX_ALL_KIND,
      lazy,
    );
    if (all) actions.push(all);
    return actions;
  }
  const here = analysis.findings.filter((f) => overlaps(f.range, params.range) && f.rule !== 'parse');
  if (wanted(only, CodeActionKind.QuickFix)) {
    for (const f of here) {
      if (!f.fix) continue;
      actions.push({
        title: f.fix.title[lang],
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(f, lang)],
        isPreferred: true,
        edit: { changes: { [uri]: editsInLineEnds(analysis.text, f.fix.edits) } },
      });
    }
    const rulesHere = [...new Set(here.filter((f) => f.fix).map((f) => f.rule))];
    for (const rule of rulesHere) {
      const ofRule = analysis.findings.filter((f: Finding) => f.rule === rule && f.fix);
      if (ofRule.length < 2) continue;
      const action = fixAllAction(
        analysis,
        uri,
        config,
        lang === 'da' ? `Ret alle ${ofRule.length} fund af ${rule}` : `Fix all ${ofRule.length} ${rule} findings`,
        CodeActionKind.QuickFix,
        lazy,
        rule,
        // The findings here, not all of the rule's: those could be tens of thousands in every answer.
        here.filter((f) => f.rule === rule).map((f) => toDiagnostic(f, lang)),
      );
      if (action) actions.push(action);
    }
    for (const rule of [...new Set(here.map((f) => f.rule))]) {
      if (!ruleById(rule)) continue;
      actions.push({
        title: lang === 'da' ? `Åbn dokumentationen for ${rule}` : `Open the documentation of ${rule}`,
        kind: CodeActionKind.QuickFix,
        command: { title: rule, command: 'referat.server.openRuleDocs', arguments: [rule] },
      });
      const line = here.find((f) => f.rule === rule)!.range.start.line;
      actions.push(disableHereAction(analysis, uri, rule, line, lang));
      actions.push({
        title: lang === 'da' ? `Slå ${rule} fra i .referatrc.json` : `Turn ${rule} off in .referatrc.json`,
        kind: CodeActionKind.QuickFix,
        command: { title: rule, command: 'referat.server.disableRule', arguments: [uri, rule] },
      });
    }
  }
  return actions;
}

/**
 * "Disable this rule on this line": a disable comment on the line above the finding. Inside a
 * table a line of its own would split the table, so the comments go around the whole table.
 */
function disableHereAction(analysis: Analysis, uri: string, rule: string, line: number, lang: Lang): CodeAction {
  const eol = analysis.text.includes('\r\n') ? '\r\n' : '\n';
  const at = (l: number): Range => ({ start: { line: l, character: 0 }, end: { line: l, character: 0 } });
  const table = analysis.parsed.model.items.flatMap((i) => i.tables).find((t) => t.line <= line && line <= t.endLine);
  if (table) {
    const { disable, enable } = disableRegionComments(rule);
    const afterTable = table.endLine + 1;
    const enableEdit =
      afterTable < analysis.lines.length
        ? { range: at(afterTable), newText: enable + eol }
        : {
            range: {
              start: { line: table.endLine, character: analysis.lines[table.endLine].length },
              end: { line: table.endLine, character: analysis.lines[table.endLine].length },
            },
            newText: eol + enable,
          };
    return {
      title: lang === 'da' ? `Slå ${rule} fra for denne tabel` : `Disable ${rule} for this table`,
      kind: CodeActionKind.QuickFix,
      edit: { changes: { [uri]: [{ range: at(table.line), newText: disable + eol }, enableEdit] } },
    };
  }
  return {
    title: lang === 'da' ? `Slå ${rule} fra på denne linje` : `Disable ${rule} on this line`,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [uri]: [{ range: at(line), newText: disableNextLineComment(rule) + eol }] } },
  };
}
