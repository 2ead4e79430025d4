import { printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';
import type { Message } from './rules/types';

/** jsonc-parser's error codes (`ValueExpected`, …) in words, Danish and English. */
const DANISH: Record<string, string> = {
  InvalidSymbol: 'ugyldigt tegn',
  InvalidNumberFormat: 'ugyldigt tal',
  PropertyNameExpected: 'der mangler et navn på en nøgle',
  ValueExpected: 'der mangler en værdi',
  ColonExpected: 'der mangler et kolon',
  CommaExpected: 'der mangler et komma',
  CloseBraceExpected: 'der mangler en }',
  CloseBracketExpected: 'der mangler en ]',
  EndOfFileExpected: 'der står mere efter slutningen',
  InvalidCommentToken: 'ugyldig kommentar',
  UnexpectedEndOfComment: 'en kommentar slutter ikke',
  UnexpectedEndOfString: 'en tekst slutter ikke',
  UnexpectedEndOfNumber: 'et tal slutter for tidligt',
  InvalidUnicode: 'ugyldig unicode-kode',
  InvalidEscapeCharacter: 'ugyldig escape-sekvens',
  InvalidCharacter: 'ugyldigt tegn',
};

const ENGLISH: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a key name is missing',
  ValueExpected: 'a value is missing',
  ColonExpected: 'a colon is missing',
  CommaExpected: 'a comma is missing',
  CloseBraceExpected: 'a } is missing',
  CloseBracketExpected: 'a ] is missing',
  EndOfFileExpected: 'more text after the end',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'a comment does not end',
  UnexpectedEndOfString: 'a string does not end',
  UnexpectedEndOfNumber: 'a number ends too early',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidCharacter: 'invalid character',
};

export function jsonErrorWords(code: ParseErrorCode): Message {
  const name = printParseErrorCode(code);
  return { da: DANISH[name] ?? name, en: ENGLISH[name] ?? name };
}
