import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createBackend } from './backends/index.js';
import type { BackendClient } from './backends/contract.js';
import { syncMedia, type SyncResult } from './pipeline/sync.js';
import { silentReporter, type Reporter } from './reporter.js';
import type { Settings } from './settings/schema.js';

export interface JobOptions {
  force?: boolean;
  dryRun?: boolean;
  reporter?: Reporter;
  /** A ready client; by default the one BACKEND names. */
  client?: BackendClient;
  /** Cancels the run (the shells abort it on SIGINT and SIGTERM). */
  signal?: AbortSignal;
}

export interface JobResult extends SyncResult {
  manifestPath: string;
}

/** The whole job both shells run: sync, then write the manifest where MANIFEST_PATH says. */
export async function runJob(settings: Settings, options: JobOptions = {}): Promise<JobResult> {
  const client = options.client ?? (await createBackend(settings, { reporter: options.reporter ?? silentReporter }));
  const result = await syncMedia(settings, { ...options, client });
  const manifestPath = settings.MANIFEST_PATH;
  await mkdir(path.dirname(manifestPath), { recursive: true });
  await writeFile(manifestPath, `${JSON.stringify(result.manifest, null, 2)}\n`);
  return { ...result, manifestPath };
}
