// Building an object with SOURCE_MAPS: each source minified (or not) with its map, chained onto
// its own input map, then a single file's map or a bundle's index map, and the one comment that
// points at it.
import { recordingReader, type InputMaps } from './input-maps.js';
import type { BundleKind } from './join.js';
import { minifiableKind } from './minifiable.js';
import { joinBundle, type PreparedSources } from './references/index.js';
import { applyEdits } from './references/position.js';
import { finishMap, identityMap, indexMap, loadInputMap, mapComment, rootedInputMap, type RawMap } from './references/sourcemap.js';
import { isRelativeUrl, resolveUrl } from './references/urls.js';
import { sourceText } from './source-text.js';
import type { TransformJob } from './transform.js';

export interface MappedOutput {
  output: Buffer;
  map: Buffer;
  minified: number;
  /** The input maps the sources named, as read. */
  inputMaps: InputMaps;
}

/** Whether an object is stored with a map: a minified JS or CSS file, or any JOINED bundle. */
export function hasSourceMap(job: Pick<TransformJob, 'path' | 'joinKind' | 'minify'>): boolean {
  return job.joinKind !== undefined || (job.minify && minifiableKind(job.path) !== undefined);
}

export async function buildWithMaps(job: TransformJob, prepared: PreparedSources): Promise<MappedOutput> {
  const kind: BundleKind = job.joinKind ?? minifiableKind(job.path)!;
  let minified = 0;
  const inputMaps: InputMaps = {};
  const parts = await Promise.all(
    job.sources.map(async (source, index) => {
      const root = source.absPath.slice(0, source.absPath.length - source.relPath.length);
      const comments = prepared.mapComments[index] ?? [];
      let text = sourceText(prepared.inputs[index]);
      if (!job.joinKind) text = applyEdits(text, comments.map(({ start, end }) => ({ start, end, text: '' })));
      const last = comments[comments.length - 1];
      const target = last && isRelativeUrl(last.url) ? resolveUrl(last.url, source.relPath) : undefined;
      const loaded = await loadInputMap(last?.url, target, recordingReader(root, inputMaps));
      const input = loaded && rootedInputMap(loaded, target ?? source.relPath);
      const partKind = minifiableKind(source.relPath);
      if (job.minify && partKind) {
        minified++;
        const { minifyWithMap } = await import('./minify-map.js');
        const { code, map } = await minifyWithMap(partKind, text, source.relPath, prepared.module === true);
        return { code, map: finishMap(map, source.relPath, input, job.path) };
      }
      return { code: text, map: finishMap(input ?? identityMap(text, source.relPath), source.relPath, undefined, job.path) };
    })
  );
  const comment = mapComment(kind, job.path);
  if (!job.joinKind) {
    return { output: Buffer.from(parts[0].code + comment, 'utf8'), map: Buffer.from(JSON.stringify(parts[0].map), 'utf8'), minified, inputMaps };
  }
  const sections: { line: number; map: RawMap }[] = [];
  let line = newlines(prepared.head?.toString('utf8') ?? '');
  for (const part of parts) {
    sections.push({ line, map: part.map });
    line += newlines(part.code) + 1;
  }
  const joined = joinBundle(kind, prepared, parts.map((part) => Buffer.from(part.code, 'utf8')));
  return { output: Buffer.concat([joined, Buffer.from(comment, 'utf8')]), map: Buffer.from(JSON.stringify(indexMap(job.path, sections)), 'utf8'), minified, inputMaps };
}

function newlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}
