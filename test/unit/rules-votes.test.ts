import * as assert from 'assert';
import { parse } from '../../server/src/core/parse';
import { describeBallot, voterText } from '../../server/src/core/votes';
import type { Item } from '../../server/src/core/model';
import { defaultConfig, lintText } from '../../server/src/lint';
import { analyze } from '../../server/src/analysis';
import { hover } from '../../server/src/lsp/hover';
import { documentSymbols } from '../../server/src/lsp/symbols';
import type { Finding } from '../../server/src/rules/types';

/**
 * Votes, dissent and signatures (issue 27), on fictional referater of a committee of seven: what the
 * model reads of a decision's votes, and the six checks against who attended, each silent where the
 * reading is right or not certain and firing where it is wrong.
 */

const VOTE_RULES = [
  'vote-count-unnamed',
  'vote-count-mismatch',
  'vote-absent-member',
  'vote-both-sides',
  'dissent-absent-member',
  'signature-mismatch',
];

function header(absent = ''): string {
  return `# REFERAT Teknik- og Havneudvalget d. 12-03-2025

**Mødedato** Onsdag d. 12. marts 2025 kl. 17:00

**Mødedeltagere** Asta Brink (A), Bent Lund (A), Carl Moos (V), Dina Falk (V), Eik Sand (C), Frej Holt (Ø), Gry Nør (F)
${absent ? `\nFraværende: ${absent}\n` : ''}`;
}

/** A referat whose item 4 has `decision` as its decision; `before` goes above the decision heading. */
function doc(decision: string, options: { absent?: string; before?: string; tail?: string } = {}): string {
  return `${header(options.absent)}
## Punkt 4: Ny havnebro

Sagsnr.: 25-001234

### Indstilling

Forvaltningen indstiller, at broen bygges.
${options.before ?? ''}
### Beslutning

${decision}

## Punkt 5: Eventuelt

Sagsnr.: 25-001235

### Beslutning

Intet.
${options.tail ?? ''}`;
}

function item4(text: string): Item {
  return parse(text).model.items.find((i) => i.number === 4)!;
}

function voteFindings(text: string): Finding[] {
  return lintText(text).findings.filter((f) => VOTE_RULES.includes(f.rule));
}

function covered(text: string, f: Finding): string {
  const line = text.split('\n')[f.range.start.line];
  return f.range.start.line === f.range.end.line
    ? line.slice(f.range.start.character, f.range.end.character)
    : line.slice(f.range.start.character);
}

function silent(name: string, text: string): void {
  it(`stays silent: ${name}`, () =>
    assert.deepStrictEqual(
      voteFindings(text).map((f) => `${f.rule}: ${f.message.en}`),
      [],
    ));
}

/** Each expected finding as `rule|severity|text under its range`, and every message in both languages naming the item. */
function fires(name: string, text: string, expected: string[], messageHas: string[] = []): void {
  it(`finds: ${name}`, () => {
    const all = voteFindings(text);
    assert.deepStrictEqual(
      all.map((f) => `${f.rule}|${f.severity}|${covered(text, f)}`),
      expected,
    );
    for (const f of all) {
      assert.ok(f.message.da !== f.message.en, 'a message in both languages');
      assert.ok(!f.fix, 'no fix: the reviewer must decide');
      assert.match(f.message.da, /[Pp]unkt [46]\b/);
      for (const part of messageHas) assert.ok(f.message.da.includes(part), `"${part}" in ${f.message.da}`);
    }
  });
}

