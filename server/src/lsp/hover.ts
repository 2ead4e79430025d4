import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import type { Member, NameRef, Range, TableCell } from '../core/model';
import { Columns, writtenLike } from '../core/layout/tables';
import type { TableCheck } from '../core/tables/model';
import { readTableModel } from '../core/tables/read';
import { readCaseNumber } from '../core/caseNumber';
import { formatDanishNumber } from '../core/danish';
import { ballotLines, describeBallot } from '../core/votes';
import type { ResolvedConfig } from '../config';
import { allAbsentees, matchMember } from '../rules/members';
import type { Lang } from './locale';

export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

/**
 * A total's reading from the table model, the one table-sum-mismatch compares: the rows it sums
 * and their sum, the figure it carries, or that its parts cannot be read with certainty.
 */
function totalHover(analysis: Analysis, p: Position, lang: Lang): Hover | undefined {
  for (const item of analysis.parsed.model.items)
    for (const table of item.tables) {
      if (p.line < table.line || p.line > table.endLine) continue;
      const row = table.rows.find((r) => r.line === p.line);
      if (!row?.isTotal) continue;
      const c = row.cells.findIndex((cell) => contains(cell.range, p));
      const cell = row.cells[c];
      if (c < 1 || cell.value === undefined) continue;
      const check = readTableModel(table).checks.find((k) => k.row === row && k.column === c && READ_BASES.has(k.basis));
      const head = `**${row.cells[0]?.text || (lang === 'da' ? 'I alt' : 'Total')}**: ${cell.text}`;
      return { contents: { kind: MarkupKind.Markdown, value: `${head}\n\n${explain(check, lang)}` }, range: cell.range };
    }
  return undefined;
}

/** On a vote's count or one of its sides: the whole vote as the decision records it. */
function voteHover(analysis: Analysis, p: Position, lang: Lang): Hover | undefined {
  for (const item of analysis.parsed.model.items) {
    const votes = item.votes;
    if (!votes || p.line < item.line || p.line > item.endLine) continue;
    for (const ballot of votes.ballots) {
      const at =
        ballot.count && contains(ballot.count.range, p) ? ballot.count.range : ballot.groups.find((g) => contains(g.range, p))?.range;
      if (!at) continue;
      const title = lang === 'da' ? `**Afstemning, punkt ${item.numberText}**` : `**Vote, item ${item.numberText}**`;
      const summary = ballot.count ? describeBallot(ballot, lang) : '';
      const unread = ballot.unread
        ? [
            lang === 'da'
              ? '_Ikke alle stemmer kunne læses; kontrollerne springer afstemningen over._'
              : '_Not every vote could be read; the checks skip this vote._',
          ]
        : [];
      const value = [title, summary, ballotLines(ballot, lang).join('  \n'), ...unread].filter(Boolean).join('\n\n');
      return { contents: { kind: MarkupKind.Markdown, value }, range: at };
    }
  }
  return undefined;
}

/** The checks that say what a total is (the information-only ones add to a reading, not replace it). */
const READ_BASES = new Set<TableCheck['basis']>(['rows', 'carried', 'sections', 'shares', 'ratio']);

function explain(check: TableCheck | undefined, lang: Lang): string {
  const da = lang === 'da';
  if (!check || check.certainty === 'unsure' || check.expected === undefined) {
    return da
      ? 'Hvilke rækker den summerer, kan ikke læses sikkert, så den tjekkes ikke.'
      : 'Which rows it sums cannot be read with certainty, so it is not checked.';
  }
  const cell = check.cell;
  switch (check.basis) {
    case 'carried':
      return da
        ? `Samme total i linje ${check.sourceRow!.line + 1}: **${check.source!.text}**`
        : `The same total on line ${check.sourceRow!.line + 1}: **${check.source!.text}**`;
    case 'sections': {
      const sum = writtenLike(check.expected, cell);
      return da
        ? `Hvert af de ${check.sections} afsnit under den summerer til **${sum}**`
        : `Each of the ${check.sections} sections below it adds up to **${sum}**`;
    }
    case 'shares': {
      const sum = formatDanishNumber(check.expected, cell.decimals ?? 0, false);
      return da ? `Andelene summerer til **${sum} %**` : `The shares add up to **${sum} %**`;
    }
    case 'ratio': {
      const ratio = formatDanishNumber(check.expected, cell.decimals ?? 0, false);
      return da ? `Forholdet mellem kolonnerne: **${ratio}**` : `The ratio of the columns: **${ratio}**`;
    }
    default: {
      const cols = new Columns(check.row);
      const terms = check.parts.map((r) => cols.slots(r)?.[check.column]).filter((x): x is TableCell => x?.value !== undefined);
      const decimals = Math.max(cell.decimals ?? 0, ...terms.map((x) => x.decimals ?? 0));
      const sum = formatDanishNumber(check.expected, decimals, true);
      const n = check.parts.length;
      const list = terms.map((x) => x.text).join(' + ');
      return da ? `Summen af ${n} rækker: **${sum}**\n\n${list}` : `Sum of ${n} rows: **${sum}**\n\n${list}`;
    }
  }
}

