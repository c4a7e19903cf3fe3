import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfigFile } from './load.js';

export const DEFAULT_CONFIG = 'mediasync.json';

/** The named config file (which must exist), else mediasync.json when present, else none. */
export function readConfigFile(named: string | undefined, cwd: string): ConfigFile | undefined {
  const chosen = named?.trim() || (existsSync(path.join(cwd, DEFAULT_CONFIG)) ? DEFAULT_CONFIG : undefined);
  if (!chosen) return undefined;
  try {
    return { path: chosen, text: readFileSync(path.resolve(cwd, chosen), 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (error as Error).message;
    throw new Error(`config ${chosen} ${reason}; allowed: a path to a mediasync.json file`);
  }
}
