import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TestClient } from '../support/lsp';
import { repoRoot } from '../support/paths';

/**
 * The bundles the .vsix carries (scripts/bundle.mjs): the server bundle must run on its own. A
 * bundle can build and still fail at start-up (jsonc-parser's UMD build did), so it is started here.
 */
describe('the bundled language server', function () {
  this.timeout(60000);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-bundle-'));
  after(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('builds, starts from one file, and reports the slips of the example', async () => {
    const build = spawnSync(process.execPath, [path.join(repoRoot(), 'scripts', 'bundle.mjs'), '--outdir', outdir], {
      cwd: repoRoot(),
      encoding: 'utf8',
    });
    assert.strictEqual(build.status, 0, build.stderr);
    assert.ok(fs.existsSync(path.join(outdir, 'extension.js')));
    const client = await TestClient.start({ server: path.join(outdir, 'server.js') });
    const uri = 'file:///tmp/referat-test/med-fejl.referat.md';
    await client.open(uri, fs.readFileSync(path.join(repoRoot(), 'examples', 'med-fejl.referat.md'), 'utf8'));
    const codes = new Set((await client.diagnostics(uri)).items!.map((d) => d.code));
    assert.strictEqual(codes.size, 11);
    await client.stop();
  });
});
