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
    sections: {
        offset: {
            line: number;
            column: number;
        };
        map: RawMap;
    }[];
}
/** For text that is not minified: each line maps to the same line of `source` (enough to name the file and line). */
export declare function identityMap(text: string, source: string): RawMap;
/**
 * `map` of `part`'s output, with the part's own input map (from its sourceMappingURL) chained
 * under it, and every relative source rewritten from MEDIA_ROOT-relative to relative to `objectPath`.
 */
export declare function finishMap(map: RawMap, part: string, input: RawMap | undefined, objectPath: string): RawMap;
/** An input map with its sources (after sourceRoot) made `/`-rooted paths in MEDIA_ROOT, resolved from the map's own place. */
export declare function rootedInputMap(input: RawMap, mapPath: string): RawMap;
/** One map for a JOINED bundle: each part's map placed at the line its output starts on. */
export declare function indexMap(objectPath: string, sections: {
    line: number;
    map: RawMap;
}[]): IndexMap;
/** The comment that points at the map stored beside the object: its name encoded as URLs to objects are (`c#.css` → `c%23.css.map`). */
export declare function mapComment(kind: 'css' | 'js', objectPath: string): string;
/** A part's input map: its data: URL decoded, or the file it names, read by `read` (undefined: no such file inside MEDIA_ROOT). */
export declare function loadInputMap(url: string | undefined, target: string | undefined, read: (relPath: string) => Promise<Buffer | undefined>): Promise<RawMap | undefined>;
