// What is minified and how a failure is told, without loading the minifiers: the main thread
// needs these, the minifiers run in the workers.
import type { BundleKind } from './join.js';

/** A source file the minifier (or, for a JOINED part, the join) cannot parse, with its position. */
export class MinifyError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly reason: string,
    readonly action: 'minify' | 'join' = 'minify'
  ) {
    super(`${file}${line ? `:${line}:${column ?? 0}` : ''}: cannot ${action}: ${reason}`);
    this.name = 'MinifyError';
  }
}

/** Why a part of a JOINED bundle is refused, for the end of its MinifyError: a stylesheet that does not parse, a script left open. */
export const cssPartMustParse = (bundle: string): string => `a part of JOINED ${bundle} must parse on its own, or it breaks the parts after it`;
export const jsPartMustClose = (bundle: string): string => `a part of JOINED ${bundle} must close its comments, strings, templates and regular expressions, or it takes in the parts after it`;

export function minifiableKind(relPath: string): BundleKind | undefined {
  if (/\.(m?js|cjs)$/i.test(relPath)) return 'js';
  if (/\.css$/i.test(relPath)) return 'css';
  return undefined;
}
