import { isIgnoredName } from '../pipeline/published.js';

export type RequestPath = { ok: true; relPath: string } | { ok: false; status: 403 | 404; reason: string };

/** `/devmedia/` or `http://host/devmedia` → `/devmedia/`: the URL path a mount answers under. */
export function mountPathOf(url: string): string {
  const pathname = new URL(url, 'http://localhost').pathname;
  return pathname.endsWith('/') ? pathname : `${pathname}/`;
}

/**
 * The file a raw request path names below a mount, or why it is refused. The raw path is read
 * before any URL normalisation so that `..` (plain or percent-encoded) is seen and refused (403);
 * hidden and underscore names get 404, as on the remote copy where they are never synced.
 * Returns undefined when the path is not under the mount.
 */
export function resolveRequestPath(rawPath: string, mountPath: string, index?: string): RequestPath | undefined {
  if (!rawPath.startsWith(mountPath)) return undefined;
  const rest = rawPath.slice(mountPath.length);
  if (rest === '') return index ? { ok: true, relPath: index } : { ok: false, status: 404, reason: 'no listing of folders' };
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 403, reason: `${raw} is not a valid percent-encoded name` };
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return { ok: false, status: 403, reason: 'path leaves the served folder' };
    if (segment === '') return { ok: false, status: 404, reason: 'empty path segment' };
    if (isIgnoredName(segment)) return { ok: false, status: 404, reason: `${segment} is hidden or starts with an underscore` };
    segments.push(segment);
  }
  return { ok: true, relPath: segments.join('/') };
}
