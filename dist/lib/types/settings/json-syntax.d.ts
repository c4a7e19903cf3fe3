import * as jsonc from 'jsonc-parser';
/** Why `text` is not JSON at `error`, and what kind of thing stands there. */
export declare function jsonSyntaxProblem(text: string, error: jsonc.ParseError): string;