describe('votes in the model', () => {
  it('reads counts in digits and in words, and the sides with names, party letters in parentheses and bare', () => {
    const votes = item4(
      doc(`Med stemmerne 5 for og to imod godkendte udvalget indstillingen.

For stemte (A), (V) og Eik Sand (C).

Imod stemte: Frej Holt (Ø) og Gry Nør (F).`),
    ).votes!;
    assert.strictEqual(votes.ballots.length, 1);
    const [b] = votes.ballots;
    assert.deepStrictEqual([b.count?.for, b.count?.against, b.count?.abstain, b.unread], [5, 2, undefined, false]);
    assert.deepStrictEqual(
      b.groups.map((g) => `${g.side}: ${g.voters.map(voterText).join(', ')}`),
      ['for: (A), (V), Eik Sand (C)', 'against: Frej Holt (Ø), Gry Nør (F)'],
    );
    assert.strictEqual(describeBallot(b, 'da'), '5 for, 2 imod');
  });

  it('reads `ingen imod`, `én undlod`, `med 5 stemmer mod 2` and each voter range exactly', () => {
    const text = doc(
      'Godkendt med fem stemmer for, ingen imod og én undlod.\n\nA, C og V stemmer for.\n\nFrej Holt (Ø) undlod at stemme.\n\nForslaget fra (F) blev forkastet med 5 stemmer mod 2.',
    );
    const votes = item4(text).votes!;
    assert.deepStrictEqual(
      votes.ballots.map((b) => [b.count?.for, b.count?.against, b.count?.abstain, b.count?.total]),
      [
        [5, 0, 1, undefined],
        [undefined, undefined, undefined, 7],
      ],
    );
    const lines = text.split('\n');
    const voters = votes.ballots[0].groups.flatMap((g) => g.voters);
    assert.deepStrictEqual(
      voters.map((v) => lines[v.range.start.line].slice(v.range.start.character, v.range.end.character)),
      ['A', 'C', 'V', 'Frej Holt (Ø)'],
    );
  });

  it('reads a count of one vote (`med én stemme for`)', () => {
    const [b] = item4(
      doc('Forslaget blev forkastet med én stemme for og seks imod.\n\nFor stemte (Ø).\n\nImod stemte (A), (V), (C) og (F).'),
    ).votes!.ballots;
    assert.deepStrictEqual([b.count?.for, b.count?.against], [1, 6]);
  });

  it('reads the voters a count names in parentheses (`med 5 stemmer for (A, V, C) og 2 imod (Ø, F)`)', () => {
    const text = doc('Tiltrådt med 5 stemmer for (A, V, C) og 2 imod (Ø, F).');
    const [b] = item4(text).votes!.ballots;
    assert.deepStrictEqual(
      b.groups.map((g) => `${g.side}: ${g.voters.map(voterText).join(', ')}`),
      ['for: (A), (V), (C)', 'against: (Ø), (F)'],
    );
    const line = text.split('\n')[b.groups[1].voters[0].range.start.line];
    assert.strictEqual(line.slice(b.groups[1].voters[0].range.start.character, b.groups[1].voters[1].range.end.character), 'Ø, F');
  });

  it('reads `et flertal bestående af` as for and `et mindretal (…)` as against', () => {
    const votes = item4(doc('Et flertal bestående af A, C og V godkendte indstillingen.\n\nEt mindretal (Ø og F) stemte imod.')).votes!;
    const groups = votes.ballots.flatMap((b) => b.groups);
    assert.deepStrictEqual(
      groups.map((g) => `${g.side}: ${g.voters.map(voterText).join(', ')}`),
      ['for: (A), (C), (V)', 'against: (Ø), (F)'],
    );
  });

  it('reads dissent and protokoltilførsel, and disqualification (inhabil) with the absence notes’ phrase and as declared', () => {
    const votes = item4(
      doc(`Godkendt.

Frej Holt (Ø) stemte imod med bemærkning om, at broen er for dyr.

Gry Nør (F) ønskede sin mindretalsudtalelse tilført protokollen.

(C) kunne ikke tiltræde indstillingen.

Dina Falk (V) erklærede sig inhabil og forlod mødet under behandlingen.

Udvalget erklærede Eik Sand (C) for inhabil i punktets behandling.

Udvalget erklærede Carl Moos (V) for ikke inhabil.`),
    ).votes!;
    assert.deepStrictEqual(
      votes.dissents.map((d) => `${d.voters.map(voterText).join(', ')}${d.vote ? ' (vote)' : ''}`),
      ['Frej Holt (Ø) (vote)', 'Gry Nør (F)', '(C)'],
    );
    assert.deepStrictEqual(votes.disqualified.map(voterText), ['Dina Falk', 'Eik Sand (C)']);
  });

  it('reads only this meeting’s decision: not Sagens forløb, not an earlier committee’s recommendation', () => {
    const before = `
### Sagens forløb

Økonomiudvalget den 01-02-2025

Imod stemte (Ø) med bemærkning om, at sagen bør udsættes.

Med stemmerne 3 for og 4 imod blev forslaget forkastet.
`;
    const item = item4(doc('Godkendt.', { before }));
    assert.strictEqual(item.votes, undefined);
  });

  it('reads nothing where a decision has no votes, and marks a ballot unread where voters are named in a sentence it does not follow', () => {
    assert.strictEqual(item4(doc('Godkendt.')).votes, undefined);
    const votes = item4(doc('Med stemmerne 6 for og 1 imod godkendt.\n\n(Ø) ønskede ikke at bygge broen.')).votes!;
    assert.strictEqual(votes.ballots[0].unread, true);
  });

  it('reads a signature page’s names, leaving the decision’s Afbud out', () => {
    const tail = `
## Punkt 6: Underskriftsblad

### Beslutning

Afbud:

Gry Nør

Asta Brink

Bent Lund
`;
    const model = parse(doc('Godkendt.', { tail })).model;
    assert.deepStrictEqual(
      model.items.find((i) => i.number === 6)!.signatures!.map((n) => n.name),
      ['Asta Brink', 'Bent Lund'],
    );
  });
});

