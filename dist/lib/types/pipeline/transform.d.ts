import type { InputMaps } from './input-maps.js';
import type { BundleKind } from './join.js';
import { type Reference } from './references/index.js';
import { type ZlibGate } from './worker-stop.js';
/** One stored object to build: a file, or a JOINED bundle from its parts (read from disk here, so no bytes cross threads twice). */
export interface TransformJob {
    path: string;
    sources: {
        relPath: string;
        absPath: string;
    }[];
    /** Set for a JOINED bundle: how its parts are joined. */
    joinKind?: BundleKind;
    minify: boolean;
    gzip: boolean;
    /** SOURCE_MAPS: store a map beside a minified file or a bundle. */
    sourceMaps?: boolean;
    /** SRI: give the sha384 integrity of the output (and of its map). */
    sri?: boolean;
    /** The remote media URL's path, which root-relative imports are resolved under. */
    mediaPath?: string;
}
export interface TransformResult {
    body: Buffer;
    contentType: string;
    contentEncoding?: 'gzip';
    sourceSize: number;
    minifiedSize: number;
    md5: string;
    /** sha256 of each source's bytes as read for this object: what the sync manifest records, so it always describes what was stored. */
    sourceHashes: string[];
    /** How many sources went through a minifier (tests use it to prove unchanged files are not re-minified). */
    minified: number;
    /** Time spent minifying and gzipping, for the benchmark. */
    workMs: number;
    /** What a single JS or CSS file refers to in MEDIA_ROOT. */
    references: Reference[];
    /** With SOURCE_MAPS, the object's map as stored at `<path>.map`. */
    map?: {
        body: Buffer;
        contentEncoding?: 'gzip';
        md5: string;
        size: number;
        integrity?: string;
        inputMaps: InputMaps;
    };
    /** SRI: `sha384-…` of the output before gzip, the bytes a browser checks. */
    integrity?: string;
    /** A single JS file that is an ES module. */
    module?: boolean;
    /** A single JS file's import targets in MEDIA_ROOT. */
    imports?: string[];
}
/** Whether building from these sources runs a minifier (the slow kind of work). */
export declare function minifiesAny(minify: boolean, sources: readonly {
    relPath: string;
}[]): boolean;
/** Whether a job has CPU work worth a worker thread: minifying, joining or gzipping. */
export declare function needsWorker(job: TransformJob, isCompressible: (contentType: string) => boolean): boolean;
/** Read, minify, join and gzip one object on the main thread: the pure CPU stage, which workers run through transformSources. */
export declare function transform(job: TransformJob): Promise<TransformResult>;
export declare function readSources(job: TransformJob): Promise<Buffer[]>;
/** Minify, join and gzip sources already read. The minifiers load on first use: a run that minifies nothing never loads them. */
export declare function transformSources(job: TransformJob, sources: Buffer[], gate: ZlibGate): Promise<TransformResult>;
/** Subresource Integrity's value for bytes as the browser receives them. */
export declare function integrityOf(bytes: Buffer): string;
