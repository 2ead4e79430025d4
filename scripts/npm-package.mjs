// Builds the npm package in build/npm (or --out DIR), for `npm pack build/npm` and `npm publish build/npm`.
// The repository's package.json is the VS Code extension's manifest; the npm package gets its own,
// with the CLI, the language server and the Node API bundled together with their libraries (pdf.js,
// mammoth, turndown, …), so that `npm i referat` installs no dependency: pdf.js's 41 MB folder and
// its optional 33 MB canvas binary, which reading text never uses, stay out.
import { execFileSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(root, 'build', 'npm'));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'lib'), { recursive: true });

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], minify: true, logLevel: 'warning', absWorkingDir: root };
await Promise.all(
  [
    ['server/src/cli.ts', 'cli.js'],
    ['server/src/cliWorker.ts', 'cliWorker.js'],
    ['server/src/api.ts', 'api.js'],
    ['server/src/server.ts', 'server.js'],
    // Published files are read in a worker thread, which loads this file from beside the bundle.
    ['server/src/formats/extractWorker.ts', 'extractWorker.js'],
  ].map(([entry, file]) => esbuild.build({ ...common, entryPoints: [entry], outfile: path.join(out, 'lib', file) })),
);

// The API's type declarations, from the same sources.
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    ...['--declaration', '--emitDeclarationOnly', '--strict', '--skipLibCheck', '--esModuleInterop'],
    ...['--target', 'ES2022', '--module', 'commonjs', '--moduleResolution', 'node', '--types', 'node'],
    ...['--rootDir', path.join(root, 'server', 'src'), '--outDir', path.join(out, 'types')],
    path.join(root, 'server', 'src', 'api.ts'),
    // The declarations the sources give for the libraries that ship none.
    ...fs.readdirSync(path.join(root, 'server', 'src', 'formats')).filter((f) => f.endsWith('.d.ts')).map((f) => path.join(root, 'server', 'src', 'formats', f)),
  ],
  { stdio: 'inherit' },
);

for (const item of ['bin/referat-lint.js', 'bin/referat-language-server.js', 'docs/rules', 'docs/ci.md', 'schemas/referatrc.schema.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
  fs.cpSync(path.join(root, item), path.join(out, item), { recursive: true });
}

const pick = (...keys) => Object.fromEntries(keys.filter((k) => manifest[k] !== undefined).map((k) => [k, manifest[k]]));
const pkg = {
  ...pick('name', 'version', 'description', 'keywords', 'license', 'repository', 'bugs', 'homepage'),
  // pdf.js reads PDF text from Node 20.19 on.
  engines: { node: '>=20.19' },
  bin: { 'referat-lint': 'bin/referat-lint.js', 'referat-language-server': 'bin/referat-language-server.js' },
  main: './lib/api.js',
  types: './types/api.d.ts',
  exports: { '.': { types: './types/api.d.ts', default: './lib/api.js' }, './package.json': './package.json' },
};
fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
console.log(`npm package in ${path.relative(process.cwd(), out) || '.'}: npm pack ${path.relative(process.cwd(), out) || '.'}`);