function caseHover(analysis: Analysis, p: Position, lang: Lang): Hover | undefined {
  for (const item of analysis.parsed.model.items)
    for (const cn of item.caseNumbers) {
      if (!contains(cn.range, p)) continue;
      const reading = readCaseNumber(cn.text);
      const parts = reading?.parts ?? {};
      const label =
        lang === 'da'
          ? { emne: 'KLE-emne', facet: 'Handlingsfacet', serial: 'Løbenummer', year: 'År', kind: 'Form' }
          : { emne: 'KLE subject', facet: 'Action facet', serial: 'Serial', year: 'Year', kind: 'Scheme' };
      const kinds: Record<string, [string, string]> = {
        kle: ['KLE med facet og løbenummer', 'KLE with facet and serial'],
        'kle-short': ['kort KLE', 'KLE short'],
        'year-serial': ['år og løbenummer', 'year and serial'],
        other: ['ukendt form', 'unknown scheme'],
      };
      const rows = [`${label.kind}: ${kinds[cn.kind][lang === 'da' ? 0 : 1]}`];
      if (parts.emne) rows.push(`${label.emne}: \`${parts.emne}\``);
      if (parts.facet) rows.push(`${label.facet}: \`${parts.facet}\``);
      if (parts.serial) rows.push(`${label.serial}: \`${parts.serial}\``);
      if (cn.year !== undefined) rows.push(`${label.year}: ${cn.year}`);
      return { contents: { kind: MarkupKind.Markdown, value: `**${cn.text}**\n\n${rows.join('  \n')}` }, range: cn.range };
    }
  return undefined;
}

/** The member list entry or absentee name under the position, with the member it means. */
export function memberAt(
  analysis: Analysis,
  p: Position,
  config: ResolvedConfig,
): { range: Range; name: string; member?: Member } | undefined {
  const members = analysis.parsed.model.meeting.members;
  for (const m of members) if (contains(m.range, p)) return { range: m.range, name: m.name, member: m };
  const refs: NameRef[] = allAbsentees(analysis.parsed.model).map((a) => a.ref);
  for (const ref of refs) {
    if (!contains(ref.range, p)) continue;
    const match = matchMember(ref.name, members, config);
    return { range: ref.range, name: ref.name, member: match.kind === 'exact' ? match.member : undefined };
  }
  return undefined;
}

function memberHover(analysis: Analysis, p: Position, config: ResolvedConfig, lang: Lang): Hover | undefined {
  const at = memberAt(analysis, p, config);
  if (!at?.member) return undefined;
  const m = at.member;
  const rows = [`**${m.name}**`];
  if (m.party) rows.push(`${lang === 'da' ? 'Parti' : 'Party'}: ${m.party}`);
  if (m.role) rows.push(`${lang === 'da' ? 'Rolle' : 'Role'}: ${m.role}`);
  if (rows.length === 1) rows.push(lang === 'da' ? 'Medlem af udvalget' : 'Member of the committee');
  return { contents: { kind: MarkupKind.Markdown, value: rows.join('  \n') }, range: at.range };
}

export function hover(analysis: Analysis, p: Position, config: ResolvedConfig, lang: Lang): Hover | null {
  return (
    totalHover(analysis, p, lang) ??
    caseHover(analysis, p, lang) ??
    voteHover(analysis, p, lang) ??
    memberHover(analysis, p, config, lang) ??
    null
  );
}
