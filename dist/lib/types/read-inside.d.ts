import type { PublishedTest } from './pipeline/published.js';
/**
 * The bytes of the file at `relPath` (`/`-separated) below `root`, read only when its real path,
 * every symlink followed, stays below root's real path: the walk refuses media that leave
 * MEDIA_ROOT, and this keeps every other read (an input map, a file the dev server answers
 * with) to the same rule. With `published`, the real path must also pass it, as the walk
 * requires of a symlink's target. Undefined when there is no such file or it is outside.
 */
export declare function readFileInside(root: string, relPath: string, published?: PublishedTest): Promise<Buffer | undefined>;
