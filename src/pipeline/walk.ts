import { statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SourceFile {
  /** Path below MEDIA_ROOT with forward slashes: the key the file is synced to. */
  relPath: string;
  absPath: string;
  size: number;
  mtimeMs: number;
}

export class MediaRootError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MediaRootError';
  }
}

// A backslash reads as a separator on other systems and in some stores; control characters break XML listings.
const UNSAFE_NAME = /[\\\x00-\x1f\x7f]/;

/** Hidden (`.x`) and underscore (`_x`) files and folders are never synced, at any depth. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

/**
 * Every file under MEDIA_ROOT that is synced, sorted by path. Symlinks are followed when they
 * resolve inside MEDIA_ROOT and refused otherwise.
 */
export async function walkMediaRoot(root: string): Promise<SourceFile[]> {
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat) throw new MediaRootError(`MEDIA_ROOT ${root} does not exist; allowed: a path to an existing folder`);
  if (!rootStat.isDirectory()) throw new MediaRootError(`MEDIA_ROOT ${root} is a file; allowed: a path to an existing folder`);
  const realRoot = await realpath(root);

  const files: SourceFile[] = [];
  await walkFolder({ absDir: root, relDir: '', realDir: realRoot, realRoot, files });
  if (files.length === 0) {
    throw new MediaRootError(`MEDIA_ROOT ${root} holds no files to sync (hidden and underscore files are skipped)`);
  }
  return files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

interface Folder {
  absDir: string;
  relDir: string;
  /** The folder's real location, to catch a symlink that loops back to an ancestor. */
  realDir: string;
  realRoot: string;
  files: SourceFile[];
}

/**
 * Walk one folder's entries at once, but settle them all and report the first problem in name
 * order: the same tree gives the same error on every run (a file reachable through a symlink and
 * its real folder would otherwise race), and no walk is still running once this one has failed.
 */
async function walkFolder(folder: Folder): Promise<void> {
  const entries = await readdir(folder.absDir, { withFileTypes: true });
  const outcomes = await Promise.allSettled(
    entries
      .filter((entry) => !isIgnoredName(entry.name))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(async (entry) => {
        const absPath = path.join(folder.absDir, entry.name);
        const relPath = folder.relDir ? `${folder.relDir}/${entry.name}` : entry.name;
        if (UNSAFE_NAME.test(entry.name)) {
          throw new MediaRootError(`${JSON.stringify(relPath)} in MEDIA_ROOT has a backslash or control character in its name; allowed: names that make safe keys and URLs`);
        }
        let realPath = path.join(folder.realDir, entry.name);
        if (entry.isSymbolicLink()) realPath = await checkedLinkTarget(absPath, relPath, folder);
        // Synchronous: a stat is a few microseconds, and a promise per file costs more than it does (100,000 files: 0.4 s instead of 1.3 s).
        const stats = statSync(absPath);
        if (stats.isDirectory()) {
          await walkFolder({ ...folder, absDir: absPath, relDir: relPath, realDir: realPath });
        } else if (stats.isFile()) {
          folder.files.push({ relPath, absPath, size: stats.size, mtimeMs: stats.mtimeMs });
        }
      })
  );
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

async function checkedLinkTarget(absPath: string, relPath: string, folder: Folder): Promise<string> {
  const target = await realpath(absPath).catch(() => {
    throw new MediaRootError(`${relPath} in MEDIA_ROOT is a broken symlink; allowed: symlinks to files or folders inside MEDIA_ROOT`);
  });
  const inside = (dir: string, candidate: string): boolean => candidate === dir || candidate.startsWith(dir + path.sep);
  if (!inside(folder.realRoot, target)) {
    throw new MediaRootError(
      `${relPath} in MEDIA_ROOT is a symlink to ${target}, outside MEDIA_ROOT; allowed: symlinks that stay inside MEDIA_ROOT`
    );
  }
  if (inside(target, folder.realDir)) {
    throw new MediaRootError(`${relPath} in MEDIA_ROOT is a symlink to its own parent folder ${target}, which would loop`);
  }
  return target;
}
