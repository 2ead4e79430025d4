/**
 * Standing items: formalities that recur in every meeting and often carry no case number and a
 * one-word decision. A title is one when it starts with one of these, or names one after a committee
 * (`Social- og Handicapudvalget - mødekalender 2023`). The configuration can replace both lists.
 */
export const DEFAULT_STANDING_ITEMS = [
  'Godkendelse af dagsorden',
  'Godkendelse af referat',
  'Eventuelt',
  'Underskriftsblad',
  'Underskriftsside',
  'Underskriftsark',
  'Underskrift',
  'Evaluering af dagens møde',
  'Meddelelser',
  'Gensidig orientering',
  'Orientering fra formanden',
  'Orientering fra administrationen',
  'Orientering fra forvaltningen',
  'Orientering',
  'Huskeliste',
  'Spørgetid',
  'Borgmesteren orienterer',
  'Henvendelser til formanden',
  'Mødekalender',
  'Mødeplan',
];

/** Items that need no decision text: the formalities that close a meeting. */
export const DEFAULT_DECISION_EXEMPTIONS = [
  'Eventuelt',
  'Underskriftsblad',
  'Underskriftsside',
  'Underskriftsark',
  'Evaluering af dagens møde',
];
