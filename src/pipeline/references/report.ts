import path from 'node:path';
import type { FilePosition } from '../../reporter.js';
import type { Reference } from './index.js';

/**
 * The warning for a reference to nothing that is synced (the page will get a 404), placed in the
 * file as seen from the working folder, so annotations and terminals can open it.
 */
export function missingReference(reference: Reference, mediaRoot: string, base = process.cwd()): { message: string; position: FilePosition } {
  const file = path.relative(base, path.resolve(mediaRoot, reference.file)).split(path.sep).join('/');
  const message =
    reference.target === undefined
      ? `${reference.url} points outside MEDIA_ROOT, so it is not synced`
      : `${reference.url} names ${reference.target}, which is not a synced file in MEDIA_ROOT`;
  return { message, position: { file, line: reference.line, column: reference.column } };
}
