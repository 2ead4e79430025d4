/**
 * `npm run same-findings -- save FILE` before a change that must not change what the linter says
 * (speed work), `npm run same-findings -- check FILE` after: lints the real corpus (when
 * ../shared/corpus is beside the repository), the examples, the layout fixtures and a generated
 * 1 MB referat, and compares a hash of each document's findings and parsed model. Exits 1 and names
 * the documents that differ. Not part of `npm test`: it compares two builds, not a build with a truth.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { lintText } from '../../server/src/lint';
import { corpusDir, repoRoot } from '../support/paths';
import { buildReferat, exampleParts } from './generate';

interface Hashes {
  findings: string;
  model: string;
  count: number;
}

function documents(): Map<string, string> {
  const root = repoRoot();
  const texts = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(txt|md)$/.test(e.name) && e.name !== 'README.md') texts.set(path.relative(root, p), fs.readFileSync(p, 'utf8'));
    }
  };
  const corpus = corpusDir();
  if (corpus) walk(corpus);
  else process.stderr.write('same-findings: ../shared/corpus is not beside the repository; only our own documents are compared.\n');
  walk(path.join(root, 'examples'));
  walk(path.join(root, 'test', 'fixtures', 'layouts'));
  texts.set('(generated 1 MB referat)', buildReferat(exampleParts(), 1_000_000).text);
  return texts;
}

function hash(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

function main(args: readonly string[]): number {
  const [mode, file] = args;
  if ((mode !== 'save' && mode !== 'check') || !file) {
    process.stderr.write('usage: npm run same-findings -- save FILE | check FILE\n');
    return 2;
  }
  const now: Record<string, Hashes> = {};
  for (const [name, text] of documents()) {
    const r = lintText(text);
    now[name] = { findings: hash(r.findings), model: hash(r.parsed), count: r.findings.length };
  }
  if (mode === 'save') {
    fs.writeFileSync(file, JSON.stringify(now, null, 1) + '\n');
    process.stdout.write(`same-findings: saved ${Object.keys(now).length} documents to ${file}\n`);
    return 0;
  }
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Hashes>;
  const differ: string[] = [];
  for (const name of new Set([...Object.keys(saved), ...Object.keys(now)])) {
    const a = saved[name];
    const b = now[name];
    if (!a || !b) differ.push(`${name}: ${a ? 'missing now' : 'new'}`);
    else if (a.findings !== b.findings || a.model !== b.model) {
      differ.push(
        `${name}: ${[a.findings !== b.findings ? `findings (${a.count} -> ${b.count})` : '', a.model !== b.model ? 'model' : ''].filter(Boolean).join(', ')} differ`,
      );
    }
  }
  for (const d of differ) process.stdout.write(`${d}\n`);
  process.stdout.write(
    differ.length > 0
      ? `same-findings: ${differ.length} of ${Object.keys(now).length} documents differ\n`
      : `same-findings: all ${Object.keys(now).length} documents the same\n`,
  );
  return differ.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
