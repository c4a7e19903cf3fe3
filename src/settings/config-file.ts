import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { waitingFor } from '../awaited.js';
import type { ConfigFile, ModuleConfigFile } from './load.js';

/** The settings files looked for when none is named: JSON (with comments), or a module exporting the settings. */
export const DEFAULT_CONFIGS = ['mediasync.json', 'mediasync.config.mjs', 'mediasync.config.js'] as const;

const ALLOWED = 'a path to a mediasync.json file (JSON with comments) or a mediasync.config.mjs / .js module';
const MODULE = /\.(mjs|cjs|js)$/;
const REASONS: Record<string, string> = { ENOENT: 'does not exist', EISDIR: 'is a folder', EACCES: 'cannot be read (permission denied)' };

/**
 * The named config file (which must exist), else the one of DEFAULT_CONFIGS present, else none.
 * Two defaults side by side are an error: which one wins would be a guess.
 */
export async function readConfigFile(named: string | undefined, cwd: string): Promise<ConfigFile | ModuleConfigFile | undefined> {
  const present = DEFAULT_CONFIGS.filter((name) => existsSync(path.join(cwd, name)));
  if (!named?.trim() && present.length > 1) throw new Error(`${present.join(' and ')} are both in ${cwd}; keep one, or name the one to use with config`);
  const chosen = named?.trim() || present[0];
  if (!chosen) return undefined;
  const absolute = path.resolve(cwd, chosen);
  if (!existsSync(absolute)) throw new Error(`config ${chosen} does not exist; allowed: ${ALLOWED}`);
  if (MODULE.test(chosen)) return { path: chosen, ...(await importSettings(chosen, absolute)) };
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new Error(`config ${chosen} ${REASONS[code ?? ''] ?? message}; allowed: ${ALLOWED}`);
  }
  try {
    // Strict: a file saved as UTF-16 or Latin-1 would otherwise parse into replacement characters.
    return { path: chosen, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    throw new Error(`config ${chosen} is not UTF-8 text; allowed: a JSON file saved as UTF-8 (a byte order mark is fine)`);
  }
}

/** module.registerHooks, which this @types/node does not describe yet. */
interface ModuleHooks {
  registerHooks?(hooks: {
    resolve(specifier: string, context: unknown, next: (specifier: string, context: unknown) => { url: string }): { url: string };
  }): { deregister(): void };
}

/**
 * A settings module's default export (checked with the settings); it runs, so it may read the
 * environment. With the files it imported (a secrets.mjs beside it), seen by a resolve hook
 * where Node has module.registerHooks (22.15 and later): none where it has not.
 */
async function importSettings(name: string, absolute: string): Promise<{ values: unknown; imports: string[] }> {
  const imports = new Set<string>();
  const hooks = (module as unknown as ModuleHooks).registerHooks?.({
    resolve(specifier, context, next) {
      const resolved = next(specifier, context);
      if (resolved.url.startsWith('file:')) imports.add(fileURLToPath(resolved.url));
      return resolved;
    }
  });
  let namespace: Record<string, unknown>;
  try {
    // webpackIgnore: the module is the user's file, read at run time.
    namespace = await waitingFor(`the settings module ${name} to finish loading`, import(/* webpackIgnore: true */ pathToFileURL(absolute).href));
  } catch (error) {
    throw new Error(`config ${name} could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    hooks?.deregister();
  }
  if (!('default' in namespace)) throw new Error(`config ${name} has no default export; expected export default { MEDIA_ROOT: 'media', ... }`);
  imports.delete(absolute);
  return { values: namespace.default, imports: [...imports] };
}
