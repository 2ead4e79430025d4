import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';
import { CLEAN, CLI, tempDir, WITH_SLIP, writeTree } from './cli-run';

const CI_PAGE = fs.readFileSync(path.join(repoRoot(), 'docs', 'ci.md'), 'utf8');

/** A folder where `npx referat-lint` is this build, as after `npm install` of the tarball. */
function project(t: { dir: string }, files: Record<string, string>): NodeJS.ProcessEnv {
  writeTree(t.dir, files);
  fs.mkdirSync(path.join(t.dir, 'node_modules', '.bin'), { recursive: true });
  fs.symlinkSync(CLI, path.join(t.dir, 'node_modules', '.bin', 'referat-lint'));
  return { ...process.env, PATH: `${path.join(t.dir, 'node_modules', '.bin')}:${process.env.PATH}`, npm_config_update_notifier: 'false' };
}

function sh(script: string, cwd: string, env: NodeJS.ProcessEnv): { code: number; out: string } {
  const r = spawnSync('sh', ['-c', script], { cwd, env, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv): { code: number; out: string } {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    env,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

describe('docs/ci.md, tried as far as this machine allows', () => {
  it('every referat-lint command of the workflows and the GitLab job runs and gives its exit code', function () {
    this.timeout(60000);
    const commands = [...CI_PAGE.matchAll(/^\s*-\s+(?:run:\s+)?(npx referat-lint .*)$/gm)].map((m) => m[1]);
    assert.strictEqual(commands.length, 5, commands.join('\n'));
    for (const command of commands) {
      const t = tempDir('referat-ci-');
      try {
        const env = project(t, { 'referater/2025/a.txt': WITH_SLIP, 'referater/2025/b.txt': CLEAN });
        const r = sh(command, t.dir, env);
        const accepted = command.includes('|| test $? -eq 1');
        assert.strictEqual(r.code, accepted ? 0 : 1, `${command}\n${r.out}`);
        if (command.includes('> referat.sarif')) {
          const log = JSON.parse(fs.readFileSync(path.join(t.dir, 'referat.sarif'), 'utf8'));
          assert.deepStrictEqual(
            log.runs[0].results.map((x: { ruleId: string }) => x.ruleId),
            ['item-numbering', 'case-number-future'],
          );
        }
        if (command.includes('> gl-code-quality-report.json')) {
          const issues = JSON.parse(fs.readFileSync(path.join(t.dir, 'gl-code-quality-report.json'), 'utf8')) as Array<{
            check_name: string;
            location: { path: string };
          }>;
          assert.deepStrictEqual(
            issues.map((x) => `${x.location.path} ${x.check_name}`),
            ['referater/2025/a.txt item-numbering', 'referater/2025/a.txt case-number-future'],
          );
        }
        if (command.includes('> referat-junit.xml')) {
          const xml = fs.readFileSync(path.join(t.dir, 'referat-junit.xml'), 'utf8');
          assert.deepStrictEqual(
            [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"/g)].map((m) => m.slice(1).join(' ')),
            ['referater/2025/a.txt 2 2', 'referater/2025/b.txt 1 0'],
          );
        }
      } finally {
        t.remove();
      }
    }
  });

  it('the pre-commit hook refuses a commit of a referat with a slip and lets a clean one through', function () {
    this.timeout(60000);
    const hook = /```sh\n(#!\/bin\/sh[^]*?)```/.exec(CI_PAGE)![1];
    const t = tempDir('referat-hook-');
    try {
      const env = project(t, { 'referater/a.txt': WITH_SLIP, 'README.md': '# Not a referat\n' });
      assert.strictEqual(git(['init', '-q'], t.dir, env).code, 0);
      fs.writeFileSync(path.join(t.dir, '.git', 'hooks', 'pre-commit'), hook, { mode: 0o755 });
      git(['add', 'referater/a.txt', 'README.md'], t.dir, env);
      const refused = git(['commit', '-q', '-m', 'with a slip'], t.dir, env);
      assert.notStrictEqual(refused.code, 0);
      assert.match(refused.out, /referater\/a\.txt:17:1 fejl case-number-future/);
      fs.writeFileSync(path.join(t.dir, 'referater', 'a.txt'), CLEAN);
      git(['add', 'referater/a.txt'], t.dir, env);
      const accepted = git(['commit', '-q', '-m', 'clean'], t.dir, env);
      assert.strictEqual(accepted.code, 0, accepted.out);
    } finally {
      t.remove();
    }
  });

  it('the pre-commit hook reads a file name with æ, ø and å, and lets a PDF appendix in the folder through', function () {
    this.timeout(60000);
    const hook = /```sh\n(#!\/bin\/sh[^]*?)```/.exec(CI_PAGE)![1];
    const t = tempDir('referat-hook-da-');
    try {
      const env = project(t, { 'referater/møde i Ærø, ålegræs.txt': WITH_SLIP });
      fs.copyFileSync(
        path.join(repoRoot(), 'test', 'fixtures', 'formats', 'scan.pdf'),
        path.join(t.dir, 'referater', 'bilag 1 til punkt 20.pdf'),
      );
      assert.strictEqual(git(['init', '-q'], t.dir, env).code, 0);
      fs.writeFileSync(path.join(t.dir, '.git', 'hooks', 'pre-commit'), hook, { mode: 0o755 });
      git(['add', 'referater'], t.dir, env);
      const refused = git(['commit', '-q', '-m', 'with a slip'], t.dir, env);
      assert.notStrictEqual(refused.code, 0);
      assert.match(refused.out, /referater\/møde i Ærø, ålegræs\.txt:17:1 fejl case-number-future/);
      assert.doesNotMatch(refused.out, /bilag/);
      fs.writeFileSync(path.join(t.dir, 'referater', 'møde i Ærø, ålegræs.txt'), CLEAN);
      git(['add', 'referater'], t.dir, env);
      const accepted = git(['commit', '-q', '-m', 'clean, with its appendix'], t.dir, env);
      assert.strictEqual(accepted.code, 0, accepted.out);
      assert.match(git(['show', '--name-only', '--format=', 'HEAD'], t.dir, env).out, /bilag 1 til punkt 20\.pdf/);
    } finally {
      t.remove();
    }
  });

  it("the .pre-commit-config.yaml works with the pre-commit framework (where Debian's pre-commit is installed)", function () {
    this.timeout(120000);
    if (spawnSync('pre-commit', ['--version']).error) {
      console.log('    (skipped: pre-commit is not installed; apt-get install pre-commit)');
      this.skip();
    }
    const config = /`\.pre-commit-config\.yaml`:\n\n```yaml\n([^]*?)```/.exec(CI_PAGE)![1];
    const t = tempDir('referat-precommit-');
    try {
      const env = {
        ...project(t, { 'referater/a.txt': WITH_SLIP, '.pre-commit-config.yaml': config }),
        PRE_COMMIT_HOME: path.join(t.dir, '.cache'),
      };
      assert.strictEqual(git(['init', '-q'], t.dir, env).code, 0);
      git(['add', '.'], t.dir, env);
      const refused = sh('pre-commit run --files referater/a.txt', t.dir, env);
      assert.strictEqual(refused.code, 1, refused.out);
      assert.match(refused.out, /case-number-future/);
      fs.writeFileSync(path.join(t.dir, 'referater', 'a.txt'), CLEAN);
      const passed = sh('pre-commit run --files referater/a.txt', t.dir, env);
      assert.strictEqual(passed.code, 0, passed.out);
      // A Danish file name and a PDF appendix beside it, staged and run as a commit would run them.
      fs.renameSync(path.join(t.dir, 'referater', 'a.txt'), path.join(t.dir, 'referater', 'møde på Ærø.txt'));
      fs.writeFileSync(path.join(t.dir, 'referater', 'møde på Ærø.txt'), WITH_SLIP);
      fs.copyFileSync(path.join(repoRoot(), 'test', 'fixtures', 'formats', 'scan.pdf'), path.join(t.dir, 'referater', 'bilag 1.pdf'));
      git(['add', '-A'], t.dir, env);
      const staged = sh('pre-commit run', t.dir, env);
      assert.strictEqual(staged.code, 1, staged.out);
      assert.match(staged.out, /referater\/møde på Ærø\.txt:17:1 fejl case-number-future/);
      assert.doesNotMatch(staged.out, /bilag/);
      fs.writeFileSync(path.join(t.dir, 'referater', 'møde på Ærø.txt'), CLEAN);
      git(['add', '-A'], t.dir, env);
      const clean = sh('pre-commit run', t.dir, env);
      assert.strictEqual(clean.code, 0, clean.out);
    } finally {
      t.remove();
    }
  });
});
