import * as jsonc from 'jsonc-parser';

type ParseErrorName = ReturnType<typeof jsonc.printParseErrorCode>;

/** The parser's error codes in words a person editing the settings acts on. */
const WHAT_WENT_WRONG: Record<ParseErrorName, string> = {
  InvalidSymbol: 'names and strings take "double quotes"; other values are numbers, true, false, null, [lists] or {objects}',
  InvalidNumberFormat: 'a number is not written as JSON writes numbers',
  PropertyNameExpected: 'expected a name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon after the name',
  CommaExpected: 'expected a comma before the next entry, or the } or ] that closes this one',
  CloseBraceExpected: 'expected } to close the object',
  CloseBracketExpected: 'expected ] to close the list',
  EndOfFileExpected: 'expected nothing after the closing bracket',
  InvalidCommentToken: 'a comment is not allowed here',
  UnexpectedEndOfComment: 'a /* comment is not closed with */',
  UnexpectedEndOfString: 'a string is not closed with " before its line ends',
  UnexpectedEndOfNumber: 'a number ends too soon',
  InvalidUnicode: 'a \\u escape needs four hex digits',
  InvalidEscapeCharacter: 'a backslash starts an escape JSON does not have (write \\\\ for a backslash)',
  InvalidCharacter: 'a string holds a control character such as a tab (write \\t)',
  '<unknown ParseErrorCode>': 'the parser stopped here'
};

/**
 * What stands where the parser stopped, never its content: that is often a value, and the text
 * did not parse, so nothing can tell a secret (AWS_SECRET, a URL's password or signed query)
 * from any other string. Only brackets, punctuation and the literals are quoted.
 */
function foundThere(token: string): string {
  if (token === '') return 'the end of the text';
  if (/^(?:[{}[\]:,]|true|false|null)$/.test(token)) return `\`${token}\``;
  if (token.startsWith('"')) return 'a string';
  if (token.startsWith('/')) return 'a comment';
  if (/^-?\d/.test(token)) return 'a number';
  if (/^[!-~]$/.test(token)) return `\`${token}\``;
  // A space JSON does not take, or an invisible character (a pasted no-break space): named by its code.
  if (/^[\s\p{Cf}]/u.test(token)) return `the character U+${token.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return 'a word';
}

/** Why `text` is not JSON at `error`, and what kind of thing stands there. */
export function jsonSyntaxProblem(text: string, error: jsonc.ParseError): string {
  const token = text.slice(error.offset, error.offset + Math.max(error.length, 1));
  return `${WHAT_WENT_WRONG[jsonc.printParseErrorCode(error.error)]} (found ${foundThere(token)})`;
}
