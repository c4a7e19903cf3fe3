import type { Manifest } from './manifest.js';
/** A manifest read back from JSON text, checked enough that rendering from it cannot go wrong silently. */
export declare function parseManifest(text: string, name?: string): Manifest;
