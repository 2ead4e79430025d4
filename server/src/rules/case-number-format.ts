import type { CaseNumber, Item } from '../core/model';
import { caseNumberShape, readCaseNumber } from '../core/caseNumber';
import { itemSchemeKey } from '../core/layout/caseNumbers';
import { kindOf } from './case-numbers';
import { msg, type Message, type Rule } from './types';

const KIND_NAMES: Record<string, Message> = {
  kle: msg('KLE med facet og løbenummer', 'KLE with facet and serial'),
  'kle-short': msg('KLE uden løbenummer', 'KLE without serial'),
  'year-serial': msg('år og løbenummer', 'year and serial'),
  prefixed: msg('system, år og løbenummer', 'system, year and serial'),
  'municipality-year-serial': msg('kommune, år og løbenummer', 'municipality, year and serial'),
  serial: msg('løbenummer', 'serial number'),
  other: msg('dokumentets egen form', "the document's own form"),
};

/** The document's scheme as a reader knows it: its kinds, each with an example (`år og løbenummer, som 22-006881`). */
function describeScheme(parts: ReadonlyArray<{ kind: string; example: string }>): Message {
  const da = parts.map((p) => `${(KIND_NAMES[p.kind] ?? KIND_NAMES.other).da}, som ${p.example}`).join(' + ');
  const en = parts.map((p) => `${(KIND_NAMES[p.kind] ?? KIND_NAMES.other).en}, like ${p.example}`).join(' + ');
  return msg(da, en);
}

/** What is wrong with a malformed KLE number, where it can be told. */
function diagnose(text: string): Message | undefined {
  // A letter where a digit belongs (`25/33O2`, O for 0; l or I for 1), when the digit makes a number of a known scheme.
  const digits = text.replace(/[Oo]/g, '0').replace(/[lI]/g, '1');
  if (digits !== text) {
    const reading = readCaseNumber(digits);
    if (reading && reading.kind !== 'other')
      return msg(
        'et bogstav står hvor der skal være et ciffer (O for 0, l for 1)',
        'a letter stands where a digit belongs (O for 0, l for 1)',
      );
  }
  if (/^\d{2}\.\d{2}\.\d{2}\.?[A-ZÆØÅ](?:-|$)/.test(text)) return msg('handlingsfacetten mangler sine cifre', 'the facet lacks its digits');
  if (/^\d{2}\.\d{2}\.\d{2}[A-ZÆØÅ]\d{2}-\d*[A-ZÆØÅa-zæøå]/.test(text))
    return msg('løbenummeret indeholder et bogstav', 'the serial contains a letter');
  if (/^\d{2}\.\d{2}\.\d{2}[A-ZÆØÅ]\d{2}-\d+$/.test(text)) return msg('årstallet mangler', 'the year is missing');
  if (/^\d{2}\.\d{2}[A-ZÆØÅ]\d{2}/.test(text) || /^\d{2}\.\d{2}\.[A-ZÆØÅ]/.test(text))
    return msg('et segment af emnenummeret mangler', 'a segment of the subject number is missing');
  if (/^\d{2}\.\d{2}\.\d{2}[A-ZÆØÅ]\d{2}--/.test(text)) return msg('løbenummeret mangler', 'the serial is missing');
  return undefined;
}

/**
 * Case numbers judged against the document's own scheme, which the layout step learns from most of its
 * items (KLE, `21/24526`, `22-006881`, `EMN-2025-003383`, `330-2018-3619`, or a form of its own). A number
 * that fits neither that scheme nor a known one is malformed; an item whose numbers follow another known
 * scheme than the rest is reported too. Without a scheme to judge by, a number of no known form is information.
 */
export const caseNumberFormat: Rule = {
  id: 'case-number-format',
  description: msg('Et sagsnummer har en ugyldig form.', 'A case number has an invalid form.'),
  defaultSeverity: 'warning',
  tags: ['case-numbers'],
  fixable: false,
  scope: 'document',
  reads: ['caseNumbers'],
  check({ model, config }, report) {
    const scheme = model.layout.caseNumberScheme;
    const ownShapes = new Set((scheme?.parts ?? []).filter((p) => p.kind === 'other').map((p) => p.shape));
    const fitsOwn = (c: CaseNumber): boolean => ownShapes.has(caseNumberShape(c.text));
    const schemeParts = scheme ? new Set(scheme.key.split('+')) : undefined;
    // The scheme as the messages describe it, written once for all its findings.
    let described: Message | undefined;
    for (const item of model.items) {
      let reported = false;
      for (const c of item.caseNumbers) {
        if (kindOf(c, config) !== 'other' || fitsOwn(c)) continue;
        reported = true;
        const why = diagnose(c.text);
        if (scheme) {
          const expected = (described ??= describeScheme(scheme.parts));
          report({
            range: c.range,
            message: msg(
              `Sagsnummeret "${c.text}" er ugyldigt: ${why ? why.da : `det passer hverken til dokumentets form (${expected.da}) eller til en kendt form`}.`,
              `The case number "${c.text}" is malformed: ${why ? why.en : `it fits neither the document's scheme (${expected.en}) nor a known one`}.`,
            ),
          });
        } else {
          report({
            range: c.range,
            severity: why ? undefined : 'information',
            message: msg(
              `Sagsnummeret "${c.text}" ${why ? `er ugyldigt: ${why.da}` : 'har ingen kendt form, og dokumentet har for få sagsnumre til at vise sin egen'}.`,
              `The case number "${c.text}" ${why ? `is malformed: ${why.en}` : 'has no known form, and the document has too few case numbers to show its own'}.`,
            ),
          });
        }
      }
      // A number that fits a configured pattern is the team's own scheme: accepted wherever it stands.
      if (
        reported ||
        !scheme ||
        item.caseNumbers.length === 0 ||
        followsScheme(item, scheme.key, schemeParts!) ||
        item.caseNumbers.every((c) => kindOf(c, config) === 'custom')
      )
        continue;
      const expected = (described ??= describeScheme(scheme.parts));
      const first = item.caseNumbers[0];
      const last = item.caseNumbers[item.caseNumbers.length - 1];
      report({
        range: { start: first.range.start, end: last.range.end },
        message: msg(
          `Sagsnummeret "${item.caseNumbers.map((c) => c.text).join(' ')}" følger ikke dokumentets form: ${expected.da}.`,
          `The case number "${item.caseNumbers.map((c) => c.text).join(' ')}" does not follow the document's scheme: ${expected.en}.`,
        ),
      });
    }
  },
};

function followsScheme(item: Item, key: string, parts: ReadonlySet<string>): boolean {
  const own = itemSchemeKey(item);
  // An item may carry one of the scheme's numbers alone (Lejre's KLE without the year/serial).
  return own === key || parts.has(own);
}
