import { readFile } from 'node:fs/promises';
import type { BackendClient } from '../backends/contract.js';
import { buildManifest, type Manifest } from '../render/manifest.js';
import { remoteMediaUrl } from '../render/urls.js';
import { silentReporter, type Reporter } from '../reporter.js';
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
  reporter?: Reporter;
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
  const { client, force = false, dryRun = false, reporter = silentReporter } = options;
  const { files, bundles } = await reporter.group('Read media', async () => {
    const files = await walkMediaRoot(settings.MEDIA_ROOT);
    const bundles = resolveBundles(settings, new Set(files.map((file) => file.relPath)));
    reporter.info(`${files.length} files and ${bundles.length} bundles in ${settings.MEDIA_ROOT}`);
    return { files, bundles };
  });
  const objects = await reporter.group('Process', async () => {
    const sources = await Promise.all(files.map(async (file) => ({ relPath: file.relPath, body: await readFile(file.absPath) })));
    return processMedia(sources, bundles, {
      minify: settings.MINIFY,
      gzip: settings.AWS_GZIP && (client.supportsGzip?.() ?? true),
      expirationDays: settings.EXPIRATION_DAYS,
      now: options.now ?? new Date()
    });
  });

  const plan = await reporter.group(dryRun ? 'Plan (dry run)' : 'Upload', async () => {
    await client.open?.();
    try {
      const remote = force ? undefined : await client.list?.();
      const plan = planUploads(objects, remote, force);
      if (dryRun) {
        for (const object of plan.upload) reporter.info(`would upload ${object.path}`);
      } else {
        let done = 0;
        await uploadAll(client, plan.upload, settings.CONCURRENCY, (object) => {
          reporter.debug(`uploaded ${object.path}`);
          reporter.progress('upload', ++done, plan.upload.length);
        });
      }
      reporter.info(`${plan.upload.length} ${dryRun ? 'to upload' : 'uploaded'}, ${plan.skip.length} already stored`);
      return plan;
    } finally {
      await client.close?.();
    }
  });

  const mediaUrl = remoteMediaUrl(settings, (withSsl) => client.remoteMediaUrl(withSsl));
  const cacheBuster = cacheBusterFor(settings.CACHE_BUSTER, objects);
  return {
    mediaUrl,
    cacheBuster,
    objects,
    uploaded: plan.upload.map((object) => object.path),
    skipped: plan.skip.map((object) => object.path),
    manifest: buildManifest(settings, mediaUrl, cacheBuster, objects, remoteMediaUrl(settings, (withSsl) => client.remoteMediaUrl(withSsl), false))
  };
}
