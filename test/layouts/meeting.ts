import * as fc from 'fast-check';

/**
 * A fictional meeting, before any layout: what a referat says, whatever it looks like. Every name,
 * committee and title here is invented.
 */

export interface FictionalMember {
  name: string;
  party: string;
  /** Formand, Næstformand, or none. */
  role?: string;
}

export interface FictionalItem {
  number: number;
  title: string;
  /** Serial of the case number; standing items have none. */
  caseSerial?: number;
  /** Godkendelse af dagsorden, Eventuelt: no case number, a one-word decision. */
  standing: boolean;
  /** Lukket: published without text. */
  closed: boolean;
  /** The decision text, or null where the item has none by nature (a question put to the council). */
  decision: string | null;
}

export interface FictionalMeeting {
  committee: string;
  year: number;
  month: number;
  day: number;
  members: FictionalMember[];
  /** Names of members absent from the whole meeting. */
  absentees: string[];
  items: FictionalItem[];
}

const FIRST = [
  'Agnete',
  'Bjarke',
  'Cecilie',
  'Dines',
  'Ellen',
  'Frode',
  'Gunhild',
  'Holger',
  'Ingeborg',
  'Jeppe',
  'Kirstine',
  'Leif',
  'Malene',
  'Nikolaj',
  'Oda',
  'Preben',
];
const LAST = [
  'Holmgaard',
  'Vestergren',
  'Lykkebo',
  'Andkjær',
  'Brandholm',
  'Fenger',
  'Krogsbæk',
  'Mølbjerg',
  'Rask',
  'Sandholt',
  'Thorbøll',
  'Ulvedal',
];
const PARTIES = ['A', 'V', 'F', 'Ø', 'C', 'O', 'B', 'I', 'Å'];
export const COMMITTEES = [
  'Udvalget for Natur og Fritid',
  'Børne- og Ungeudvalget',
  'Teknik- og Klimaudvalget',
  'Social- og Seniorudvalget',
  'Kultur- og Bevægelsesudvalget',
];
/** Titles of case items; the long ones are those a layout may wrap. */
const CASE_TITLES = [
  'Budgetopfølgning pr. 31. marts',
  'Renovering af Stejleskolens idrætshal',
  'Trafikplan for Kærby bymidte og de omkringliggende landsbyer',
  'Naturpolitik for Hølund Kommune',
  'Tilskud til foreningernes lokaleleje',
  'Høring om vandplan for Ålunden og Mosebækken',
  'Udbud af vintertjeneste',
  'Kvalitetsrapport for dagtilbud og fritidshjem i skoleåret',
  'Ansøgning om anlægsbevilling til ny legeplads i Nørreby',
  'Strategi for klimatilpasning af de kommunale bygninger',
];
const DECISIONS = [
  'Godkendt.',
  'Indstillingen blev godkendt.',
  'Taget til efterretning.',
  'Udvalget anbefaler indstillingen over for Økonomiudvalget.',
];

const memberArb: fc.Arbitrary<FictionalMember[]> = fc
  .uniqueArray(fc.tuple(fc.nat(FIRST.length - 1), fc.nat(LAST.length - 1)), {
    minLength: 3,
    maxLength: 7,
    comparator: (a, b) => a[0] === b[0] || a[1] === b[1],
  })
  .chain((pairs) =>
    fc
      .tuple(fc.array(fc.constantFrom(...PARTIES), { minLength: pairs.length, maxLength: pairs.length }), fc.boolean())
      .map(([parties, withRoles]) =>
        pairs.map(([f, l], k) => {
          const m: FictionalMember = { name: `${FIRST[f]} ${LAST[l]}`, party: parties[k] };
          if (withRoles && k === 0) m.role = 'Formand';
          if (withRoles && k === 1) m.role = 'Næstformand';
          return m;
        }),
      ),
  );

const caseItemArb = fc.record({
  title: fc.constantFrom(...CASE_TITLES),
  caseSerial: fc.integer({ min: 101, max: 98765 }),
  decision: fc.constantFrom(...DECISIONS),
});

/** Items: the agenda's approval, case items, maybe a question without decision, maybe a closed item, Eventuelt. */
const itemsArb: fc.Arbitrary<FictionalItem[]> = fc
  .record({
    start: fc.constantFrom(1, 1, 14, 87),
    cases: fc.uniqueArray(caseItemArb, { minLength: 1, maxLength: 4, selector: (c) => c.title }),
    question: fc.boolean(),
    closed: fc.boolean(),
    eventuelt: fc.boolean(),
  })
  .map(({ start, cases, question, closed, eventuelt }) => {
    const items: FictionalItem[] = [];
    const add = (i: Omit<FictionalItem, 'number'>): void => void items.push({ number: start + items.length, ...i });
    add({ title: 'Godkendelse af dagsorden', standing: true, closed: false, decision: 'Godkendt.' });
    for (const c of cases) add({ title: c.title, caseSerial: c.caseSerial, standing: false, closed: false, decision: c.decision });
    if (question)
      add({ title: 'Spørgsmål om åbningstider på genbrugspladsen', caseSerial: 4321, standing: false, closed: false, decision: null });
    if (closed) add({ title: 'Lukket: Salg af erhvervsgrund', caseSerial: 777, standing: false, closed: true, decision: 'Godkendt.' });
    if (eventuelt) add({ title: 'Eventuelt', standing: true, closed: false, decision: 'Intet.' });
    return items;
  });

export const meetingArb: fc.Arbitrary<FictionalMeeting> = fc
  .record({
    committee: fc.constantFrom(...COMMITTEES),
    year: fc.integer({ min: 2019, max: 2025 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    members: memberArb,
    absentCount: fc.nat(2),
    items: itemsArb,
  })
  .map(({ absentCount, members, ...rest }) => ({
    ...rest,
    members,
    absentees: members.slice(members.length - Math.min(absentCount, members.length - 2)).map((m) => m.name),
  }));
