import * as fs from 'fs';
import * as path from 'path';
import { modify, applyEdits as applyJsonEdits, parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { URI } from 'vscode-uri';
import { CONFIG_FILE_NAME, findConfigFile } from '../configFile';
import { CONFIG_LIMIT, readRegularFile, ReadRefusal } from '../io/read';
import { ruleById } from '../rules';
import type { Message } from '../rules/types';

export type DisableOutcome = { applied: true; file: string } | { applied: false; reason: Message };

/** The text of a `.referatrc.json` with `rules.<rule>` set to "off", comments and layout kept. */
export function configTextWithRuleOff(text: string, rule: string): string {
  const base = text.trim() ? text : '{}';
  const out = applyJsonEdits(base, modify(base, ['rules', rule], 'off', { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } }));
  return out.endsWith('\n') ? out : `${out}\n`;
}

function inside(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder + path.sep);
}

/** Writes beside the file and renames over it, so that a reader never sees half a file; the mode is kept. */
function writeAtomically(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const mode = fs.existsSync(file) ? fs.statSync(file).mode : undefined;
  try {
    fs.writeFileSync(temp, text, mode !== undefined ? { mode } : {});
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Turns a rule off for a document by writing the `.referatrc.json` that applies to it, saved on
 * disk: the nearest one within the document's workspace folder, or a new one at that folder's top.
 * Refused, with the reason, for an unknown rule, a document outside every workspace folder, and a
 * file that cannot be edited safely.
 */
export function disableRule(documentUri: string, rule: string, workspaceFolders: readonly string[]): DisableOutcome {
  const refuse = (da: string, en: string): DisableOutcome => ({ applied: false, reason: { da, en } });
  if (!ruleById(rule)) return refuse(`Referat kender ingen regel ved navn "${rule}".`, `Referat has no rule named "${rule}".`);
  const doc = URI.parse(documentUri);
  if (doc.scheme !== 'file') {
    return refuse('Gem dokumentet i en mappe i arbejdsområdet først; så kan reglen slås fra i mappens .referatrc.json.', 'Save the document in a workspace folder first; then the rule can be turned off in that folder\'s .referatrc.json.');
  }
  const folder = workspaceFolders
    .map((f) => URI.parse(f))
    .filter((f) => f.scheme === 'file')
    .map((f) => f.fsPath)
    .filter((f) => inside(doc.fsPath, f))
    .sort((a, b) => b.length - a.length)[0];
  if (!folder) {
    return refuse(
      `${path.basename(doc.fsPath)} ligger ikke i en mappe i arbejdsområdet; Referat skriver kun .referatrc.json i dokumentets egen arbejdsområdemappe.`,
      `${path.basename(doc.fsPath)} is not in a workspace folder; Referat writes .referatrc.json only into the document's own workspace folder.`,
    );
  }
  const existing = findConfigFile(path.dirname(doc.fsPath));
  if (existing && !inside(existing, folder)) {
    return refuse(
      `Den .referatrc.json der gælder for dokumentet (${existing}) ligger uden for arbejdsområdet; ret den selv.`,
      `The .referatrc.json that applies to the document (${existing}) is outside the workspace folder; edit it yourself.`,
    );
  }
  const file = existing ?? path.join(folder, CONFIG_FILE_NAME);
  let text = '';
  if (existing) {
    try {
      // A FIFO or a device by that name would block the server for good: only a regular file is read.
      text = readRegularFile(existing, CONFIG_LIMIT).toString('utf8');
    } catch (e) {
      const why = e instanceof ReadRefusal ? e.reason : { da: String((e as NodeJS.ErrnoException).code ?? e), en: String((e as NodeJS.ErrnoException).code ?? e) };
      return refuse(`${existing} kan ikke læses (${why.da}).`, `${existing} cannot be read (${why.en}).`);
    }
    const errors: ParseError[] = [];
    const parsed: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
    if (errors.length > 0 || (text.trim() && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)))) {
      return refuse(`${existing} er ikke gyldig JSON; ret filen først.`, `${existing} is not valid JSON; fix the file first.`);
    }
  }
  try {
    writeAtomically(file, configTextWithRuleOff(text, rule));
  } catch (e) {
    return refuse(`${file} kan ikke skrives (${(e as NodeJS.ErrnoException).code ?? e}).`, `${file} cannot be written (${(e as NodeJS.ErrnoException).code ?? e}).`);
  }
  return { applied: true, file };
}
