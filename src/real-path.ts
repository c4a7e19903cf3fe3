import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** Links followed at most while resolving a path that does not exist yet, as the kernel's ELOOP limit. */
const MAX_LINKS = 40;

/**
 * Where `file` really is or would be once created: the real path of its deepest existing
 * ancestor with the rest appended, a dangling symlink on the way followed to where it points.
 * Two settings that name the same folder through a link compare equal only this way.
 */
export function realPathOf(file: string, links = 0): string {
  const absolute = path.resolve(file);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = path.dirname(absolute);
    if (parent === absolute) return absolute;
    const realParent = realPathOf(parent, links);
    if (isSymbolicLink(absolute) && links < MAX_LINKS) return realPathOf(path.resolve(realParent, readlinkSync(absolute)), links + 1);
    return path.join(realParent, path.basename(absolute));
  }
}

/** False too when there is nothing there or a folder on the way is a file (ENOTDIR): nothing to follow. */
function isSymbolicLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Whether `inner` is `outer` or below it (both absolute). */
export function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
