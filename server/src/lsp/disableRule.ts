import * as fs from 'fs';
import * as path from 'path';
import { modify, applyEdits as applyJsonEdits, parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { URI } from 'vscode-uri';
import { CONFIG_FILE_NAME, findConfigFile } from '../configFile';
import { isInside, realPathOf } from '../io/read';
import { createTempBeside, FileRefusal, readRegularFile, removeQuietly, writeAll } from '../safeFile';
import { ruleById } from '../rules';
import type { Message } from '../rules/types';

export type DisableOutcome = { applied: true; file: string } | { applied: false; reason: Message };

/** The text of a `.referatrc.json` with `rules.<rule>` set to "off", comments and layout kept. */
export function configTextWithRuleOff(text: string, rule: string): string {
  const base = text.trim() ? text : '{}';
  const out = applyJsonEdits(
    base,
    modify(base, ['rules', rule], 'off', { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } }),
  );
  return out.endsWith('\n') ? out : `${out}\n`;
}

/** The largest `.referatrc.json` this command reads: a configuration is a few kilobytes. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Writes into a new file beside `file` and renames it over `file`, so that a reader never sees half
 * a file. The temporary file's name cannot be guessed and it is created exclusively, never through a
 * link planted at its name; an existing file's mode (and, as root, its owner) is kept.
 */
function writeAtomically(file: string, text: string, existing: fs.Stats | undefined): void {
  const { temp, fd } = createTempBeside(file, 0o666);
  try {
    try {
      writeAll(fd, Buffer.from(text, 'utf8'));
      if (existing) {
        fs.fchmodSync(fd, existing.mode & 0o7777);
        if (process.getuid?.() === 0) fs.fchownSync(fd, existing.uid, existing.gid);
      }
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (e) {
    removeQuietly(temp);
    throw e;
  }
}

function errorText(e: unknown): string {
  return String((e as NodeJS.ErrnoException).code ?? e);
}

/**
 * Turns a rule off for a document by writing the `.referatrc.json` that applies to it, saved on
 * disk: the nearest one within the document's workspace folder, or a new one at that folder's top.
 * Paths are compared with every link resolved, so a linked folder or file never leads the write
 * outside the workspace. Refused, with the reason, for an unknown rule, a document outside every
 * workspace folder, and a file that cannot be edited safely (not a regular file, not valid JSON).
 */
export function disableRule(documentUri: string, rule: string, workspaceFolders: readonly string[]): DisableOutcome {
  const refuse = (da: string, en: string): DisableOutcome => ({ applied: false, reason: { da, en } });
  if (!ruleById(rule)) return refuse(`Referat kender ingen regel ved navn "${rule}".`, `Referat has no rule named "${rule}".`);
  const doc = URI.parse(documentUri);
  if (doc.scheme !== 'file') {
    return refuse(
      'Gem dokumentet i en mappe i arbejdsområdet først; så kan reglen slås fra i mappens .referatrc.json.',
      "Save the document in a workspace folder first; then the rule can be turned off in that folder's .referatrc.json.",
    );
  }
  const name = path.basename(doc.fsPath);
  const folders = workspaceFolders
    .map((f) => URI.parse(f))
    .filter((f) => f.scheme === 'file')
    // path.resolve drops a trailing separator (a folder URI may end in "/").
    .map((f) => ({ named: path.resolve(f.fsPath), real: realPathOf(f.fsPath) }));
  const docNamed = path.resolve(doc.fsPath);
  const docReal = realPathOf(doc.fsPath);
  const folder = folders
    .filter((f) => isInside(docReal, f.real))
    .map((f) => f.real)
    .sort((a, b) => b.length - a.length)[0];
  if (!folder) {
    if (folders.some((f) => isInside(docNamed, f.named))) {
      return refuse(
        `${name} ligger i en mappe der via et link fører uden for arbejdsområdet (${path.dirname(docReal)}); Referat skriver kun .referatrc.json inden for arbejdsområdemappen.`,
        `${name} is in a folder that a link leads outside the workspace (${path.dirname(docReal)}); Referat writes .referatrc.json only inside the workspace folder.`,
      );
    }
    return refuse(
      `${name} ligger ikke i en mappe i arbejdsområdet; Referat skriver kun .referatrc.json i dokumentets egen arbejdsområdemappe.`,
      `${name} is not in a workspace folder; Referat writes .referatrc.json only into the document's own workspace folder.`,
    );
  }
  const existing = findConfigFile(path.dirname(docReal));
  if (existing && !isInside(existing, folder)) {
    return refuse(
      `Den .referatrc.json der gælder for dokumentet (${existing}) ligger uden for arbejdsområdet; ret den selv.`,
      `The .referatrc.json that applies to the document (${existing}) is outside the workspace folder; edit it yourself.`,
    );
  }
  // A .referatrc.json that is a link is edited where it leads, and only inside the workspace.
  const file = existing ? realPathOf(existing) : path.join(folder, CONFIG_FILE_NAME);
  if (existing && !isInside(file, folder)) {
    return refuse(
      `${existing} er et link til ${file} uden for arbejdsområdet; ret den selv.`,
      `${existing} is a link to ${file}, outside the workspace folder; edit it yourself.`,
    );
  }
  let text = '';
  let bom = '';
  let stat: fs.Stats | undefined;
  if (existing) {
    try {
      const read = readRegularFile(file, MAX_CONFIG_BYTES);
      stat = read.stat;
      text = read.bytes.toString('utf8');
      // A BOM is no JSON: it is set aside and written back.
      if (text.charCodeAt(0) === 0xfeff) [bom, text] = ['\uFEFF', text.slice(1)];
    } catch (e) {
      if (e instanceof FileRefusal)
        return refuse(
          `${file} kan ikke læses (${e.reason.da}); ret den selv.`,
          `${file} cannot be read (${e.reason.en}); edit it yourself.`,
        );
      return refuse(`${file} kan ikke læses (${errorText(e)}).`, `${file} cannot be read (${errorText(e)}).`);
    }
    const errors: ParseError[] = [];
    const parsed: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
    if (errors.length > 0 || (text.trim() && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)))) {
      return refuse(`${file} er ikke gyldig JSON; ret filen først.`, `${file} is not valid JSON; fix the file first.`);
    }
  }
  try {
    writeAtomically(file, bom + configTextWithRuleOff(text, rule), stat);
  } catch (e) {
    return refuse(`${file} kan ikke skrives (${errorText(e)}).`, `${file} cannot be written (${errorText(e)}).`);
  }
  return { applied: true, file };
}
