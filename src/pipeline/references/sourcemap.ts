// Source maps for stored objects: a part's map chained onto its own input map, sources written
// relative to the object's folder, and a JOINED bundle's parts stitched into one index map.
import { GenMapping, addSegment, setSourceContent, toEncodedMap } from '@jridgewell/gen-mapping';
import remapping from '@jridgewell/remapping';
import { encodePath } from '../../render/urls.js';
import { isRelativeUrl, rebaseUrl, resolveUrl } from './urls.js';

export interface RawMap {
  version: 3;
  file?: string | null;
  sources: (string | null)[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
  sourceRoot?: string;
}

export interface IndexMap {
  version: 3;
  file: string;
  sections: { offset: { line: number; column: number }; map: RawMap }[];
}

/** For text that is not minified: each line maps to the same line of `source` (enough to name the file and line). */
export function identityMap(text: string, source: string): RawMap {
  const map = new GenMapping({ file: source });
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.length > 0) addSegment(map, index, 0, source, index, 0);
  });
  setSourceContent(map, source, text);
  return toEncodedMap(map) as RawMap;
}

/**
 * `map` of `part`'s output, with the part's own input map (from its sourceMappingURL) chained
 * under it, and every relative source rewritten from MEDIA_ROOT-relative to relative to `objectPath`.
 */
export function finishMap(map: RawMap, part: string, input: RawMap | undefined, objectPath: string): RawMap {
  const composed = (input ? remapping(map as never, (file) => (file === part ? (input as never) : null)) : map) as RawMap;
  return {
    version: 3,
    file: objectPath.slice(objectPath.lastIndexOf('/') + 1),
    sources: composed.sources.map((source) => {
      if (source?.startsWith('/') && !source.startsWith('//')) return rebaseUrl(source.slice(1), '.root', objectPath);
      return source && isRelativeUrl(source) ? rebaseUrl(source, '.root', objectPath) : source;
    }),
    sourcesContent: composed.sourcesContent,
    names: composed.names,
    mappings: composed.mappings
  };
}

/** An input map with its sources (after sourceRoot) made `/`-rooted paths in MEDIA_ROOT, resolved from the map's own place. */
export function rootedInputMap(input: RawMap, mapPath: string): RawMap {
  const root = input.sourceRoot ? input.sourceRoot.replace(/\/?$/, '/') : '';
  const sources = input.sources.map((source) => {
    if (source === null) return null;
    const full = root + source;
    const inside = isRelativeUrl(full) ? resolveUrl(full, mapPath) : undefined;
    return inside === undefined ? full : `/${inside}`;
  });
  return { version: 3, sources, sourcesContent: input.sourcesContent, names: input.names ?? [], mappings: input.mappings };
}

/** One map for a JOINED bundle: each part's map placed at the line its output starts on. */
export function indexMap(objectPath: string, sections: { line: number; map: RawMap }[]): IndexMap {
  return { version: 3, file: objectPath.slice(objectPath.lastIndexOf('/') + 1), sections: sections.map(({ line, map }) => ({ offset: { line, column: 0 }, map })) };
}

/** The comment that points at the map stored beside the object: its name encoded as URLs to objects are (`c#.css` → `c%23.css.map`). */
export function mapComment(kind: 'css' | 'js', objectPath: string): string {
  const url = encodePath(`${objectPath.slice(objectPath.lastIndexOf('/') + 1)}.map`);
  return kind === 'js' ? `\n//# sourceMappingURL=${url}\n` : `\n/*# sourceMappingURL=${url} */\n`;
}

/** A part's input map: its data: URL decoded, or the file it names, read by `read` (undefined: no such file inside MEDIA_ROOT). */
export async function loadInputMap(url: string | undefined, target: string | undefined, read: (relPath: string) => Promise<Buffer | undefined>): Promise<RawMap | undefined> {
  if (url === undefined) return undefined;
  try {
    if (/^data:/i.test(url)) {
      const comma = url.indexOf(',');
      const meta = url.slice(5, comma);
      const body = url.slice(comma + 1);
      return JSON.parse(/;base64$/i.test(meta) ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body)) as RawMap;
    }
    const bytes = target === undefined ? undefined : await read(target);
    return bytes && (JSON.parse(bytes.toString('utf8')) as RawMap);
  } catch {
    // A missing or broken input map only means the chain stops at the part itself.
    return undefined;
  }
}
