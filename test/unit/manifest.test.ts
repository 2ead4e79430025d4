import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LEGEND } from '../../server/src/lsp/semanticTokens';
import { COMMANDS } from '../../server/src/lsp/commandIds';
import {
  commandsContribution,
  configSchema,
  languageDefaults,
  manifestMessages,
  manifestStrings,
  settingsContribution,
} from '../../server/src/manifest';
import { resolveConfig } from '../../server/src/config';
import { DEFAULT_SEVERITIES } from '../../server/src/lint';
import { RULE_IDS } from '../../server/src/rules';
import { settingsAsConfig } from '../../server/src/lsp/settings';
import { repoRoot } from '../support/paths';

const root = repoRoot();
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the manifests are read as the JSON they are, field by field
const readJson = (file: string): any => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const clientSources = (): string =>
  fs
    .readdirSync(path.join(root, 'client', 'src'))
    .map((f) => fs.readFileSync(path.join(root, 'client', 'src', f), 'utf8'))
    .join('\n');

describe('extension manifest', () => {
  const pkg = readJson('package.json');

  it('holds the settings, commands, language defaults and .referatrc.json schema that the rule registry generates (npm run manifest)', () => {
    assert.deepStrictEqual(pkg.contributes.configuration, settingsContribution());
    assert.deepStrictEqual(pkg.contributes.commands, commandsContribution().commands);
    assert.deepStrictEqual(pkg.contributes.menus.commandPalette, commandsContribution().commandPalette);
    assert.deepStrictEqual(pkg.contributes.configurationDefaults, languageDefaults());
    assert.deepStrictEqual(readJson('schemas/referatrc.schema.json'), configSchema());
    assert.deepStrictEqual(Object.keys(readJson('schemas/referatrc.schema.json').properties.rules.properties), [...RULE_IDS]);
  });

  it('does not draw the form feeds of a PDF’s text (its page breaks) as control-character boxes in referater', () => {
    assert.strictEqual(pkg.contributes.configurationDefaults['[referat]']['editor.renderControlCharacters'], false);
  });

  it('has every %string% of the manifest, generated, with its Danish twin first', () => {
    const nls = readJson('package.nls.json');
    assert.deepStrictEqual(nls, manifestStrings());
    const used = [...new Set([...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))];
    assert.ok(used.length > 20);
    assert.deepStrictEqual(
      used.filter((key) => !(key in nls)),
      [],
      'every %key% has a string',
    );
    for (const id of RULE_IDS) assert.ok(used.includes(`referat.rules.${id}`), `the setting referat.rules.${id} has a description`);
    // Descriptions carry both languages in one string (VS Code has no Danish display language to pick a file by).
    for (const [key, message] of Object.entries(manifestMessages())) {
      assert.ok(message.da.trim() && message.en.trim() && message.da !== message.en, `${key} has a Danish and an English text`);
      assert.ok(nls[key].startsWith(message.da) && nls[key].includes(message.en), `${key}: Danish, then English`);
    }
    // Command titles: the Danish one under the id, the English one under <id>.en, each shown by referat.locale.
    for (const c of pkg.contributes.commands.filter((c: { command: string }) => !c.command.endsWith('.en'))) {
      assert.ok(
        nls[c.command] && nls[`${c.command}.en`] && nls[c.command] !== nls[`${c.command}.en`],
        `${c.command} has a Danish and an English title`,
      );
    }
  });

  it('has a Danish translation of every string the client shows, and no stale ones', () => {
    const shown = new Set([...clientSources().matchAll(/\bsay\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]));
    const da = readJson('l10n/bundle.l10n.da.json');
    assert.ok(shown.size >= 15);
    assert.deepStrictEqual(Object.keys(da).sort(), [...shown].sort());
    const sameInBoth = new Set(['Referat']);
    for (const [en, text] of Object.entries(da)) {
      assert.ok(typeof text === 'string' && text.trim(), `"${en}" has a Danish text`);
      if (!sameInBoth.has(en)) assert.notStrictEqual(text, en, `"${en}" is translated`);
      assert.deepStrictEqual(
        [...(text as string).matchAll(/\{\d\}/g)].map(String),
        [...en.matchAll(/\{\d\}/g)].map(String),
        `"${en}" keeps its placeholders`,
      );
    }
    assert.ok(!/vscode\.l10n\.t\(/.test(clientSources()), 'the client speaks through say(), which follows referat.locale');
  });

  it('has a Danish page beside every rule page', () => {
    const pages = fs.readdirSync(path.join(root, 'docs', 'rules'));
    for (const id of RULE_IDS) {
      assert.ok(pages.includes(`${id}.md`), `docs/rules/${id}.md`);
      assert.ok(pages.includes(`${id}.da.md`), `docs/rules/${id}.da.md`);
      const da = fs.readFileSync(path.join(root, 'docs', 'rules', `${id}.da.md`), 'utf8');
      assert.ok(da.startsWith(`# ${id}\n`), `${id}.da.md opens with the rule id`);
      assert.match(da, /Standardalvor/, `${id}.da.md is in Danish`);
    }
    assert.deepStrictEqual(
      pages.filter((p) => !RULE_IDS.includes(p.replace(/(\.da)?\.md$/, ''))),
      [],
      'no page without a rule',
    );
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
    const registered = [...clientSources().matchAll(/registerTwice\(\s*'([^']+)'/g)].flatMap((m) => [m[1], `${m[1]}.en`]).sort();
    assert.deepStrictEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), registered);
    for (const id of ['renumberItems', 'rebuildToc', 'lintWorkspace'])
      assert.ok(Object.keys(COMMANDS).includes(id), `referat.${id} wraps a server command`);
    assert.deepStrictEqual(
      pkg.contributes.semanticTokenTypes.map((t: { id: string }) => t.id),
      LEGEND.tokenTypes,
    );
    assert.deepStrictEqual(Object.keys(pkg.contributes.semanticTokenScopes[0].scopes), LEGEND.tokenTypes);
    const files = [
      pkg.contributes.languages[0].configuration,
      pkg.contributes.grammars[0].path,
      pkg.contributes.jsonValidation[0].url,
      pkg.l10n,
      pkg.icon,
    ];
    for (const f of files) assert.ok(fs.existsSync(path.join(root, f)), `${f} exists`);
  });
});
