import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export type Lang = 'da' | 'en';

let danish: Record<string, string> = {};

/** Reads the Danish strings once; `vscode.l10n` cannot serve them, as it follows VS Code's display language, which has no Danish. */
export function loadStrings(extensionPath: string): void {
  danish = JSON.parse(fs.readFileSync(path.join(extensionPath, 'l10n', 'bundle.l10n.da.json'), 'utf8')) as Record<string, string>;
}

/** `referat.locale`: Danish unless it says English, or "auto" and VS Code runs in English. */
export function currentLang(): Lang {
  const setting = vscode.workspace.getConfiguration('referat').get<string>('locale', 'da');
  if (setting === 'en') return 'en';
  if (setting === 'auto') return vscode.env.language.toLowerCase().startsWith('en') ? 'en' : 'da';
  return 'da';
}

/** A string the client shows, in the chosen language; `{0}`, `{1}` are filled in. */
export function say(english: string, ...args: Array<string | number>): string {
  const text = currentLang() === 'da' ? (danish[english] ?? english) : english;
  return text.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

/** Registers a command under its id and under `<id>.en`, the twin the English command palette shows. */
export function registerTwice(id: string, run: (...args: unknown[]) => unknown): vscode.Disposable[] {
  return [vscode.commands.registerCommand(id, run), vscode.commands.registerCommand(`${id}.en`, run)];
}
