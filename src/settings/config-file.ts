import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfigFile } from './load.js';

export const DEFAULT_CONFIG = 'mediasync.json';

const REASONS: Record<string, string> = { ENOENT: 'does not exist', EISDIR: 'is a folder', EACCES: 'cannot be read (permission denied)' };

/** The named config file (which must exist), else mediasync.json when present, else none. */
export function readConfigFile(named: string | undefined, cwd: string): ConfigFile | undefined {
  const chosen = named?.trim() || (existsSync(path.join(cwd, DEFAULT_CONFIG)) ? DEFAULT_CONFIG : undefined);
  if (!chosen) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.resolve(cwd, chosen));
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new Error(`config ${chosen} ${REASONS[code ?? ''] ?? message}; allowed: a path to a mediasync.json file`);
  }
  try {
    // Strict: a file saved as UTF-16 or Latin-1 would otherwise parse into replacement characters.
    return { path: chosen, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    throw new Error(`config ${chosen} is not UTF-8 text; allowed: a JSON file saved as UTF-8 (a byte order mark is fine)`);
  }
}
