// URL arithmetic for references between files of MEDIA_ROOT: which URLs point at a file there,
// and how to write one so it resolves from another folder to the same file.

/** Whether a URL is relative to the file that holds it (not data:, a scheme, /path, //host or #fragment). */
export function isRelativeUrl(url: string): boolean {
  if (url === '' || url.startsWith('#') || url.startsWith('/') || url.startsWith('\\')) return false;
  return !/^[a-z][a-z\d+.-]*:/i.test(url);
}

function splitSuffix(url: string): { path: string; suffix: string } {
  const cut = url.search(/[?#]/);
  return cut === -1 ? { path: url, suffix: '' } : { path: url.slice(0, cut), suffix: url.slice(cut) };
}

function segments(path: string): string[] {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out;
}

function folderOf(file: string): string[] {
  return segments(file).slice(0, -1);
}

/** The MEDIA_ROOT-relative file a relative URL in `fromFile` names (query and hash dropped, %-escapes decoded); undefined when it leaves MEDIA_ROOT. */
export function resolveUrl(url: string, fromFile: string): string | undefined {
  const { path } = splitSuffix(url);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  const resolved = segments([...folderOf(fromFile), ...decoded.split('/')].join('/'));
  return resolved.length === 0 || resolved[0] === '..' ? undefined : resolved.join('/');
}

/** A relative URL of `fromFile` rewritten to resolve from `toFile`'s folder to the same place, ?query and #hash kept. */
export function rebaseUrl(url: string, fromFile: string, toFile: string): string {
  const from = folderOf(fromFile);
  const to = folderOf(toFile);
  if (from.join('/') === to.join('/')) return url;
  const { path, suffix } = splitSuffix(url);
  const target = segments([...from, ...path.split('/')].join('/'));
  let common = 0;
  while (common < to.length && common < target.length && to[common] === target[common]) common++;
  const parts = [...to.slice(common).map(() => '..'), ...target.slice(common)];
  const trailing = path.endsWith('/') && parts.length > 0 ? '/' : '';
  return (parts.length === 0 ? './' : parts.join('/') + trailing) + suffix;
}
