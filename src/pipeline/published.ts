import picomatch from 'picomatch';
import { DEFAULT_CONFIGS } from '../settings/config-file.js';

/** Hidden (`.x`) and underscore (`_x`) files and folders are never synced, at any depth. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

/**
 * Why a file or folder of this name is never published, at any depth, whatever EXCLUDE says:
 * hidden, underscore, or a default settings file name (another environment's settings, with
 * its keys, sit beside the one read when MEDIA_ROOT is the project folder).
 */
export function unpublishedName(name: string): string | undefined {
  if (name.startsWith('.')) return 'hidden';
  if (name.startsWith('_')) return 'underscore-named';
  if ((DEFAULT_CONFIGS as readonly string[]).includes(name)) return 'a settings file name';
  return undefined;
}

/** Why a path below MEDIA_ROOT is never published (`.env is hidden`), or undefined when it may be. */
export type PublishedTest = (relPath: string) => string | undefined;

/**
 * The one rule for what may be published, for a whole `/`-separated path below MEDIA_ROOT: no
 * segment of an unpublished name, and neither the path nor a folder above it matched by EXCLUDE
 * (a folder that matches is skipped whole). The walk applies it as it descends and to every
 * path a symlink reaches; the dev server to every path it answers and the file it reads.
 */
export function publishedTest(globs: readonly string[] = []): PublishedTest {
  const excluded = excludeMatcher(globs);
  return (relPath) => {
    const segments = relPath.split('/');
    for (let end = 1; end <= segments.length; end++) {
      const prefix = segments.slice(0, end).join('/');
      const why = unpublishedName(segments[end - 1]!);
      if (why) return `${prefix} is ${why}`;
      if (excluded(prefix)) return `${prefix} is EXCLUDEd`;
    }
    return undefined;
  };
}

/** Whether EXCLUDE matches the path itself (the walk, which never enters a matched folder, needs no more). */
export function excludeMatcher(globs: readonly string[] = []): (relPath: string) => boolean {
  return globs.length ? picomatch([...globs], { dot: true }) : () => false;
}
