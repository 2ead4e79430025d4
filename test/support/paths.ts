import * as fs from 'fs';
import * as path from 'path';

/** The repository root: the nearest folder upwards whose package.json is this project's. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'referat') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** The shared corpus of real referater beside the repository, or undefined when it is not there. */
export function corpusDir(): string | undefined {
  const dir = path.resolve(repoRoot(), '..', 'shared', 'corpus');
  return fs.existsSync(dir) ? dir : undefined;
}
