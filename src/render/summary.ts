import type { JobResult } from '../job.js';
import type { UploadError } from '../pipeline/upload.js';
import { code, codeBlock, table, text } from './markdown.js';

export interface SummaryInput {
  result: Pick<JobResult, 'mediaUrl' | 'cacheBuster' | 'objects' | 'uploaded' | 'skipped' | 'manifestPath' | 'release'>;
  dryRun?: boolean;
  /** Keys removed from the store because they are no longer in MEDIA_ROOT, when pruning ran. */
  pruned?: readonly string[];
  /** How many of the largest objects to list. */
  largest?: number;
}

/** The job summary as GitHub-flavoured Markdown: what happened, what it saved, what is biggest. */
export function renderSummary({ result, dryRun = false, pruned, largest = 10 }: SummaryInput): string {
  const { objects } = result;
  const source = sum(objects.map((object) => object.sourceSize));
  const minified = sum(objects.map((object) => object.minifiedSize));
  const stored = sum(objects.map((object) => object.storedSize));
  const bundles = objects.filter((object) => object.parts);

  const lines = [
    `## mediasync${dryRun ? ' (dry run: nothing was stored)' : ''}`,
    '',
    `- Media URL: ${code(result.mediaUrl)}`,
    `- Cache-buster: ${code(result.cacheBuster)}`,
    `- Manifest: ${code(result.manifestPath)}`,
    ...(result.release ? [`- Release: ${code(result.release.id)}`] : []),
    '',
    table(
      ['Objects', dryRun ? 'To upload' : 'Uploaded', 'Already stored', ...(pruned ? ['Pruned'] : [])],
      [[objects.length, result.uploaded.length, result.skipped.length, ...(pruned ? [pruned.length] : [])].map(String)]
    ),
    '',
    '### Bytes',
    '',
    table(
      ['Source', 'Minified', 'Stored (after gzip)', 'Saved'],
      [[bytes(source), `${bytes(minified)} (${saving(source, minified)})`, `${bytes(stored)} (${saving(minified, stored)})`, `${bytes(source - stored)} (${saving(source, stored)})`]]
    ),
    '',
    'Totals cover every stored object, bundles included.'
  ];

  if (bundles.length > 0) {
    lines.push('', '### Bundles', '');
    lines.push(
      table(
        ['Bundle', 'Parts', 'Source', 'Stored'],
        bundles.map((bundle) => [code(bundle.path), bundle.parts!.map(code).join(', '), bytes(bundle.sourceSize), bytes(bundle.storedSize)])
      )
    );
  }

  if (objects.length > 0) {
    const biggest = [...objects].sort((a, b) => b.storedSize - a.storedSize || (a.path < b.path ? -1 : 1)).slice(0, largest);
    lines.push('', `### Largest ${biggest.length === objects.length ? 'files' : `${biggest.length} files`}`, '');
    lines.push(
      table(
        ['File', 'Type', 'Source', 'Minified', 'Stored', 'Encoding'],
        biggest.map((object) => [
          code(object.path),
          text(object.contentType),
          bytes(object.sourceSize),
          bytes(object.minifiedSize),
          bytes(object.storedSize),
          object.contentEncoding ?? ''
        ])
      )
    );
  }

  if (result.release) {
    lines.push(...keyList('New in this release', result.release.added));
    lines.push(...keyList(dryRun ? 'Releases that would be pruned' : 'Releases pruned', result.release.prunedReleases));
    lines.push(...keyList('Kept for the grace period', result.release.waiting));
  }
  lines.push(...keyList(dryRun ? 'To upload' : 'Uploaded', result.uploaded));
  lines.push(...keyList('Already stored', result.skipped));
  if (pruned) lines.push(...keyList('Pruned', pruned));
  return `${lines.join('\n')}\n`;
}

/**
 * The job summary of a failed run: what failed and why. Failed uploads get a row per reason and
 * every path in a collapsed list. `message` is already redacted.
 */
export function renderFailureSummary(message: string, uploads?: Pick<UploadError, 'groups' | 'failures'>, redact: (text: string) => string = (text) => text): string {
  const lines = ['## mediasync failed', '', 'Nothing was recorded: no outputs and no manifest were written.', '', ...codeBlock(message)];
  if (uploads) {
    lines.push('', '### Uploads that failed', '');
    lines.push(table(['Reason', 'Files'], uploads.groups.map((group) => [text(redact(group.reason)), String(group.paths.length)])));
    lines.push(...keyList('Every file that failed', uploads.failures.map((failure) => `${failure.path}: ${redact(failure.reason)}`)));
  }
  return `${lines.join('\n')}\n`;
}

/** A collapsed list, so a run with thousands of files keeps a readable summary. */
function keyList(title: string, keys: readonly string[]): string[] {
  if (keys.length === 0) return [];
  return ['', `<details><summary>${title} (${keys.length})</summary>`, '', ...keys.map((key) => `- ${code(key)}`), '', '</details>'];
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB'];

export function bytes(count: number): string {
  let value = count;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** `-42%` for a shrink, `+3%` for growth, `0%` for no change or nothing to compare. */
export function saving(before: number, after: number): string {
  if (before === 0 || before === after) return '0%';
  const percent = Math.round(((after - before) / before) * 100);
  return `${percent > 0 ? '+' : ''}${percent}%`;
}
