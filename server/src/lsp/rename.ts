import { ResponseError, ErrorCodes, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import type { ResolvedConfig } from '../config';
import { nameKey } from '../core/text';
import { allAbsentees, matchMember } from '../rules/members';
import { memberAt } from './hover';
import type { Lang } from './locale';

export function prepareRename(analysis: Analysis, p: Position, config: ResolvedConfig): { range: Range; placeholder: string } | null {
  const at = memberAt(analysis, p, config);
  return at?.member ? { range: at.range, placeholder: at.name } : null;
}

/** Renames a member everywhere it is written: the member list and every absentee list. */
export function rename(analysis: Analysis, uri: string, p: Position, newName: string, config: ResolvedConfig, lang: Lang): WorkspaceEdit {
  const at = memberAt(analysis, p, config);
  if (!at?.member)
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      lang === 'da' ? 'Her står ikke navnet på et medlem.' : 'There is no member name here.',
    );
  const name = newName.trim();
  if (!name || /[,;\r\n()]/.test(name))
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      lang === 'da'
        ? 'Et navn kan ikke være tomt eller indeholde komma, semikolon, parenteser eller linjeskift.'
        : 'A name cannot be empty or hold commas, semicolons, parentheses or line breaks.',
    );
  const model = analysis.parsed.model;
  const target = nameKey(at.member.name);
  const ranges: Range[] = model.meeting.members.filter((m) => nameKey(m.name) === target).map((m) => m.range);
  for (const { ref } of allAbsentees(model)) {
    const match = matchMember(ref.name, model.meeting.members, config);
    if (match.kind === 'exact' && nameKey(match.member.name) === target && nameKey(ref.name) === target) ranges.push(ref.range);
  }
  return { changes: { [uri]: ranges.map((range) => ({ range, newText: name })) } };
}
