import { type InputMaps } from './input-maps.js';
import { type PreparedSources } from './references/index.js';
import type { TransformJob } from './transform.js';
export interface MappedOutput {
    output: Buffer;
    map: Buffer;
    minified: number;
    /** The input maps the sources named, as read. */
    inputMaps: InputMaps;
}
/** Whether an object is stored with a map: a minified JS or CSS file, or any JOINED bundle. */
export declare function hasSourceMap(job: Pick<TransformJob, 'path' | 'joinKind' | 'minify'>): boolean;
export declare function buildWithMaps(job: TransformJob, prepared: PreparedSources): Promise<MappedOutput>;
