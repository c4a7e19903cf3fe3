import type { Settings } from '../settings/schema.js';
import type { BackendClient } from './contract.js';
import { S3Backend } from './s3.js';

const SHORT_NAMES: Record<string, (settings: Settings) => BackendClient> = {
  s3: (settings) => new S3Backend(settings)
};

/** The backend BACKEND names: a short name or the seed's dotted `mediasync.backends.<name>`. */
export function createBackend(settings: Settings): BackendClient {
  const name = settings.BACKEND.replace(/^mediasync\.backends\./, '');
  const factory = SHORT_NAMES[name];
  if (!factory) {
    throw new Error(`BACKEND ${settings.BACKEND} is not known; allowed: ${Object.keys(SHORT_NAMES).join(', ')} or mediasync.backends.<name>`);
  }
  return factory(settings);
}
