import type { Reporter } from '../reporter.js';
import { buildObject, type BuildOptions, type BuiltObject, type SyncTarget } from './process.js';
import { missingReference } from './references/report.js';

/** What the run cost, for the log and the benchmark. */
export interface SyncStats {
  /** Objects built (read, and minified or gzipped where that applies). */
  built: number;
  /** Source files that went through a minifier. */
  minified: number;
  /** Time spent minifying and gzipping, summed over all workers. */
  workMs: number;
}

/** Builds targets one by one as asked, counting the work, warning of references to nothing synced, and reporting progress out of `total`. */
export function targetBuilder(options: BuildOptions, reporter: Reporter, mediaRoot: string, total: number) {
  const stats: SyncStats = { built: 0, minified: 0, workMs: 0 };
  const build = async (target: SyncTarget): Promise<BuiltObject> => {
    const built = await buildObject(target, options);
    stats.built++;
    stats.minified += built.minified;
    stats.workMs += built.workMs;
    for (const reference of built.missing) {
      const { message, position } = missingReference(reference, mediaRoot);
      reporter.warning(message, position);
    }
    reporter.progress('build', stats.built, total);
    return built;
  };
  return { build, stats };
}