describe('vote-count-unnamed', () => {
  silent(
    'the one against is named by party',
    doc('Med stemmerne 6 for og 1 imod godkendte udvalget indstillingen.\n\nFor stemte (A), (V), (C) og (F).\n\nImod stemte (Ø).'),
  );
  silent('no one against', doc('Med stemmerne 7 for og ingen imod godkendt.'));
  silent('the one against named in parentheses after its count', doc('Tiltrådt med 6 stemmer for (A, V, C, F) og 1 imod (Ø).'));
  silent(
    'the against named in a sentence the reader does not follow',
    doc('Med stemmerne 6 for og 1 imod godkendt.\n\n(Ø) ønskede ikke at bygge broen.'),
  );
  silent(
    'two counts in a row, the sides named after both',
    doc(
      'Med stemmerne 6 for og 1 imod godkendt punkt 1.\n\nMed stemmerne 6 for og 1 imod godkendt punkt 2.\n\nFor stemte (A), (V), (C) og (F).\n\nImod stemte (Ø).',
    ),
  );
  fires(
    'one against, nobody named for it',
    doc('Med stemmerne 6 for og 1 imod godkendte udvalget indstillingen.\n\nFor stemte (A), (V), (C) og (Ø).\n\n(F) undlod at stemme.'),
    ['vote-count-unnamed|warning|Med stemmerne 6 for og 1 imod'],
    ['1 imod'],
  );
  fires(
    'abstentions counted, nobody named',
    doc('Godkendt med fem stemmer for, ingen imod og to undlod.\n\nFor stemte (A), (V) og (C).'),
    ['vote-count-unnamed|warning|med fem stemmer for, ingen imod og to undlod'],
    ['2 undlod'],
  );
});

describe('vote-count-mismatch', () => {
  silent(
    'counts that fit the members present',
    doc(
      'Med stemmerne 4 for og 2 imod godkendt.\n\nFor stemte (A) og (V).\n\nImod stemte Eik Sand (C) og Frej Holt (Ø).\n\nAfbud: Gry Nør',
    ),
  );
  silent(
    'every side counted, adding up with the absent',
    doc(
      'Godkendt med 4 stemmer for, 1 imod og 1 undlod.\n\nFor stemte (A) og (V).\n\nImod stemte (C).\n\n(Ø) undlod at stemme.\n\nAfbud: Gry Nør',
    ),
  );
  fires(
    'more votes than members',
    doc('Med stemmerne 6 for og 2 imod godkendt.\n\nFor stemte (A), (V) og (C).\n\nImod stemte (Ø) og (F).'),
    ['vote-count-mismatch|warning|Med stemmerne 6 for og 2 imod'],
    ['8 stemmer', '7 medlemmer'],
  );
  fires(
    'more votes than members present (information: a substitute may have voted)',
    doc('Med stemmerne 6 for og 1 imod godkendt.\n\nFor stemte (A), (V), (C) og (F).\n\nImod stemte (Ø).\n\nAfbud: Gry Nør'),
    ['vote-count-mismatch|information|Med stemmerne 6 for og 1 imod'],
    ['6 af 7', 'stedfortræder'],
  );
  fires(
    'every side counted, not adding up',
    doc('Godkendt med 3 stemmer for, 1 imod og 1 undlod.\n\nFor stemte (A) og (V).\n\nImod stemte (C).\n\n(Ø) undlod at stemme.'),
    ['vote-count-mismatch|warning|med 3 stemmer for, 1 imod og 1 undlod'],
    ['5 stemmer', '7 medlemmer'],
  );
  fires(
    'a side named one by one with more names than its count',
    doc(
      'Med stemmerne 5 for og 2 imod godkendt.\n\nFor stemte (A), (V) og Eik Sand (C).\n\nImod stemte Frej Holt (Ø), Gry Nør (F) og Carl Moos (V).',
    ),
    ['vote-count-mismatch|warning|Med stemmerne 5 for og 2 imod'],
    ['Frej Holt, Gry Nør, Carl Moos'],
  );
});

