import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Item, Range } from '../core/model';
import { describeVotes } from '../core/votes';
import type { Analysis } from '../analysis';
import { isoToDanish } from '../core/danish';
import type { Lang } from './locale';

function lineSpan(lines: readonly string[], start: number, end: number): Range {
  return { start: { line: start, character: 0 }, end: { line: end, character: lines[end]?.length ?? 0 } };
}

/** The outline: the meeting, the table of contents, and each item with its sections and tables; past `maxItems` items, one entry that counts the rest. */
export function documentSymbols(analysis: Analysis, lang: Lang, maxItems = Infinity): DocumentSymbol[] {
  const { model } = analysis.parsed;
  const lines = analysis.lines;
  const out: DocumentSymbol[] = [];
  const meeting = model.meeting;
  const header = meeting.headerRange;
  if (header.end.line > header.start.line || meeting.committee || meeting.date) {
    const name = [meeting.committee?.text ?? (lang === 'da' ? 'Mødet' : 'Meeting'), meeting.date ? isoToDanish(meeting.date) : undefined]
      .filter(Boolean)
      .join(' ');
    const children: DocumentSymbol[] = meeting.members.map((m) => ({
      name: m.name,
      detail: [m.party && `(${m.party})`, m.role].filter(Boolean).join(' '),
      kind: SymbolKind.Field,
      range: m.range,
      selectionRange: m.range,
    }));
    out.push({
      name,
      detail: lang === 'da' ? 'møde' : 'meeting',
      kind: SymbolKind.Module,
      range: header,
      selectionRange: meeting.committee?.range ?? header,
      children,
    });
  }
  if (model.tocRange && model.toc.length > 0) {
    out.push({
      name: lang === 'da' ? 'Indholdsfortegnelse' : 'Table of contents',
      kind: SymbolKind.Namespace,
      range: model.tocRange,
      selectionRange: model.toc[0].range,
      children: model.toc.map((e) => ({
        name: e.number !== undefined ? `${e.number}. ${e.title}` : e.title,
        kind: SymbolKind.EnumMember,
        range: e.range,
        selectionRange: e.titleRange,
      })),
    });
  }
  for (const [k, item] of model.items.entries()) {
    if (k === maxItems) {
      const rest = model.items.length - k;
      const range = lineSpan(lines, item.line, Math.max(item.line, model.items[model.items.length - 1].endLine));
      out.push({
        name: lang === 'da' ? `… ${rest} punkter mere` : `… ${rest} more items`,
        kind: SymbolKind.Class,
        range,
        selectionRange: item.headingRange,
      });
      break;
    }
    const children: DocumentSymbol[] = item.sections.map((s) => {
      const tables = item.tables.filter((t) => t.line > s.line && t.line <= s.endLine);
      return {
        name: s.title || s.kind,
        detail: s.kind === 'beslutning' ? decisionDetail(item, lang) : undefined,
        kind: s.kind === 'beslutning' ? SymbolKind.Event : SymbolKind.Method,
        range: lineSpan(lines, s.line, Math.max(s.line, s.endLine)),
        selectionRange: s.headingRange,
        children: tables.map((t) => tableSymbol(t.rows.length, t.range, lang)),
      };
    });
    for (const t of item.tables) {
      if (!item.sections.some((s) => t.line > s.line && t.line <= s.endLine)) children.push(tableSymbol(t.rows.length, t.range, lang));
    }
    out.push({
      name: `Punkt ${item.numberText}: ${item.title}`,
      detail: item.closed ? (lang === 'da' ? 'lukket' : 'closed') : item.caseNumbers.map((c) => c.text).join(', ') || undefined,
      kind: SymbolKind.Class,
      range: lineSpan(lines, item.line, Math.max(item.line, item.endLine)),
      selectionRange: item.headingRange,
      children,
    });
  }
  return out;
}

/** `beslutning`, with the item's votes when it records any: `beslutning · 19 for, 1 imod`. */
function decisionDetail(item: Item, lang: Lang): string {
  const word = lang === 'da' ? 'beslutning' : 'decision';
  const votes = item.votes && describeVotes(item.votes, lang);
  return votes ? `${word} · ${votes}` : word;
}

function tableSymbol(rows: number, range: Range, lang: Lang): DocumentSymbol {
  return { name: lang === 'da' ? `Tabel (${rows} rækker)` : `Table (${rows} rows)`, kind: SymbolKind.Array, range, selectionRange: range };
}
