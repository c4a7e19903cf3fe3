import { readFile } from 'node:fs/promises';
import { createBackend } from './backends/index.js';
import type { BackendClient } from './backends/contract.js';
import { parseManifest } from './render/read-manifest.js';
import { settingsTagSource, type RemoteMedia } from './render/tag-source.js';
import type { TagSource } from './render/tags.js';
import { remoteMediaUrl } from './render/urls.js';
import type { Settings } from './settings/schema.js';

/**
 * The remote copy as the last sync recorded it in MANIFEST_PATH (its URLs and cache-buster);
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
      cacheBuster: manifest.cacheBuster
    };
  }
  // The backend is only built when REMOTE_MEDIA_URL does not already give the URL.
  const client: BackendClient | undefined = settings.REMOTE_MEDIA_URL ? undefined : await createBackend(settings);
  const backendUrl = (withSsl: boolean): string => client!.remoteMediaUrl(withSsl);
  try {
    return {
      mediaUrl: remoteMediaUrl(settings, backendUrl, true),
      insecureMediaUrl: remoteMediaUrl(settings, backendUrl, false),
      cacheBuster: settings.CACHE_BUSTER ?? ''
    };
  } finally {
    await client?.close?.();
  }
}

export async function loadTagSource(settings: Settings): Promise<TagSource> {
  return settingsTagSource(settings, await remoteMediaFor(settings));
}