describe('vote-absent-member', () => {
  silent('a member votes who was there', doc('Godkendt.\n\nBent Lund (A) stemte imod.\n\nAfbud: Gry Nør'));
  silent(
    'a party votes whose member is absent (a substitute may vote for the group)',
    doc('Godkendt.\n\nImod stemte (F).\n\nAfbud: Gry Nør'),
  );
  fires(
    'a member votes who sent afbud to the item',
    doc('Godkendt.\n\nBent Lund (A) stemte imod.\n\nAfbud: Bent Lund'),
    ['vote-absent-member|warning|Bent Lund (A)'],
    ['Bent Lund (A)', 'afbud'],
  );
  fires(
    'a member votes who was absent from the meeting',
    doc('Godkendt.\n\nFor stemte (A), (V) og Gry Nør (F).', { absent: 'Gry Nør' }),
    ['vote-absent-member|warning|Gry Nør (F)'],
    ['fraværende fra mødet'],
  );
  fires(
    'a member votes who was declared inhabil',
    doc('Udvalget erklærede Eik Sand (C) for inhabil i punktets behandling.\n\nGodkendt.\n\nEik Sand (C) undlod at stemme.'),
    ['vote-absent-member|warning|Eik Sand (C)'],
    ['inhabil'],
  );
  fires('a party votes that has no member', doc('Godkendt.\n\nImod stemte (Ø) og (K).'), ['vote-absent-member|warning|(K)'], ['(K)']);
  silent('a party written with more letters than the member list’s (SF for F)', doc('Godkendt.\n\nImod stemte (SF).'));
  silent(
    'a member absent from the meeting whom a note says came later',
    doc('Godkendt.\n\nGry Nør (F) ankom kl. 17.30.\n\nGry Nør (F) stemte imod.', { absent: 'Gry Nør' }),
  );
});

describe('vote-both-sides', () => {
  silent(
    'a party for and a named member of it against (the member split from the group)',
    doc('Godkendt.\n\nFor stemte (A) og (V).\n\nImod stemte Dina Falk (V) og (Ø).'),
  );
  silent(
    'two votes one after the other, each with its own sides',
    doc(
      'Punkt 1 godkendt.\n\nFor stemte (A) og (V).\n\nImod stemte (Ø).\n\nPunkt 2 godkendt.\n\nFor stemte (Ø) og (V).\n\nImod stemte (A).',
    ),
  );
  fires(
    'the same party letter on two sides',
    doc('Godkendt.\n\nFor stemte (A) og (V).\n\nImod stemte (V) og (Ø).'),
    ['vote-both-sides|warning|(V)'],
    ['(V)', 'for', 'imod'],
  );
  fires(
    'the same name for and abstaining',
    doc('Godkendt.\n\nFor stemte Asta Brink (A) og Carl Moos (V).\n\nCarl Moos (V) undlod at stemme.'),
    ['vote-both-sides|warning|Carl Moos (V)'],
    ['Carl Moos (V)'],
  );
});

describe('dissent-absent-member', () => {
  silent('a dissent by a member who was there', doc('Godkendt.\n\nGry Nør (F) ønskede sin stemme tilført protokollen.'));
  fires(
    'a protokoltilførsel by a member absent from the meeting',
    doc('Godkendt.\n\nFrej Holt (Ø) ønskede sin stemme tilført protokollen.', { absent: 'Frej Holt' }),
    ['dissent-absent-member|warning|Frej Holt (Ø)'],
    ['Frej Holt (Ø)', 'protokollen'],
  );
  fires(
    'a dissent by a member under the item’s Afbud',
    doc('Godkendt.\n\nGry Nør (F) kunne ikke tiltræde indstillingen.\n\nAfbud: Gry Nør'),
    ['dissent-absent-member|warning|Gry Nør (F)'],
  );
});

