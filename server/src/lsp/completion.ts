import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import type { HeadingStyle, Item, Section } from '../core/model';
import { isoToDanish } from '../core/danish';
import { nameKey } from '../core/text';
import type { Lang } from './locale';

const ABSENTEE_LABEL = /^(\s*(?:\*\*)?(?:Afbud|Fraværende|Fravær)(?:\*\*)?\s*:?\s*(?:\*\*)?\s*)(.*)$/i;
const SECTION_NAMES = [
  'Resumé',
  'Indstilling',
  'Sagsfremstilling',
  'Økonomi',
  'Lovgrundlag',
  'Beslutningskompetence',
  'Procedure',
  'Bilag',
];

/** The heading markup most of the document's sections use. */
function sectionStyle(items: readonly Item[]): { style: HeadingStyle; level: number } {
  const counts = new Map<string, number>();
  let best: Section | undefined;
  let bestCount = 0;
  for (const item of items)
    for (const s of item.sections) {
      const key = `${s.style}:${s.level}`;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n > bestCount) [best, bestCount] = [s, n];
    }
  return best ? { style: best.style, level: best.level } : { style: 'atx', level: 2 };
}

function headingIn(style: HeadingStyle, level: number, text: string): string {
  const hashes = '#'.repeat(Math.max(1, Math.min(6, level)));
  switch (style) {
    case 'atx':
      return `${hashes} ${text}`;
    case 'atx-bold':
      return `${hashes} **${text}**`;
    case 'bold':
      return `**${text}**`;
    default:
      return text;
  }
}

/** The decision heading as this document writes it, dated with the meeting's date where the document dates them. */
function decisionHeading(analysis: Analysis): string {
  const { model } = analysis.parsed;
  const decided = model.items.find((i) => i.decision)?.decision;
  if (!decided) return 'Beslutning';
  if (decided.date && decided.dateRange && model.meeting.date) {
    const line = analysis.lines[decided.line];
    const written = line.slice(decided.dateRange.start.character, decided.dateRange.end.character);
    const meeting = /^\d{1,2}-\d{1,2}-\d{4}$/.test(written) ? isoToDanish(model.meeting.date) : written;
    return decided.heading.replace(written, meeting);
  }
  return decided.heading;
}

export function completions(analysis: Analysis, position: Position, lang: Lang): CompletionItem[] {
  const line = analysis.lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const { model } = analysis.parsed;

  const label = ABSENTEE_LABEL.exec(before);
  if (label) {
    const written = label[2];
    const wordStart =
      label[1].length + Math.max(written.lastIndexOf(',') + 1, written.lastIndexOf(' og ') >= 0 ? written.lastIndexOf(' og ') + 4 : 0);
    let from = wordStart;
    while (from < before.length && before[from] === ' ') from++;
    const already = new Set(written.split(/,|\sog\s/).map((s) => nameKey(s.replace(/\(.*?\)/g, ''))));
    return model.meeting.members
      .filter((m) => !already.has(nameKey(m.name)))
      .map((m, i) => ({
        label: m.name,
        kind: CompletionItemKind.Value,
        detail: [m.party && `(${m.party})`, m.role].filter(Boolean).join(' ') || (lang === 'da' ? 'medlem' : 'member'),
        sortText: String(i).padStart(4, '0'),
        textEdit: { range: { start: { line: position.line, character: from }, end: position }, newText: m.name },
      }));
  }

  // Headings and the item snippet only at the start of a line (after any heading markup typed so far).
  if (!/^\s*(?:#{1,6}\s*)?(?:\*\*)?[\p{L}]*$/u.test(before)) return [];
  const { style, level } = sectionStyle(model.items);
  const replace = { start: { line: position.line, character: 0 }, end: position };
  const out: CompletionItem[] = [...SECTION_NAMES, decisionHeading(analysis)].map((name, i) => ({
    label: name,
    kind: CompletionItemKind.Keyword,
    detail: lang === 'da' ? 'afsnitsoverskrift' : 'section heading',
    filterText: headingIn(style, level, name),
    sortText: `1${String(i).padStart(3, '0')}`,
    textEdit: { range: replace, newText: headingIn(style, level, name) },
  }));

  const last = model.items[model.items.length - 1];
  const next = last ? (/^\d+$/.test(last.numberText) ? (BigInt(last.numberText) + 1n).toString() : String((last.number ?? 0) + 1)) : '1';
  let head = `# Punkt ${next}: \${1:${lang === 'da' ? 'Titel' : 'Title'}}`;
  if (last) {
    const raw = analysis.lines[last.line];
    const n = last.numberRange.start.character;
    const t = last.titleRange.start.line === last.line ? last.titleRange.start.character : raw.length;
    const tEnd = last.titleRange.end.line === last.line ? last.titleRange.end.character : raw.length;
    const esc = (s: string): string => s.replace(/[$}\\]/g, '\\$&');
    head = `${esc(raw.slice(0, n))}${next}${esc(raw.slice(last.numberRange.end.character, t))}\${1:${lang === 'da' ? 'Titel' : 'Title'}}${esc(raw.slice(tEnd))}`;
  }
  const body = [
    head,
    '',
    '${2:' + (lang === 'da' ? 'sagsnummer' : 'case number') + '}',
    '',
    headingIn(style, level, 'Sagsfremstilling'),
    '',
    '$3',
    '',
    headingIn(style, level, decisionHeading(analysis).replace(/[$}\\]/g, '\\$&')),
    '',
    '$0',
  ].join('\n');
  out.push({
    label: lang === 'da' ? `Punkt ${next}: nyt punkt` : `Punkt ${next}: new item`,
    kind: CompletionItemKind.Snippet,
    detail: lang === 'da' ? 'nyt punkt med sagsfremstilling og beslutning' : 'new item with case description and decision',
    insertTextFormat: InsertTextFormat.Snippet,
    filterText: `Punkt ${next}`,
    sortText: '0000',
    textEdit: { range: replace, newText: body },
  });
  return out;
}
