import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/rules';
import { repoRoot } from '../support/paths';

/** The severity words a Danish page uses; the settings keep the English values. */
const DANISH_SEVERITY: Record<string, string> = { error: 'fejl', warning: 'advarsel', information: 'information', hint: 'tip' };

/** The registry and the documentation pages agree: one page per rule, naming its id, default severity and whether it fixes. */
describe('docs/rules', () => {
  const dir = path.join(repoRoot(), 'docs', 'rules');
  const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.md') && !f.endsWith('.da.md'));
  const danishPages = fs.readdirSync(dir).filter((f) => f.endsWith('.da.md'));

  it('has one page per rule and no page without a rule, in English and in Danish', () => {
    assert.deepStrictEqual(pages.map((f) => f.replace(/\.md$/, '')).sort(), RULES.map((r) => r.id).sort());
    assert.deepStrictEqual(danishPages.map((f) => f.replace(/\.da\.md$/, '')).sort(), RULES.map((r) => r.id).sort());
  });

  for (const rule of RULES) {
    it(`${rule.id}.da.md names the rule, its default severity and whether it is fixable, in Danish`, () => {
      const text = fs.readFileSync(path.join(dir, `${rule.id}.da.md`), 'utf8');
      assert.strictEqual(text.split('\n')[0], `# ${rule.id}`);
      const header = /^Standardalvor: \*\*(\w+)\*\* \(`(\w+)`\) · (kan ikke rettes|kan rettes)/m.exec(text);
      assert.ok(header, 'a "Standardalvor: **advarsel** (`warning`) · kan rettes" line');
      assert.strictEqual(header[1], DANISH_SEVERITY[rule.defaultSeverity], 'the severity word in Danish');
      assert.strictEqual(header[2], rule.defaultSeverity, 'the value the settings take');
      assert.strictEqual(header[3] === 'kan rettes', rule.fixable);
      for (const section of ['## Forkert', '## Rigtigt', '## Indstillinger']) assert.ok(text.includes(section), section);
      assert.ok(text.includes(`"${rule.id}"`), 'the configuration example names the rule id');
    });
  }

  for (const rule of RULES) {
    it(`${rule.id}.md names the rule, its default severity and whether it is fixable`, () => {
      const text = fs.readFileSync(path.join(dir, `${rule.id}.md`), 'utf8');
      assert.strictEqual(text.split('\n')[0], `# ${rule.id}`);
      const header = /^Default severity: \*\*(\w+)\*\* · (not fixable|fixable)/m.exec(text);
      assert.ok(header, 'a "Default severity: **x** · fixable" line');
      assert.strictEqual(header[1], rule.defaultSeverity);
      assert.strictEqual(header[2] === 'fixable', rule.fixable);
      assert.match(text, /## Wrong/);
      assert.match(text, /## Right/);
      assert.match(text, /## Configuration/);
      assert.ok(text.includes(`"${rule.id}"`), 'the configuration example names the rule id');
    });
  }
});