describe('signature-mismatch', () => {
  const page = (names: string[]): string => `
## Punkt 6: Underskriftsblad

${names.join('\n\n')}
`;
  const all = ['Asta Brink', 'Bent Lund', 'Carl Moos', 'Dina Falk', 'Eik Sand', 'Frej Holt', 'Gry Nør'];
  silent('every member who attended signs', doc('Godkendt.', { tail: page(all.filter((n) => n !== 'Gry Nør')), absent: 'Gry Nør' }));
  silent(
    'a page that is no list of members',
    doc('Godkendt.', { tail: '\n## Punkt 6: Underskriftsblad\n\nElektronisk underskriftsark.\n' }),
  );
  fires(
    'a member absent from the whole meeting signs',
    doc('Godkendt.', { tail: page(all), absent: 'Gry Nør' }),
    ['signature-mismatch|warning|Gry Nør'],
    ['Gry Nør', 'punkt 6'],
  );
  fires(
    'a member who attended is left out (information: the reviewer judges)',
    doc('Godkendt.', { tail: page(all.filter((n) => n !== 'Eik Sand')) }),
    ['signature-mismatch|information|Punkt 6: Underskriftsblad'],
    ['Eik Sand'],
  );
});

describe('votes: no regular expression backtracks on long runs (CPU time)', function () {
  this.timeout(120000);
  const cpu = (fn: () => void): number => {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  // Each opening of a vote sentence, then a long run of spaces and commas that ends it wrong.
  const openings = [
    'For stemte (A), ',
    'Et flertal bestående af A',
    'Asta Brink (A) ønskede',
    'A, C ,,,,',
    'Med stemmerne 5 for og',
    '(V) stemte imod med',
    'Udvalget erklærede Asta Brink',
  ];
  const pumped = (opening: string, n: number): string =>
    doc(`${opening}${' '.repeat(n)}x${' ,'.repeat(n / 2)}y`, { tail: `\n## Punkt 6: Underskrifter${' '.repeat(n)}x\n` });
  it('a decision line 8 times as long takes at most ~8 times the CPU time', () => {
    const slow: string[] = [];
    for (const opening of openings) {
      lintText(pumped(opening, 4000));
      const t1 = Math.min(
        cpu(() => lintText(pumped(opening, 4000))),
        cpu(() => lintText(pumped(opening, 4000))),
      );
      const t8 = Math.min(
        cpu(() => lintText(pumped(opening, 32000))),
        cpu(() => lintText(pumped(opening, 32000))),
      );
      // Generous, as in fuzz.test.ts: quadratic backtracking gives 64 times.
      if (t8 > 40 * Math.max(t1, 2)) slow.push(`${opening}: ${t1.toFixed(1)} ms -> ${t8.toFixed(1)} ms`);
    }
    assert.deepStrictEqual(slow, []);
  });
});

describe('votes in the outline and the hover', () => {
  const text = doc(
    'Med stemmerne 5 for og 2 imod godkendte udvalget indstillingen.\n\nFor stemte (A), (V) og Eik Sand (C).\n\nImod stemte (Ø) og (F).',
  );
  const analysis = analyze(text, defaultConfig());
  const lines = text.split('\n');

  it('the outline shows the vote beside the item’s decision, in the chosen language', () => {
    const item = documentSymbols(analysis, 'da').find((s) => s.name.startsWith('Punkt 4'))!;
    assert.deepStrictEqual(
      item.children!.map((c) => c.detail),
      [undefined, 'beslutning · 5 for, 2 imod'],
    );
    const en = documentSymbols(analysis, 'en').find((s) => s.name.startsWith('Punkt 4'))!;
    assert.strictEqual(en.children![1].detail, 'decision · 5 for, 2 against');
    const plain = documentSymbols(analysis, 'da').find((s) => s.name.startsWith('Punkt 5'))!;
    assert.strictEqual(plain.children![0].detail, 'beslutning');
  });

  it('the hover on the count or a side shows the whole vote', () => {
    const onCount = { line: lines.findIndex((l) => l.startsWith('Med stemmerne')), character: 5 };
    const onSide = { line: lines.findIndex((l) => l.startsWith('Imod stemte')), character: 3 };
    for (const p of [onCount, onSide]) {
      const h = hover(analysis, p, defaultConfig(), 'da')!;
      assert.deepStrictEqual((h.contents as { value: string }).value.split('\n').filter(Boolean), [
        '**Afstemning, punkt 4**',
        '5 for, 2 imod',
        'For: (A), (V), Eik Sand (C)  ',
        'Imod: (Ø), (F)',
      ]);
    }
    assert.strictEqual(
      hover(analysis, { line: lines.findIndex((l) => l.startsWith('Forvaltningen')), character: 3 }, defaultConfig(), 'da'),
      null,
    );
  });
});
