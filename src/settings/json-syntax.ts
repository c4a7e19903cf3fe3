import * as jsonc from 'jsonc-parser';
import { oneLine } from '../one-line.js';

type ParseErrorName = ReturnType<typeof jsonc.printParseErrorCode>;

/** The parser's error codes in words a person editing the file acts on. */
const WHAT_WENT_WRONG: Record<ParseErrorName, string> = {
  InvalidSymbol: 'names and strings take "double quotes"; other values are numbers, true, false, null, [lists] or {objects}',
  InvalidNumberFormat: 'a number is not written as JSON writes numbers',
  PropertyNameExpected: 'expected a setting name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon after the name',
  CommaExpected: 'expected a comma before the next entry, or the } or ] that closes this one',
  CloseBraceExpected: 'expected } to close the object',
  CloseBracketExpected: 'expected ] to close the list',
  EndOfFileExpected: 'expected the end of the file after the closing }',
  InvalidCommentToken: 'a comment is not allowed here',
  UnexpectedEndOfComment: 'a /* comment is not closed with */',
  UnexpectedEndOfString: 'a string is not closed with " before its line ends',
  UnexpectedEndOfNumber: 'a number ends too soon',
  InvalidUnicode: 'a \\u escape needs four hex digits',
  InvalidEscapeCharacter: 'a backslash starts an escape JSON does not have (write \\\\ for a backslash)',
  InvalidCharacter: 'a string holds a control character such as a tab (write \\t)',
  '<unknown ParseErrorCode>': 'the parser stopped here'
};

/** Longest piece of the offending text quoted in a message. */
const QUOTED = 24;

/** Why `text` is not JSON at `error`, and what stands there. */
export function jsonSyntaxProblem(text: string, error: jsonc.ParseError): string {
  const found = text.slice(error.offset, error.offset + Math.max(error.length, 1));
  const shown = found.length > QUOTED ? `${found.slice(0, QUOTED)}…` : found;
  return `${WHAT_WENT_WRONG[jsonc.printParseErrorCode(error.error)]} (found ${found === '' ? 'the end of the file' : `\`${oneLine(shown)}\``})`;
}
