import * as fs from 'fs';
import * as path from 'path';
import { modify, applyEdits as applyJsonEdits } from 'jsonc-parser';
import { URI } from 'vscode-uri';
import { LSPErrorCodes, ResponseError, type CancellationToken, type WorkspaceEdit } from 'vscode-languageserver';
import type { Message } from '../rules/types';
import type { Lang } from './locale';
import { CONFIG_FILE_NAME, findConfigFile } from '../configFile';

export { COMMANDS } from './commandIds';

/** The text of a `.referatrc.json` with `rules.<rule>` set to "off", comments and layout kept. */
export function configTextWithRuleOff(text: string, rule: string): string {
  const edits = modify(text.trim() ? text : '{}', ['rules', rule], 'off', { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
  const out = applyJsonEdits(text.trim() ? text : '{}', edits);
  return out.endsWith('\n') ? out : `${out}\n`;
}

/**
 * The edit that turns a rule off for a document: in the nearest `.referatrc.json`, or in a new one
 * in the workspace folder that holds the document (or the document's own folder).
 */
export function disableRuleEdit(documentUri: string, rule: string, workspaceFolders: readonly string[], canCreateFiles: boolean): { edit: WorkspaceEdit; file: string } | { write: string; file: string; text: string } {
  const doc = URI.parse(documentUri);
  const dir = doc.scheme === 'file' ? path.dirname(doc.fsPath) : workspaceFolders[0] ? URI.parse(workspaceFolders[0]).fsPath : process.cwd();
  const existing = findConfigFile(dir);
  if (existing) {
    const text = fs.readFileSync(existing, 'utf8');
    const lines = text.split(/\r\n|\r|\n/);
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    return { file: existing, edit: { changes: { [URI.file(existing).toString()]: [{ range: { start: { line: 0, character: 0 }, end }, newText: configTextWithRuleOff(text, rule) }] } } };
  }
  const folder = workspaceFolders.map((f) => URI.parse(f).fsPath).filter((f) => dir === f || dir.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0] ?? dir;
  const file = path.join(folder, CONFIG_FILE_NAME);
  const text = configTextWithRuleOff('', rule);
  if (!canCreateFiles) return { write: file, file, text };
  const uri = URI.file(file).toString();
  return {
    file,
    edit: {
      documentChanges: [
        { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
      ],
    },
  };
}

/** How long a command waits for the editor to answer a request of its own; REFERAT_CLIENT_TIMEOUT_MS sets it (for the tests). */
export const CLIENT_TIMEOUT_MS = Number(process.env.REFERAT_CLIENT_TIMEOUT_MS) > 0 ? Number(process.env.REFERAT_CLIENT_TIMEOUT_MS) : 30000;

/**
 * The editor's answer to a request the server sent it (apply an edit, show a document), or, when
 * none comes within `ms`, an error that says so; a cancelled command stops waiting at once.
 */
export function answered<T>(request: Promise<T>, what: Message, lang: Lang, token?: CancellationToken, ms = CLIENT_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const seconds = ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
    const message: Message = { da: `Editoren svarede ikke inden for ${seconds} (${what.da}).`, en: `The editor did not answer within ${seconds} (${what.en}).` };
    const timer = setTimeout(() => settle(() => reject(new ResponseError(LSPErrorCodes.RequestFailed, message[lang]))), ms);
    const cancelled = token?.onCancellationRequested(() => settle(() => reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled'))));
    function settle(then: () => void): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      cancelled?.dispose();
      then();
    }
    request.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
