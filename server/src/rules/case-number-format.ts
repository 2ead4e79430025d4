import { dominantScheme, kindOf, schemeOf } from './case-numbers';
import { msg, type Message, type Rule } from './types';

const SCHEME_NAMES: Record<string, Message> = {
  kle: msg('KLE med facet og løbenummer (00.01.00G01-143-24)', 'KLE with facet and serial (00.01.00G01-143-24)'),
  'kle-short': msg('KLE uden løbenummer (00.22.04.G01)', 'KLE without serial (00.22.04.G01)'),
  'year-serial': msg('år/løbenummer (21/24526 eller 22-006881)', 'year/serial (21/24526 or 22-006881)'),
  custom: msg('et konfigureret mønster', 'a configured pattern'),
};

function describeScheme(scheme: string): Message {
  const parts = scheme.split('+').map((k) => SCHEME_NAMES[k] ?? msg(k, k));
  return msg(parts.map((p) => p.da).join(' + '), parts.map((p) => p.en).join(' + '));
}

/** What is wrong with a malformed number, where it can be told. */
function diagnose(text: string): Message {
  if (/^\d{2}\.\d{2}\.\d{2}\.?[A-ZÆØÅ](?:-|$)/.test(text)) return msg('handlingsfacetten mangler sine cifre', 'the facet lacks its digits');
  if (/^\d{2}\.\d{2}\.\d{2}[A-ZÆØÅ]\d{2}-\d*[A-ZÆØÅa-zæøå]/.test(text)) return msg('løbenummeret indeholder et bogstav', 'the serial contains a letter');
  if (/^\d{2}\.\d{2}\.\d{2}[A-ZÆØÅ]\d{2}-\d+$/.test(text)) return msg('årstallet mangler', 'the year is missing');
  if (/^\d{2}\.\d{2}[A-ZÆØÅ]\d{2}/.test(text) || /^\d{2}\.\d{2}\.[A-ZÆØÅ]/.test(text)) return msg('et segment af emnenummeret mangler', 'a segment of the subject number is missing');
  if (/^\d{2}\.\d{2}\.\d{2}[A-ZÆØÅ]\d{2}--/.test(text)) return msg('løbenummeret mangler', 'the serial is missing');
  return msg('det passer ikke til nogen kendt form', 'it fits no known scheme');
}

/** Case numbers that fit no known scheme, or not the scheme the document's other items use. */
export const caseNumberFormat: Rule = {
  id: 'case-number-format',
  description: msg('Et sagsnummer har en ugyldig form.', 'A case number has an invalid form.'),
  defaultSeverity: 'warning',
  tags: ['case-numbers'],
  fixable: false,
  scope: 'document',
  check({ model, config }, report) {
    const dominant = dominantScheme(model, config);
    for (const item of model.items) {
      let reported = false;
      for (const c of item.caseNumbers) {
        if (kindOf(c, config) !== 'other') continue;
        const why = diagnose(c.text);
        reported = true;
        report({
          range: c.range,
          message: msg(`Sagsnummeret "${c.text}" er ugyldigt: ${why.da}.`, `The case number "${c.text}" is malformed: ${why.en}.`),
        });
      }
      if (reported || !dominant || item.caseNumbers.length === 0) continue;
      const scheme = schemeOf(item, config);
      if (scheme === dominant) continue;
      const expected = describeScheme(dominant);
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
