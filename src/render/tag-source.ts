import { bundleKind, withShortcut } from '../pipeline/join.js';
import type { Settings } from '../settings/schema.js';
import type { Manifest } from './manifest.js';
import type { TagSource } from './tags.js';

/** Where the remote copy is, which cache-buster its URLs carry and, after a sync, its files (with their fingerprinted keys). */
export type RemoteMedia = Pick<Manifest, 'mediaUrl' | 'insecureMediaUrl' | 'cacheBuster'> & Pick<TagSource, 'cacheBusters' | 'files'>;

/** JOINED with CSS_PATH / JS_PATH applied to every alias and part, as the sync stores them. */
export function joinedPaths(settings: Pick<Settings, 'JOINED' | 'CSS_PATH' | 'JS_PATH'>): Record<string, string[]> {
  const joined: Record<string, string[]> = {};
  for (const [alias, parts] of Object.entries(settings.JOINED)) {
    const kind = bundleKind(alias);
    if (kind) joined[withShortcut(alias, kind, settings)] = parts.map((part) => withShortcut(part, kind, settings));
  }
  return joined;
}

/** The tag source the current settings describe, with the remote copy's URLs and cache-buster. */
export function settingsTagSource(settings: Settings, remote: RemoteMedia): TagSource {
  return {
    ...remote,
    localMediaUrl: settings.MEDIA_URL,
    serveRemote: settings.SERVE_REMOTE,
    emulateCombo: settings.EMULATE_COMBO,
    doctype: settings.DOCTYPE,
    cssPath: settings.CSS_PATH,
    jsPath: settings.JS_PATH,
    joined: joinedPaths(settings)
  };
}
