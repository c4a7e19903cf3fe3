import type { Manifest } from './manifest.js';

const REQUIRED_STRINGS = ['mediaUrl', 'localMediaUrl', 'cacheBuster', 'doctype', 'cssPath', 'jsPath'] as const;

/** A manifest read back from JSON text, checked enough that rendering from it cannot go wrong silently. */
export function parseManifest(text: string, name = 'manifest'): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name} is not valid JSON: ${(error as Error).message}; write it again with mediasync sync`);
  }
  const manifest = value as Partial<Manifest> | null;
  if (typeof manifest !== 'object' || manifest === null || manifest.version !== 1) {
    throw new Error(`${name} is not a mediasync manifest (version 1); write it again with mediasync sync`);
  }
  const missing = REQUIRED_STRINGS.filter((key) => typeof manifest[key] !== 'string');
  if (typeof manifest.joined !== 'object' || manifest.joined === null) missing.push('joined' as never);
  if (missing.length > 0) throw new Error(`${name} lacks ${missing.join(', ')}; write it again with mediasync sync`);
  return manifest as Manifest;
}
