import { statSync } from 'node:fs';
import path from 'node:path';
import type { Settings } from '../settings/schema.js';
import { publishedTest, type PublishedTest } from './published.js';

export type BundleKind = 'css' | 'js';

/** A JOINED entry with the CSS_PATH / JS_PATH shortcut applied to its alias and parts. */
export interface Bundle {
  alias: string;
  kind: BundleKind;
  parts: string[];
}

const SEPARATORS: Record<BundleKind, string> = { css: '\n', js: ';\n' };

export function bundleKind(alias: string): BundleKind | undefined {
  if (alias.endsWith('.css')) return 'css';
  if (alias.endsWith('.js')) return 'js';
  return undefined;
}

/** `joined.css` with CSS_PATH `styles` → `styles/joined.css`; no shortcut leaves the path as it is. */
export function withShortcut(relPath: string, kind: BundleKind | undefined, settings: Pick<Settings, 'CSS_PATH' | 'JS_PATH'>): string {
  const base = kind === 'css' ? settings.CSS_PATH : kind === 'js' ? settings.JS_PATH : '';
  const clean = relPath.replace(/^\/+/, '');
  return base ? `${base.replace(/\/+$/, '')}/${clean}` : clean;
}

export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

/**
 * The JOINED bundles with their shortcuts applied, checked against the files that exist:
 * every part must be a synced file, and no alias may also be a file.
 */
export function resolveBundles(settings: Pick<Settings, 'JOINED' | 'CSS_PATH' | 'JS_PATH' | 'EXCLUDE' | 'MEDIA_ROOT'>, files: ReadonlySet<string>): Bundle[] {
  const whyUnpublished = publishedTest(settings.EXCLUDE);
  const problems: string[] = [];
  const bundles: Bundle[] = [];
  for (const [rawAlias, rawParts] of Object.entries(settings.JOINED)) {
    const kind = bundleKind(rawAlias);
    if (!kind) {
      problems.push(`JOINED alias ${rawAlias} must end in .css or .js`);
      continue;
    }
    const alias = withShortcut(rawAlias, kind, settings);
    const parts = rawParts.map((part) => withShortcut(part, kind, settings));
    if (files.has(alias)) problems.push(`JOINED alias ${alias} is also a file in MEDIA_ROOT; rename the alias or the file`);
    for (const part of parts) {
      if (!files.has(part)) problems.push(`JOINED ${rawAlias}: part ${part} ${whyNotSynced(part, settings.MEDIA_ROOT, whyUnpublished)}; allowed: a synced file in MEDIA_ROOT`);
      else if (bundleKind(part) !== kind) problems.push(`JOINED ${rawAlias}: part ${part} is not a .${kind} file`);
    }
    bundles.push({ alias, kind, parts });
  }
  if (problems.length > 0) throw new BundleError(problems.join('\n'));
  return bundles;
}

/** Why a part the walk did not return is not one, in the user's terms. */
function whyNotSynced(part: string, mediaRoot: string, whyUnpublished: PublishedTest): string {
  const why = whyUnpublished(part);
  if (why) return `is never synced (${why})`;
  const stats = statSync(path.join(mediaRoot, ...part.split('/')), { throwIfNoEntry: false });
  if (stats?.isDirectory()) return 'is a folder';
  // Left out by the walk all the same: mediasync's own files, or a path below a symlinked folder that is EXCLUDEd by its real path.
  if (stats) return 'is never synced (the settings file, MANIFEST_PATH, the hash cache and what EXCLUDE names by its real path stay out)';
  return 'is not a file in MEDIA_ROOT';
}

/** CSS parts are joined with `\n`, JS parts with `;\n` so that a part without a final semicolon stays valid. */
export function joinParts(kind: BundleKind, parts: readonly Buffer[]): Buffer {
  const separator = Buffer.from(SEPARATORS[kind]);
  return Buffer.concat(parts.flatMap((part, index) => (index === 0 ? [part] : [separator, part])));
}
