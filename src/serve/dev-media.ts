import { publishedTest } from '../pipeline/published.js';
import { renderPage } from '../render/page.js';
import { mediaUrl, type TagSource } from '../render/tags.js';
import type { Settings } from '../settings/schema.js';
import { comboSource, folderSource, minifiedSource, renderedPages, syncedTreeSource, type MediaSource } from './media-source.js';
import { mountPathOf } from './request-path.js';
import type { Mount } from './server.js';

export interface DevMediaOptions {
  /** Minify JS and CSS on the fly, as the sync does. */
  minify?: boolean;
  /** A folder of pages served at `/`, their template tags rendered on each request. */
  pagesDir?: string;
  /** Override SERVE_REMOTE. */
  remote?: boolean;
  /** Serve what the filesystem backend synced into FILESYSTEM_ROOT, with its stored headers, instead of MEDIA_ROOT. */
  synced?: boolean;
}

/**
 * MEDIA_ROOT at MEDIA_URL (read, or redirected to the remote copy when serving remotely), with
 * bundles joined on the fly under EMULATE_COMBO, and optionally a folder of pages at `/`.
 * Pages are served over plain http, so their remote URLs are the insecure ones unless USE_SSL says.
 */
export function devMounts(settings: Settings, tags: TagSource, options: DevMediaOptions = {}): Mount[] {
  const remote = options.remote ?? settings.SERVE_REMOTE;
  let media: MediaSource;
  if (options.synced) {
    // Already minified, joined and gzipped by the sync.
    media = syncedTreeSource(settings.FILESYSTEM_ROOT, settings.AWS_PREFIX);
  } else {
    media = folderSource(settings.MEDIA_ROOT, publishedTest(settings.EXCLUDE));
    if (options.minify) media = minifiedSource(media);
    if (settings.EMULATE_COMBO) media = comboSource(media, tags.joined);
  }
  const mounts: Mount[] = [
    {
      path: mountPathOf(settings.MEDIA_URL),
      source: media,
      redirect: remote ? (relPath) => mediaUrl(tags, relPath, { remote: true, secure: false }) : undefined
    }
  ];
  if (options.pagesDir) {
    const pages = renderedPages(folderSource(options.pagesDir), (template, relPath) => renderPage(template, tags, { remote, secure: false }, relPath));
    mounts.push({ path: '/', index: 'index.html', source: pages });
  }
  return mounts;
}
