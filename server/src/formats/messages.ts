/** A message in both languages, as every user-visible message is. */
export interface Messages {
  da: string;
  en: string;
}

/**
 * A published file that cannot be read as text: a scan, a password, a broken file. The message
 * names no file; the caller puts the file name in front of it.
 */
export class ExtractError extends Error {
  constructor(readonly text: Messages) {
    super(text.en);
  }
}

export const MESSAGES = {
  noTextLayer: {
    da: 'PDF-filen har ingen tekst at læse: den ser ud til at være et indscannet billede. Kør den gennem tekstgenkendelse (OCR), eller tjek det dokument, den er lavet af.',
    en: 'the PDF has no text to read: it looks like a scanned image. Run it through text recognition (OCR), or lint the document it was made from.',
  },
  encrypted: {
    da: 'PDF-filen er beskyttet med en adgangskode og kan ikke læses.',
    en: 'the PDF is protected by a password and cannot be read.',
  },
  brokenPdf: (detail: string): Messages => ({
    da: `ikke en læsbar PDF-fil (${detail}).`,
    en: `not a readable PDF file (${detail}).`,
  }),
  brokenDocx: (detail: string): Messages => ({
    da: `ikke et læsbart Word-dokument (.docx) (${detail}).`,
    en: `not a readable Word document (.docx) (${detail}).`,
  }),
  pdfNeedsNewerNode: {
    da: 'PDF-filer kan kun læses med Node 20.19 eller nyere.',
    en: 'reading PDF files needs Node 20.19 or later.',
  },
  beyondLimits: (what: Messages): Messages => ({
    da: `filen læses ikke: ${what.da} (grænserne står i README'en under »Published formats«).`,
    en: `the file is not read: ${what.en} (the limits are in the README under "Published formats").`,
  }),
  tooDeep: (depth: number, limit: number): Messages => ({
    da: `websiden er indlejret mere end ${limit} elementer dybt (mindst ${depth}) og læses ikke.`,
    en: `the web page nests elements more than ${limit} deep (at least ${depth}) and is not read.`,
  }),
  failed: (detail: string): Messages => ({
    da: `filen kunne ikke læses (${detail}).`,
    en: `the file could not be read (${detail}).`,
  }),
  notAReferat: {
    da: 'teksten ligner ikke et referat (der står hverken REFERAT, Mødedato, Mødedeltagere eller "Punkt N:" i starten). Se den læste tekst med --extract.',
    en: 'the text does not look like a referat (no REFERAT, Mødedato, Mødedeltagere or "Punkt N:" near the top). See the text that was read with --extract.',
  },
} as const;
