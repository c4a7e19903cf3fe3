/**
 * Where `file` really is or would be once created: the real path of its deepest existing
 * ancestor with the rest appended, a dangling symlink on the way followed to where it points.
 * Two settings that name the same folder through a link compare equal only this way.
 */
export declare function realPathOf(file: string, links?: number): string;
/** Whether `inner` is `outer` or below it (both absolute). */
export declare function isInside(inner: string, outer: string): boolean;
