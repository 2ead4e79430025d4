import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fold, nameKey, nfcLatin } from '../../server/src/core/text';
import { corpusDir, repoRoot } from '../support/paths';

/** The keys as they are defined; core/text computes them without the calls that change nothing. */
const definedFold = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('da');
const definedNameKey = (s: string): string => definedFold(s).replace(/[.]/g, '').replace(/\s+/g, ' ');

/** Text where NFC, Unicode white space or locale casing could make the fast keys differ from their definitions. */
const TRICKY = [
  'Godkendelse af dagsorden',
  '  Jens   Bækgaard ',
  'Lis\u00a0Hansen',
  'A. B.  Hansen .',
  'Ren\u00e9 og Rene\u0301',
  'A\u030angstr\u00f8m \u212bngstr\u00f6m \u2126',
  '\u0130stanbul \u0131 I \u00df \u1e9e \u01c5 \u03a3\u0391\u03a3',
  'Kelvin \u212a k',
  'tab\there\u2028line\u3000wide\ufeffbom',
  '\u1100\u1161 \u0340 \u02ff\u0300 \ufb00 \u216b',
  '',
  ' . ',
];

function corpusLines(): string[] {
  const out: string[] = [];
  const dirs = [path.join(repoRoot(), 'examples'), ...(corpusDir() ? [corpusDir()!, path.join(corpusDir()!, 'greve')] : [])];
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir))
      if (/\.(md|txt)$/.test(f)) out.push(...fs.readFileSync(path.join(dir, f), 'utf8').split(/\r\n|\r|\n/));
  }
  return out;
}

describe('core/text: fold, nameKey and nfcLatin equal their definitions', () => {
  it('on text chosen to differ under NFC, white space and casing', () => {
    for (const s of TRICKY) {
      assert.strictEqual(fold(s), definedFold(s), JSON.stringify(s));
      assert.strictEqual(nameKey(s), definedNameKey(s), JSON.stringify(s));
      assert.strictEqual(nfcLatin(s), s.normalize('NFC'), JSON.stringify(s));
    }
  });

  it(`on every line of the examples${corpusDir() ? ' and the corpus' : ' (the corpus is not beside the repository: ../shared/corpus)'} @slow`, () => {
    const lines = corpusLines();
    assert.ok(lines.length > 100);
    for (const s of lines) {
      assert.strictEqual(fold(s), definedFold(s), JSON.stringify(s));
      assert.strictEqual(nameKey(s), definedNameKey(s), JSON.stringify(s));
    }
  });

  it('lowercases every code point as the Danish locale does', () => {
    for (let c = 0; c < 0x110000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const s = String.fromCodePoint(c);
      if (s.toLowerCase() !== s.toLocaleLowerCase('da')) assert.fail(`U+${c.toString(16)}`);
    }
  });
});
