/** Line and column (both 1-based) of offsets in one text, for warnings and source maps. */
export declare function positionLookup(text: string): (offset: number) => {
    line: number;
    column: number;
};
/** A replacement of text[start, end). */
export interface Edit {
    start: number;
    end: number;
    text: string;
}
/** Apply non-overlapping edits, in any order. */
export declare function applyEdits(text: string, edits: readonly Edit[]): string;
