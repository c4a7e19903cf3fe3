import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkWritable, describeFileError, writeFileAtomically } from './atomic-file.js';
import { createBackend } from './backends/index.js';
import type { BackendClient } from './backends/contract.js';
import { syncMedia, type SyncOptions, type SyncResult } from './pipeline/sync.js';
import { isInside, realPathOf } from './real-path.js';
import { silentReporter } from './reporter.js';
import { DEFAULT_CONFIGS } from './settings/config-file.js';
import { isModulePath, type Settings } from './settings/schema.js';

/** The sync's own options (signal: the shells abort the run on SIGINT and SIGTERM), and: */
export interface JobOptions extends Pick<SyncOptions, 'force' | 'dryRun' | 'now' | 'reporter' | 'signal'> {
  /** A ready client; by default the one BACKEND names. */
  client?: BackendClient;
  /** The settings file the shell read: never synced, wherever it sits. */
  configFile?: string;
  /** The files a settings module imported: never synced either. */
  configImports?: readonly string[];
}

export interface JobResult extends SyncResult {
  /** Where the manifest was written: MANIFEST_PATH, or for a dry run a file in the temp folder. */
  manifestPath: string;
}

export class ManifestPathError extends Error {
  constructor(file: string, error: unknown, after: string) {
    super(`MANIFEST_PATH ${file} ${typeof error === 'string' ? error : describeFileError(error)}${after}; allowed: ${MANIFEST_ALLOWED}`);
    this.name = 'ManifestPathError';
  }
}

const MANIFEST_ALLOWED = 'a file path outside MEDIA_ROOT, in a folder mediasync can write, that is not a settings file or the BACKEND module';

/**
 * What MANIFEST_PATH may not be, since each run replaces it whole: a settings file (the one read,
 * by real path or inode, or any of the default names, which a later run would read), the BACKEND
 * module, or anything inside MEDIA_ROOT, by real paths. Undefined when it may be written.
 */
function manifestPathClash(settings: Settings, configFile: string | undefined): string | undefined {
  const target = realPathOf(settings.MANIFEST_PATH);
  const targetId = identity(target);
  const same = (file: string) => realPathOf(file) === target || (targetId !== undefined && identity(file) === targetId);
  if (configFile && same(configFile)) return `is the settings file ${configFile}`;
  if ((DEFAULT_CONFIGS as readonly string[]).includes(path.basename(target))) return `is named like a settings file (${DEFAULT_CONFIGS.join(', ')})`;
  if (isModulePath(settings.BACKEND) && same(settings.BACKEND)) return `is the BACKEND module ${settings.BACKEND}`;
  if (isInside(target, realPathOf(settings.MEDIA_ROOT))) return `is inside MEDIA_ROOT ${settings.MEDIA_ROOT}`;
  return undefined;
}

/** Device and inode of an existing file: a hard link shares them. */
function identity(file: string): string | undefined {
  try {
    const stats = statSync(file);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    // Missing, or below a file: checkWritable names that.
    return undefined;
  }
}

/**
 * The whole job both shells run: check MANIFEST_PATH can be written, sync, then write the
 * manifest there last, atomically, since the app reads it. A dry run leaves MANIFEST_PATH
 * alone (the app would render URLs to objects never stored): its manifest goes to the temp folder.
 */
export async function runJob(settings: Settings, options: JobOptions = {}): Promise<JobResult> {
  // Checked for a dry run too: it shows the refusal the real run would meet.
  const clash = manifestPathClash(settings, options.configFile);
  if (clash) throw new ManifestPathError(settings.MANIFEST_PATH, clash, ', so nothing was synced');
  const manifestPath = options.dryRun ? dryRunManifestPath(settings.MANIFEST_PATH) : settings.MANIFEST_PATH;
  await checkWritable(manifestPath).catch((error: unknown) => {
    throw new ManifestPathError(manifestPath, error, ', so nothing was synced');
  });
  const client = options.client ?? (await createBackend(settings, { reporter: options.reporter ?? silentReporter }));
  const result = await syncMedia(settings, { ...options, client, protectedPaths: [...(options.configFile ? [options.configFile] : []), ...(options.configImports ?? [])] });
  await writeFileAtomically(manifestPath, `${JSON.stringify(result.manifest, null, 2)}\n`).catch((error: unknown) => {
    throw new ManifestPathError(manifestPath, error, `, although the store was updated; the file there is still the previous manifest: free the space or fix the path and sync again (nothing will be uploaded twice)`);
  });
  return { ...result, manifestPath };
}

/** Where a dry run writes the manifest it would have written: never where the app reads it. */
function dryRunManifestPath(manifestPath: string): string {
  return path.join(os.tmpdir(), 'mediasync-dry-run', path.basename(manifestPath));
}
