// Bundles the extension client and the language server into dist/ (or --outdir DIR), so that the
// .vsix carries two files and no node_modules. `vscode` stays external: the extension host
// provides it. ESM entry points first: jsonc-parser's UMD build requires its parts by relative
// paths that a bundle does not have.
import * as esbuild from 'esbuild';

const outIndex = process.argv.indexOf('--outdir');
const outdir = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  mainFields: ['module', 'main'],
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: `${outdir}/extension.js`, external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: `${outdir}/server.js` }),
  // The thread that reads PDF, Word and HTML files (server/src/formats/readingThread.ts) loads it from beside server.js.
  esbuild.build({ ...common, entryPoints: ['server/src/formats/extractWorker.ts'], outfile: `${outdir}/extractWorker.js` }),
]);
