// The references of a script: its sourceMappingURL comments and, for an ES module, its import and
// export specifiers and the import() calls of a constant string in any script. Parsing also
// tells a module from a classic script.
import { parse, tokenizer, type Comment, type Node, type Options } from 'acorn';

export interface JsReference {
  url: string;
  line: number;
  column: number;
  /** The source range: the whole comment for a sourceMappingURL, the quoted specifier for an import. */
  start: number;
  end: number;
}

export interface JsReferences {
  module: boolean;
  imports: JsReference[];
  /** The sourceMappingURL comments after the last code, in order: a browser uses the last. */
  sourceMaps: JsReference[];
}

/** A file that parses as neither a script nor a module, with acorn's position. */
export class JsSyntaxError extends Error {
  constructor(
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly reason: string
  ) {
    super(reason);
    this.name = 'JsSyntaxError';
  }
}

const SOURCE_MAP_COMMENT = /^[#@]\s*sourceMappingURL=(\S+)\s*$/;

interface Specifier {
  type: string;
  source?: (Node & { value: unknown }) | null;
}

/**
 * Parse as a classic script, and only if that fails as a module (`.mjs` always as a module): a
 * script's top-level names are globals other scripts use, so a file is a module only when it must be.
 */
export function jsReferences(text: string, file: string): JsReferences {
  const comments: Comment[] = [];
  const options = (sourceType: 'script' | 'module'): Options => ({ ecmaVersion: 'latest', sourceType, allowHashBang: true, locations: true, onComment: comments });
  let program;
  let module = /\.mjs$/i.test(file);
  try {
    program = parse(text, options(module ? 'module' : 'script'));
  } catch (scriptError) {
    if (module) throw syntaxError(scriptError);
    comments.length = 0;
    try {
      program = parse(text, options('module'));
      module = true;
    } catch {
      throw syntaxError(scriptError);
    }
  }
  const imports: JsReference[] = [];
  const specifier = (source: Node & { value?: unknown; expressions?: unknown[]; quasis?: { value: { cooked?: string | null } }[] }) => {
    // A string, or a template literal with nothing substituted: a constant a browser resolves.
    const url = source.type === 'Literal' ? source.value : source.type === 'TemplateLiteral' && source.expressions!.length === 0 ? source.quasis![0].value.cooked : undefined;
    if (typeof url === 'string') imports.push({ url, line: source.loc!.start.line, column: source.loc!.start.column + 1, start: source.start, end: source.end });
  };
  if (module) {
    for (const statement of program.body as Specifier[]) {
      if ((statement.type === 'ImportDeclaration' || statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportAllDeclaration') && statement.source) specifier(statement.source);
    }
  }
  // import('./x.js') loads a module from a classic script too; only a constant string names a file.
  if (text.includes('import')) {
    forEachNode(program, (node) => {
      if (node.type === 'ImportExpression') specifier((node as Node & { source: Node }).source);
    });
  }
  imports.sort((a, b) => a.start - b.start);
  return { module, imports, sourceMaps: mapCommentsAfter(comments, (program.body.at(-1) as Node | undefined)?.end ?? 0) };
}

/** Only comments after the last code count (ECMA-426): a string or template holding the text is no comment, and neither is a comment followed by more code. */
function mapCommentsAfter(comments: readonly Comment[], codeEnd: number): JsReference[] {
  const sourceMaps: JsReference[] = [];
  for (const comment of comments) {
    if (comment.start < codeEnd) continue;
    const match = SOURCE_MAP_COMMENT.exec(comment.value);
    if (match) sourceMaps.push({ url: match[1], line: comment.loc!.start.line, column: comment.loc!.start.column + 1, start: comment.start, end: comment.end });
  }
  return sourceMaps;
}

/** acorn's errors for a token left open at the end of the text (not a group or class inside a regular expression). */
const UNTERMINATED = /^Unterminated (comment|string constant|template|regular expression)/;

/**
 * A script that does not parse, read token by token to its end whatever its grammar errors:
 * the comment, string, template or regular expression it leaves open (which would take in what
 * follows it), else its sourceMappingURL comments after the last token. Other token errors say nothing.
 */
export function scanScript(text: string): { unterminated?: JsSyntaxError; sourceMaps: JsReference[] } {
  const comments: Comment[] = [];
  let lastTokenEnd = 0;
  try {
    for (const token of tokenizer(text, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true, allowReturnOutsideFunction: true, locations: true, onComment: comments })) lastTokenEnd = token.end;
  } catch (error) {
    const scanned = syntaxError(error);
    return UNTERMINATED.test(scanned.reason) ? { unterminated: scanned, sourceMaps: [] } : { sourceMaps: [] };
  }
  return { sourceMaps: mapCommentsAfter(comments, lastTokenEnd) };
}

/** Every node under `root`, in no particular order; a stack, not recursion, so deep nesting cannot overflow. */
function forEachNode(root: Node, visit: (node: Node) => void): void {
  const stack = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    visit(node);
    for (const key in node) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (value === null || typeof value !== 'object' || key === 'loc') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (typeof (child as Node | null)?.type === 'string') stack.push(child as Node);
      }
    }
  }
}

function syntaxError(error: unknown): JsSyntaxError {
  const { message, loc } = error as { message: string; loc?: { line: number; column: number } };
  // acorn ends its message with the position, which the error carries on its own.
  return new JsSyntaxError(loc?.line, loc === undefined ? undefined : loc.column + 1, message.replace(/ \(\d+:\d+\)$/, ''));
}
