import type { Item, NameRef } from '../core/model';
import { isWhite, trimmedEnd } from '../core/text';
import { nameKeys } from './keys';
import { memberMatcher, NearNames } from './members';
import { msg, type Rule } from './types';

/** Words in an item that explain why its absentees differ: came late, left, did not take part. */
export const EXPLAINED =
  /ankom|kom\s+(?:senere|kl\.?)|mødte\s+(?:op|kl\.?)|forlod|gik\s+(?:kl\.?|under|efter)|deltog\s+ikke|inhabil|erklærede\s+sig|fra\s+punkt|fra\s+kl\.?|til\s+stede\s+fra|under\s+behandlingen/i;

const SHORTEST_EXPLANATION = 'ankom'.length;

const WORD_BREAK = /[^\p{L}\p{N}'’-]+/u;

/** Absentee lists that differ between items, from Fraværende, or in spelling. */
export const absenteeInconsistent: Rule = {
  id: 'absentee-inconsistent',
  description: msg('Afbudslisterne er ikke ens på tværs af punkterne.', 'The absentee lists differ across items.'),
  defaultSeverity: 'warning',
  tags: ['absentees'],
  fixable: true,
  scope: 'document',
  reads: ['headings', 'decisions'],
  check({ model, lines, config }, report) {
    const members = model.meeting.members;
    const nameKey = nameKeys();
    const withList = model.items.filter((i) => i.decision && i.decision.afbudLine !== undefined && !i.closed);

    // Spelling: without a member list, one person written two ways across items; the majority spelling is meant.
    const respelled = new Map<string, string>();
    if (members.length === 0) {
      const spellings = new Map<string, NameRef[]>();
      for (const item of withList)
        for (const ref of item.decision!.absentees) {
          const k = nameKey(ref.name);
          const refs = spellings.get(k);
          if (refs) refs.push(ref);
          else spellings.set(k, [ref]);
        }
      const keys = [...spellings.keys()];
      const near = new NearNames(keys);
      for (const [i, a] of keys.entries())
        for (const { index } of near.within(a, a.length >= 12 ? 2 : 1)) {
          const [b, ra, rb] = [keys[index], spellings.get(a)!, spellings.get(keys[index])!];
          if (index === i || ra.length <= rb.length) continue;
          const intended = ra[0].name;
          respelled.set(b, a);
          for (const ref of rb) {
            report({
              range: ref.range,
              message: msg(
                `"${ref.name}" staves "${intended}" i de andre punkter.`,
                `"${ref.name}" is spelled "${intended}" in the other items.`,
              ),
              fix: { title: msg(`Ret til "${intended}"`, `Change to "${intended}"`), edits: [{ range: ref.range, newText: intended }] },
            });
          }
        }
    }

    // Who a written name means: the member (exact or near; a near miss is absentee-not-member's), or the name as spelled by most.
    const matchMember = memberMatcher(members, config);
    const personOf = new Map<string, string>();
    const person = (name: string): string => {
      let p = personOf.get(name);
      if (p === undefined) {
        const m = members.length > 0 ? matchMember(name) : undefined;
        const k = nameKey(name);
        p = m && m.kind !== 'none' ? nameKey(m.member.name) : (respelled.get(k) ?? k);
        personOf.set(name, p);
      }
      return p;
    };
    const persons = (refs: readonly NameRef[]): Set<string> => new Set(refs.map((r) => person(r.name)));
    const setKey = (refs: readonly NameRef[]): string => (refs.length === 1 ? person(refs[0].name) : [...persons(refs)].sort().join('|'));
    // Each item's list as a key, read once: the checks below compare every item with the expected list.
    const itemKeys = withList.map((item) => setKey(item.decision!.absentees));
    // Lines that say someone came late, left or did not take part; a difference is explained when such a line names the person.
    // Their words go into one set, so that checking an item costs the same however many such lines the document has.
    // Read at the first list that differs: a document whose lists agree needs none of it.
    let explaining: Set<string> | undefined;
    const explainingWords = (): Set<string> => (explaining ??= readExplainingWords());
    const readExplainingWords = (): Set<string> => {
      const words = new Set<string>();
      for (const item of model.items)
        for (let l = item.line; l <= item.endLine; l++) {
          // No phrase of EXPLAINED is shorter than `ankom`: the blank and short lines, near half of a referat, are not searched.
          if (lines[l].length >= SHORTEST_EXPLANATION && EXPLAINED.test(lines[l]))
            for (const w of nameKey(lines[l]).split(WORD_BREAK)) if (w) words.add(w);
        }
      const addWords = (refs: readonly NameRef[]): void => {
        for (const ref of refs) for (const w of nameKey(ref.name).split(WORD_BREAK)) if (w) words.add(w);
      };
      addWords(model.meeting.partialAbsentees);
      for (const item of model.items) addWords(item.partialAbsentees);
      return words;
    };
    const differenceExplained = (own: Set<string>, expected: Set<string>): boolean => {
      const words = explainingWords();
      const differing = [...own].filter((p) => !expected.has(p)).concat([...expected].filter((p) => !own.has(p)));
      return differing.every((p) => {
        const parts = p.split(WORD_BREAK).filter(Boolean);
        const last = parts[parts.length - 1] ?? '';
        return last.length > 2 ? words.has(last) : parts.length > 0 && parts.every((w) => words.has(w));
      });
    };
    /** Whether the text explains how a list (with its key) differs from `expected`; a list of one person, its key, is judged once per person. */
    const explainer = (expected: Set<string>): ((refs: readonly NameRef[], key: string) => boolean) => {
      const byPerson = new Map<string, boolean>();
      return (refs, key) => {
        if (explainingWords().size === 0) return false;
        if (refs.length !== 1) return differenceExplained(persons(refs), expected);
        let verdict = byPerson.get(key);
        if (verdict === undefined) {
          verdict = differenceExplained(new Set([key]), expected);
          byPerson.set(key, verdict);
        }
        return verdict;
      };
    };

    const labelRange = (item: Item) => {
      const l = item.decision!.afbudLine!;
      const text = lines[l];
      // Where trimStart and trimEnd would cut, without the copies.
      let start = 0;
      while (start < text.length && isWhite(text.charCodeAt(start))) start++;
      return { start: { line: l, character: start }, end: { line: l, character: trimmedEnd(text) } };
    };

    // Against the meeting-level Fraværende list.
    if (model.meeting.absenteesLine !== undefined) {
      const expected = setKey(model.meeting.absentees);
      const explained = explainer(persons(model.meeting.absentees));
      const names = model.meeting.absentees.map((r) => r.name).join(', ') || '—';
      for (let k = 0; k < withList.length; k++) {
        const item = withList[k];
        if (itemKeys[k] === expected || explained(item.decision!.absentees, itemKeys[k])) continue;
        report({
          range: labelRange(item),
          // A member may come late or leave: a different list is worth a look, not a claim of a slip.
          severity: 'information',
          message: msg(
            `Afbud i punkt ${item.numberText} svarer ikke til mødets Fraværende (${names}), og teksten siger ikke hvorfor.`,
            `The absentees of item ${item.numberText} differ from the meeting's Fraværende (${names}) and the text does not say why.`,
          ),
        });
      }
      return;
    }

    // Against the other items: the list most items share.
    if (withList.length < 3) return;
    const counts = new Map<string, number>();
    for (const k of itemKeys) counts.set(k, (counts.get(k) ?? 0) + 1);
    // The first list with the highest count, as a stable sort by count would put first.
    let [majority, count] = ['', 0];
    for (const [k, n] of counts) if (n > count) [majority, count] = [k, n];
    if (count * 2 <= withList.length) return;
    const majorityRefs = withList[itemKeys.indexOf(majority)].decision!.absentees;
    const majorityNames = majorityRefs.map((r) => r.name).join(', ');
    const explained = explainer(persons(majorityRefs));
    for (let k = 0; k < withList.length; k++) {
      const item = withList[k];
      if (itemKeys[k] === majority || explained(item.decision!.absentees, itemKeys[k])) continue;
      report({
        range: labelRange(item),
        severity: 'information',
        message: msg(
          `Afbud i punkt ${item.numberText} afviger fra de andre punkter (${majorityNames || 'ingen'}), og teksten siger ikke hvorfor.`,
          `The absentees of item ${item.numberText} differ from the other items (${majorityNames || 'none'}) and the text does not say why.`,
        ),
      });
    }
  },
};
