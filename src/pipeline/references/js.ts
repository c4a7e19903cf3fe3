// The references of a script: its sourceMappingURL comments and, for an ES module, its import and
// export specifiers. Parsing also tells a module from a classic script.
import { parse, type Comment, type Node, type Options } from 'acorn';

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
  if (module) {
    for (const statement of program.body as Specifier[]) {
      const source = statement.source;
      if ((statement.type === 'ImportDeclaration' || statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportAllDeclaration') && source && typeof source.value === 'string') {
        imports.push({ url: source.value, line: source.loc!.start.line, column: source.loc!.start.column + 1, start: source.start, end: source.end });
      }
    }
  }
  const sourceMaps: JsReference[] = [];
  for (const comment of comments) {
    const match = SOURCE_MAP_COMMENT.exec(comment.value);
    if (match) sourceMaps.push({ url: match[1], line: comment.loc!.start.line, column: comment.loc!.start.column + 1, start: comment.start, end: comment.end });
  }
  return { module, imports, sourceMaps };
}

function syntaxError(error: unknown): JsSyntaxError {
  const { message, loc } = error as { message: string; loc?: { line: number; column: number } };
  return new JsSyntaxError(loc?.line, loc === undefined ? undefined : loc.column + 1, message);
}
