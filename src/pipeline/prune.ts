import type { RemoteObject } from '../backends/contract.js';
import type { SyncManifest } from './sync-manifest.js';

export class PruneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PruneError';
  }
}

/**
 * Paths an earlier sync stored (they are in its manifest) that no longer exist locally and are
 * still in the store: what PRUNE deletes. Nothing mediasync did not put there is ever named.
 */
export function stalePaths(
  stored: SyncManifest | undefined,
  remote: ReadonlyMap<string, RemoteObject> | undefined,
  local: ReadonlySet<string>
): string[] {
  return Object.keys(stored?.entries ?? {})
    .filter((path) => !local.has(path) && (remote === undefined || remote.has(path)))
    .sort();
}

/** Refuses, before anything is stored or deleted, a prune the backend cannot do or that deletes more than MAX_DELETE. */
export function checkPrune(paths: readonly string[], maxDelete: number, backendCanDelete: boolean): void {
  if (!backendCanDelete) throw new PruneError('PRUNE is true but this BACKEND cannot delete; allowed: PRUNE false, or a backend with delete()');
  if (paths.length > maxDelete) {
    throw new PruneError(
      `PRUNE would delete ${paths.length} objects, more than MAX_DELETE (${maxDelete}); nothing was changed. ` +
        'Check MEDIA_ROOT and AWS_PREFIX, or raise MAX_DELETE if that many really went away'
    );
  }
}
