import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { Range } from '../core/model';
import type { Analysis } from '../analysis';

/** Headings as the parser reads them, including bare-line ones a line-based grammar cannot tell from a sentence. */
export const TOKEN_TYPES = ['itemHeading', 'sectionHeading', 'decisionHeading'] as const;
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] };

export function semanticTokens(analysis: Analysis): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  const lines = analysis.lines;
  const push = (range: Range, type: number): void => {
    for (let l = range.start.line; l <= range.end.line; l++) {
      const text = lines[l] ?? '';
      const from = l === range.start.line ? range.start.character : text.length - text.trimStart().length;
      const to = l === range.end.line ? range.end.character : text.trimEnd().length;
      if (to > from) builder.push(l, from, to - from, type, 0);
    }
  };
  for (const item of analysis.parsed.model.items) {
    push(item.headingRange, 0);
    for (const s of item.sections) push(s.headingRange, s.kind === 'beslutning' ? 2 : 1);
  }
  return builder.build();
}
