import { readFile } from 'node:fs/promises';
import { createBackend } from './backends/index.js';
import type { BackendClient } from './backends/contract.js';
import { parseManifest } from './render/read-manifest.js';
import { settingsTagSource, type RemoteMedia } from './render/tag-source.js';
import type { TagSource } from './render/tags.js';
import { mediaFileUrl, remoteMediaUrl } from './render/urls.js';
import { callCacheBuster } from './settings/produced-values.js';
import type { Settings } from './settings/schema.js';

/**
 * The remote copy as the last sync recorded it in MANIFEST_PATH (its URLs, cache-buster and files);
 * without a manifest, the URL the settings and backend give and CACHE_BUSTER (or none).
 */
export async function remoteMediaFor(settings: Settings): Promise<RemoteMedia> {
  const text = await readFile(settings.MANIFEST_PATH, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text !== undefined) {
    const manifest = parseManifest(text, settings.MANIFEST_PATH);
    return {
      mediaUrl: manifest.mediaUrl,
      insecureMediaUrl: manifest.insecureMediaUrl ?? manifest.mediaUrl,
      cacheBuster: manifest.cacheBuster,
      cacheBusters: manifest.cacheBusters,
      files: manifest.files
    };
  }
  // The backend is only built when REMOTE_MEDIA_URL does not already give the URL.
  const client: BackendClient | undefined = settings.REMOTE_MEDIA_URL ? undefined : await createBackend(settings);
  const backendUrl = (withSsl: boolean): string => client!.remoteMediaUrl(withSsl);
  try {
    const mediaUrl = remoteMediaUrl(settings, backendUrl, true);
    const bust = settings.CACHE_BUSTER;
    return {
      mediaUrl,
      insecureMediaUrl: remoteMediaUrl(settings, backendUrl, false),
      // A function gets the file's https URL, as the sync calls it.
      ...(typeof bust === 'function'
        ? { cacheBuster: callCacheBuster(bust, mediaUrl), cacheBusters: (relPath: string) => callCacheBuster(bust, mediaFileUrl(mediaUrl, relPath)) }
        : { cacheBuster: bust ?? '' })
    };
  } finally {
    await client?.close?.();
  }
}

export async function loadTagSource(settings: Settings): Promise<TagSource> {
  return settingsTagSource(settings, await remoteMediaFor(settings));
}
