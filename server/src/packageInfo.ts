import * as fs from 'fs';
import * as path from 'path';

/** Where the project is published: rule pages in reports that leave this machine (SARIF) link there. */
export const REPOSITORY_URL = 'https://github.com/referat/referat';

let root: string | null | undefined;

/**
 * The package's own folder: the nearest folder up from this file whose `package.json` names
 * `referat`. It is the checkout for `out/server/src/`, the extension for the .vsix's `dist/`, and
 * the package for the npm package's `lib/`; a bundle has no fixed depth below it.
 */
export function packageRoot(): string | undefined {
  if (root !== undefined) return root ?? undefined;
  root = null;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'referat') return (root = dir);
    } catch {
      // no package.json here, or not one we can read: look further up
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The version in the package's `package.json`. */
export function packageVersion(): string {
  const dir = packageRoot();
  if (!dir) return '0.0.0';
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A rule's page on the web, in English or Danish (`<rule>.da.md`). */
export function rulePageUrl(rule: string, lang: 'da' | 'en' = 'en'): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${lang === 'da' ? `${rule}.da` : rule}.md`;
}
