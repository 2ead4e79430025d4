import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LEGEND } from '../../server/src/lsp/semanticTokens';
import { COMMANDS } from '../../server/src/lsp/commandIds';
import { configSchema, settingsContribution, settingsStrings } from '../../server/src/manifest';
import { resolveConfig } from '../../server/src/config';
import { DEFAULT_SEVERITIES } from '../../server/src/lint';
import { RULE_IDS } from '../../server/src/rules';
import { settingsAsConfig } from '../../server/src/lsp/settings';
import { repoRoot } from '../support/paths';

const root = repoRoot();
const readJson = (file: string): any => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const clientSources = (): string =>
  fs
    .readdirSync(path.join(root, 'client', 'src'))
    .map((f) => fs.readFileSync(path.join(root, 'client', 'src', f), 'utf8'))
    .join('\n');

describe('extension manifest', () => {
  const pkg = readJson('package.json');

  it('holds the settings and the .referatrc.json schema that the rule registry generates (npm run manifest)', () => {
    assert.deepStrictEqual(pkg.contributes.configuration, settingsContribution());
    assert.deepStrictEqual(readJson('schemas/referatrc.schema.json'), configSchema());
    assert.deepStrictEqual(Object.keys(readJson('schemas/referatrc.schema.json').properties.rules.properties), [...RULE_IDS]);
  });

  it('has every %string% in English and Danish, and the generated ones as generated', () => {
    const en = readJson('package.nls.json');
    const da = readJson('package.nls.da.json');
    assert.deepStrictEqual(Object.keys(da).sort(), Object.keys(en).sort());
    const used = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(used.length > 10);
    for (const key of used) assert.ok(en[key] && da[key], `${key} in package.nls.json and package.nls.da.json`);
    for (const [key, text] of Object.entries(settingsStrings('da'))) assert.strictEqual(da[key], text);
    for (const [key, text] of Object.entries(settingsStrings('en'))) assert.strictEqual(en[key], text);
  });

  it('has a Danish translation of every string the client shows, and no stale ones', () => {
    const shown = new Set([...clientSources().matchAll(/l10n\.t\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]));
    const da = readJson('l10n/bundle.l10n.da.json');
    assert.ok(shown.size >= 5);
    assert.deepStrictEqual(Object.keys(da).sort(), [...shown].sort());
  });

  it('offers settings whose defaults the server reads without a problem', () => {
    const settings: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(settingsContribution().properties as Record<string, { default: unknown }>)) {
      settings[key.replace(/^referat\./, '')] = value.default;
    }
    const { problems } = resolveConfig(settingsAsConfig(settings), RULE_IDS, DEFAULT_SEVERITIES);
    assert.deepStrictEqual(problems, []);
  });

  it('declares the commands the client registers, the semantic token types the server sends, and files that exist', () => {
    const registered = [...clientSources().matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    assert.deepStrictEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), registered);
    for (const id of registered) assert.ok(Object.keys(COMMANDS).includes(id.replace(/^referat\./, '')), `${id} wraps a server command`);
    assert.deepStrictEqual(pkg.contributes.semanticTokenTypes.map((t: { id: string }) => t.id), LEGEND.tokenTypes);
    assert.deepStrictEqual(Object.keys(pkg.contributes.semanticTokenScopes[0].scopes), LEGEND.tokenTypes);
    const files = [pkg.contributes.languages[0].configuration, pkg.contributes.grammars[0].path, pkg.contributes.jsonValidation[0].url, pkg.l10n];
    for (const f of files) assert.ok(fs.existsSync(path.join(root, f)), `${f} exists`);
  });
});
