// References in a built object's output rewritten to the keys their targets are stored at. The
// output is scanned rather than the sources: a JOINED bundle's URLs are already rebased to its
// folder there, and the minifiers ran once, whatever the keys turn out to be.
import { cssReferences, writeUrl } from '../references/css.js';
import { JsSyntaxError, jsReferences, type JsReference } from '../references/js.js';
import { applyEdits, type Edit } from '../references/position.js';
import { isRelativeUrl, resolveUrl } from '../references/urls.js';
import { encodePath } from '../../render/urls.js';

/** A URL in the output that names a synced path, and how to write it back with another URL. */
export interface OutputReference {
  /** The MEDIA_ROOT-relative path it names. */
  target: string;
  url: string;
  start: number;
  end: number;
  write: (url: string) => string;
}

/** The sourceMappingURL comment a browser uses: the last one after all code; none in a file that does not parse. */
function jsMapComment(text: string, file: string): JsReference | undefined {
  try {
    return jsReferences(text, file).sourceMaps.at(-1);
  } catch (error) {
    if (error instanceof JsSyntaxError) return undefined;
    throw error;
  }
}

export function outputReferences(kind: 'css' | 'js', text: string, objectPath: string): OutputReference[] {
  const found: Omit<OutputReference, 'target'>[] = [];
  if (kind === 'css') {
    const references = cssReferences(text);
    for (const reference of [...references.urls, ...references.imports]) {
      const original = text.slice(reference.start, reference.end);
      found.push({ url: reference.url, start: reference.start, end: reference.end, write: (url) => writeUrl(url, reference.form, original) });
    }
    for (const comment of references.sourceMaps) found.push({ url: comment.url, start: comment.start, end: comment.end, write: (url) => `/*# sourceMappingURL=${url} */` });
  } else {
    const comment = jsMapComment(text, objectPath);
    if (comment) {
      const block = text.startsWith('/*', comment.start);
      found.push({ url: comment.url, start: comment.start, end: comment.end, write: (url) => (block ? `/*# sourceMappingURL=${url} */` : `//# sourceMappingURL=${url}`) });
    }
  }
  return found.flatMap((reference) => {
    const target = isRelativeUrl(reference.url) ? resolveUrl(reference.url, objectPath) : undefined;
    return target === undefined ? [] : [{ ...reference, target }];
  });
}

/** `../img/a.png?v#x` with the file named `a.3f9a2c1b7d0e.png` instead: the folder, query and fragment kept. */
export function renamedUrl(url: string, name: string): string {
  const cut = url.search(/[?#]/);
  const path = cut === -1 ? url : url.slice(0, cut);
  const suffix = cut === -1 ? '' : url.slice(cut);
  // resolveUrl decodes a %2F into a folder separator (as S3 does), so the folder may end at one.
  const encodedSlash = path.toLowerCase().lastIndexOf('%2f');
  const folderEnd = Math.max(path.lastIndexOf('/') + 1, encodedSlash === -1 ? 0 : encodedSlash + 3);
  return `${path.slice(0, folderEnd)}${encodePath(name)}${suffix}`;
}

/** The output with every reference whose target is stored under another key pointing at that key. */
export function rewriteOutput(text: string, references: readonly OutputReference[], keyOf: (path: string) => string | undefined): { text: string; edits: Edit[] } {
  const edits: Edit[] = [];
  for (const reference of references) {
    const key = keyOf(reference.target);
    if (key === undefined || key === reference.target) continue;
    edits.push({ start: reference.start, end: reference.end, text: reference.write(renamedUrl(reference.url, key.slice(key.lastIndexOf('/') + 1))) });
  }
  return { text: edits.length > 0 ? applyEdits(text, edits) : text, edits };
}
