import { readFile } from 'node:fs/promises';
import type { BackendClient } from '../backends/contract.js';
import { buildManifest, type Manifest } from '../render/manifest.js';
import { remoteMediaUrl } from '../render/urls.js';
import type { Settings } from '../settings/schema.js';
import { cacheBusterFor } from './cache-buster.js';
import { resolveBundles } from './join.js';
import { planUploads } from './plan.js';
import { processMedia, type ProcessedObject } from './process.js';
import { uploadAll } from './upload.js';
import { walkMediaRoot } from './walk.js';

export interface SyncOptions {
  client: BackendClient;
  /** Upload everything, whatever is already stored. */
  force?: boolean;
  /** Do all the work but store nothing. */
  dryRun?: boolean;
  now?: Date;
  log?: (line: string) => void;
}

export interface SyncResult {
  mediaUrl: string;
  cacheBuster: string;
  objects: ProcessedObject[];
  uploaded: string[];
  skipped: string[];
  manifest: Manifest;
}

/** settings → files → bundles → processed bytes → plan → backend → manifest. */
export async function syncMedia(settings: Settings, options: SyncOptions): Promise<SyncResult> {
  const { client, force = false, dryRun = false, log = () => {} } = options;
  const files = await walkMediaRoot(settings.MEDIA_ROOT);
  const bundles = resolveBundles(settings, new Set(files.map((file) => file.relPath)));
  const sources = await Promise.all(files.map(async (file) => ({ relPath: file.relPath, body: await readFile(file.absPath) })));
  const objects = await processMedia(sources, bundles, {
    minify: settings.MINIFY,
    gzip: settings.AWS_GZIP && (client.supportsGzip?.() ?? true),
    expirationDays: settings.EXPIRATION_DAYS,
    now: options.now ?? new Date()
  });
  log(`${files.length} files and ${bundles.length} bundles processed from ${settings.MEDIA_ROOT}`);

  await client.open?.();
  let plan;
  try {
    const remote = force ? undefined : await client.list?.();
    plan = planUploads(objects, remote, force);
    if (dryRun) {
      for (const object of plan.upload) log(`would upload ${object.path}`);
    } else {
      await uploadAll(client, plan.upload, settings.CONCURRENCY, (object) => log(`uploaded ${object.path}`));
    }
  } finally {
    await client.close?.();
  }

  const mediaUrl = remoteMediaUrl(settings, (withSsl) => client.remoteMediaUrl(withSsl));
  const cacheBuster = cacheBusterFor(settings.CACHE_BUSTER, objects);
  return {
    mediaUrl,
    cacheBuster,
    objects,
    uploaded: plan.upload.map((object) => object.path),
    skipped: plan.skip.map((object) => object.path),
    manifest: buildManifest(settings, mediaUrl, cacheBuster, objects)
  };
}
