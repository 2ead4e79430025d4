import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { ruleById } from '../rules';
import type { Finding, Severity } from '../rules/types';
import type { Lang } from './locale';
import { packageRoot } from '../packageInfo';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The folder holding `docs/rules`: the package root, when the pages ship with it (the .vsix and a checkout). */
const ROOT = ((root) => (root && fs.existsSync(path.join(root, 'docs', 'rules')) ? root : undefined))(packageRoot());
const docsUris = new Map<string, string | undefined>();

/**
 * The `file://` URI of a rule's documentation page in the language (`<rule>.da.md` in Danish,
 * `<rule>.md` in English), when the page ships with the server; looked up on disk once per rule.
 */
export function ruleDocsUri(rule: string, lang: Lang = 'en'): string | undefined {
  if (!ROOT || !ruleById(rule)) return undefined;
  const key = `${rule}:${lang}`;
  if (!docsUris.has(key)) {
    const page = path.join(ROOT, 'docs', 'rules', lang === 'da' ? `${rule}.da.md` : `${rule}.md`);
    docsUris.set(key, fs.existsSync(page) ? pathToFileURL(page).toString() : lang === 'da' ? ruleDocsUri(rule, 'en') : undefined);
  }
  return docsUris.get(key);
}

export function toDiagnostic(f: Finding, lang: Lang): Diagnostic {
  const href = ruleDocsUri(f.rule, lang);
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: 'referat',
    message: f.message[lang],
    ...(href ? { codeDescription: { href } } : {}),
  };
}
