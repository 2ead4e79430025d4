/** Generated referater for the benches: the examples' items over and over, numbered on, in one document or a folder of them. */
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';

const MB = 1000 * 1000;

/** The examples taken apart: the header of the correct one, and the item blocks of both, set in its meeting. */
export interface ExampleParts {
  header: string;
  blocks: string[];
}

function itemBlocks(text: string): string[] {
  const starts: number[] = [];
  const heading = /^# Punkt \d+:/gm;
  for (let m = heading.exec(text); m; m = heading.exec(text)) starts.push(m.index);
  return starts.map((s, k) => text.slice(s, starts[k + 1] ?? text.length).trimEnd());
}

export function exampleParts(): ExampleParts {
  const root = repoRoot();
  const correct = fs.readFileSync(path.join(root, 'examples', 'korrekt.referat.md'), 'utf8');
  const withSlips = fs.readFileSync(path.join(root, 'examples', 'med-fejl.referat.md'), 'utf8');
  const theirMembers = /^\*\*Mødedeltagere\*\* (.+)$/m.exec(withSlips)![1];
  // One member list for both committees' items, so that only the examples' own slips are findings.
  const header = correct
    .slice(0, correct.indexOf('## Indholdsfortegnelse'))
    .replace(/^(\*\*Mødedeltagere\*\* .+)$/m, `$1, ${theirMembers}`);
  // The items with slips are moved to the correct example's meeting (the slip in a decision's date stays, 04-06-2025),
  // with the same absentee as the correct example's items, so that the slipped absentee lists stand out.
  const moved = itemBlocks(withSlips).map((b) =>
    b
      .replace(/Teknik- og Miljøudvalget den 05-06-2025/g, 'Kultur- og Fritidsudvalget den 12-03-2025')
      .replace(/^Afbud: Ole Rask$/m, 'Afbud: Jens Bækgaard'),
  );
  return { header, blocks: [...itemBlocks(correct), ...moved] };
}

/** The table of contents reads item numbers of up to four digits; past about 2 MB the items run beyond 9999. */
const TOC_UP_TO_BYTES = 2 * MB;

/**
 * A referat of about `bytes` characters: the example items over and over, numbered on from
 * `firstNumber`, with a table of contents that matches (left out above TOC_UP_TO_BYTES), and case
 * numbers that stay unique apart from the examples' own deliberate duplicate.
 */
export function buildReferat(
  parts: ExampleParts,
  bytes: number,
  firstNumber = 1,
  rotate = 0,
): { text: string; items: number; tocEntries: number } {
  const withToc = bytes <= TOC_UP_TO_BYTES;
  const toc: string[] = [];
  const body: string[] = [];
  let length = parts.header.length + 40;
  let serial = 1000;
  let caseNumbers = new Map<string, string>();
  for (let k = 0; length < bytes; k++) {
    const b = (k + rotate) % parts.blocks.length;
    if (b === 0) caseNumbers = new Map();
    const number = firstNumber + k;
    const block = parts.blocks[b].replace(/^# Punkt \d+:/, `# Punkt ${number}:`).replace(/^(\d{2})\/\d{4}$/gm, (cn, year: string) => {
      if (!caseNumbers.has(cn)) caseNumbers.set(cn, `${year}/${serial++}`);
      return caseNumbers.get(cn)!;
    });
    body.push(block);
    length += block.length + 2;
    if (withToc) {
      toc.push(`${number}. ${/^# Punkt \d+: (.*)$/m.exec(block)![1]}`);
      length += toc[toc.length - 1].length + 1;
    }
  }
  const text = `${parts.header}${withToc ? `## Indholdsfortegnelse\n\n${toc.join('\n')}\n\n` : ''}${body.join('\n\n')}\n`;
  return { text, items: body.length, tocEntries: toc.length };
}

/** A folder of `count` generated referater of about `bytes` each, each numbered on from the last and starting at another item; returns their total size. */
export function writeFolder(parts: ExampleParts, folder: string, count: number, bytes: number): number {
  fs.mkdirSync(folder, { recursive: true });
  let total = 0;
  for (let i = 0; i < count; i++) {
    const { text } = buildReferat(parts, bytes, 1 + 10 * i, i);
    total += text.length;
    fs.writeFileSync(path.join(folder, `referat-${String(i).padStart(3, '0')}.referat.md`), text);
  }
  return total;
}
