import path from 'node:path';
import { MinifyError } from './pipeline/minifiable.js';
import type { FilePosition } from './reporter.js';

export interface MinifyFailure extends FilePosition {
  /** `media/scripts/app.js:3:5: cannot minify: Unexpected token`, the form editors and terminals link. */
  message: string;
  /** `Cannot minify`, or `Cannot join` for a JOINED part that does not parse on its own. */
  title: string;
}

/**
 * Where a file that failed to minify lives, relative to `base` (the workspace or the terminal's
 * folder) so GitHub annotations and editors can open it; undefined for any other error.
 */
export function minifyFailure(error: unknown, mediaRoot: string, base: string): MinifyFailure | undefined {
  if (!(error instanceof MinifyError)) return undefined;
  const file = path.relative(base, path.resolve(mediaRoot, error.file)).split(path.sep).join('/');
  const at = error.line ? `${file}:${error.line}:${error.column ?? 1}` : file;
  return { file, line: error.line, column: error.column, message: `${at}: cannot ${error.action}: ${error.reason}`, title: `Cannot ${error.action}` };
}

/** The error again, a minify failure named as file:line:col from `base`, for a shell that prints messages. */
export function namedFrom(error: unknown, mediaRoot: string, base: string): unknown {
  const failure = minifyFailure(error, mediaRoot, base);
  return failure ? new Error(failure.message) : error;
}
