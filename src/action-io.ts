import { SETTINGS, SETTING_KEYS, inputName } from './settings/schema.js';

export interface InputSpec {
  description: string;
  default?: string;
}

/** Inputs beyond the settings: how the run goes rather than what it does. */
export const RUN_INPUTS: Record<string, InputSpec> = {
  config: { description: 'Settings file (default: mediasync.json, mediasync.config.mjs or mediasync.config.js when present).' },
  force: { description: 'Upload every file, even those already stored.', default: 'false' },
  'dry-run': { description: 'Do everything but store; report what would be uploaded.', default: 'false' }
};

export const OUTPUTS = {
  'media-url': 'Base URL of the synced media, without a trailing slash.',
  'cache-buster': 'The CACHE_BUSTER value, or a short hash of the synced content that stays the same when nothing changed.',
  uploaded: 'How many objects were uploaded.',
  skipped: 'How many objects were already stored and left alone.',
  pruned: 'How many objects PRUNE deleted (in a dry run, would delete).',
  'release-id': 'With FINGERPRINT: the id of the release this sync recorded (when nothing changed, the latest one); empty otherwise.',
  manifest: 'Path of the manifest JSON: every synced key with its URL, type, encoding and sizes, and the JOINED bundles.',
  'changed-keys':
    'JSON array of the uploaded and pruned objects as a CDN in front of media-url sees them: the media URL\'s path plus each key, URL-encoded, starting with / (["/site/media/styles/joined.css"]); empty when nothing changed. Pass it to a CDN invalidation.'
} as const;

export type OutputName = keyof typeof OUTPUTS;

/**
 * Every action input: the run inputs, then one per setting (`AWS_BUCKET` → `aws-bucket`).
 * Setting inputs declare no default in action.yml, or the runner would pass it and it would
 * override mediasync.json; the default is stated in the description instead.
 */
export function actionInputs(): Record<string, InputSpec> {
  const inputs: Record<string, InputSpec> = { ...RUN_INPUTS };
  for (const key of SETTING_KEYS) {
    const { description, default: fallback } = SETTINGS[key];
    const stated = fallback === undefined || fallback === '' ? '' : ` Default: ${typeof fallback === 'string' ? fallback : JSON.stringify(fallback)}.`;
    inputs[inputName(key)] = { description: `${key}: ${description}${stated}` };
  }
  return inputs;
}
