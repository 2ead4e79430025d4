import { spawnSync } from 'child_process';
import * as path from 'path';
import { repoRoot } from './paths';

/** The user the permission tests run as when they run as root (root reads every file whatever its mode). */
export const NOBODY = { uid: 65534, gid: 65534 };

let answer: string | undefined;

/**
 * Why the permission tests cannot run here, or undefined when they can: not as root (the modes hold
 * already), or as root where `nobody` can read the repository's built code. A clone inside a folder
 * of mode 0700 is such a place; `.ci/run` opens the folders above the clone for this.
 */
export function whyNoUnprivilegedRun(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (answer === undefined) {
    const probe = path.join(repoRoot(), 'bin', 'referat-lint.js');
    const r = spawnSync(process.execPath, [probe, '--version'], { ...NOBODY, encoding: 'utf8', cwd: '/' });
    answer =
      r.status === 0
        ? ''
        : `running as root, and the user nobody cannot run ${probe} (${(r.stderr || String(r.error ?? '')).split('\n').find((l) => l.trim()) ?? `exit ${r.status}`}); give the folders above the repository o+x to run it`;
  }
  return answer || undefined;
}
