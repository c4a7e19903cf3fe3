import { silentReporter, type Reporter } from '../reporter.js';
import { BACKEND_NAMES, SETTINGS, isModulePath, type Settings } from '../settings/schema.js';
import type { BackendClient } from './contract.js';
import { DummyBackend } from './dummy.js';
import { FilesystemBackend } from './filesystem.js';
import { loadBackendModule } from './load-module.js';

/** What a backend gets besides the settings. */
export interface BackendContext {
  /** Where a backend tells the user what it does (the dummy backend prints through it). */
  reporter: Reporter;
}

const BUILT_IN: Record<(typeof BACKEND_NAMES)[number], (settings: Settings, context: BackendContext) => BackendClient | Promise<BackendClient>> = {
  // The AWS SDK is most of the bundle: loaded only for S3, so a filesystem sync, --version or a
  // settings error starts without it.
  s3: async (settings) => new (await import('./s3.js')).S3Backend(settings),
  filesystem: (settings) => new FilesystemBackend(settings),
  dummy: (settings, context) => new DummyBackend(settings, context.reporter)
};

const DOTTED = /^mediasync\.backends\./;

/**
 * The backend BACKEND names: a short name, the seed's dotted `mediasync.backends.<name>`, or a
 * path to the user's module (already resolved against the config file by the settings).
 */
export async function createBackend(settings: Settings, context: BackendContext = { reporter: silentReporter }): Promise<BackendClient> {
  if (isModulePath(settings.BACKEND)) return loadBackendModule(settings.BACKEND, settings, context);
  const name = settings.BACKEND.replace(DOTTED, '');
  if (!Object.hasOwn(BUILT_IN, name)) {
    throw new Error(`BACKEND ${settings.BACKEND} is not known; allowed: ${SETTINGS.BACKEND.allowed}`);
  }
  return BUILT_IN[name as keyof typeof BUILT_IN](settings, context);
}
