// The package's library entry (`import { js, css } from 'mediasync-s3'`): render the seed's tags
// from a sync's manifest in any Node app, and build a backend module of your own.
export { css, cssPrint, DEFAULT_CSS_MEDIA, js, mediaTags, mediaUrl } from './render/tags.js';
export { importMap } from './render/tags.js';
export type { MediaTags, TagOptions, TagSource } from './render/tags.js';
export { PageTemplateError, renderPage } from './render/page.js';
export { parseManifest } from './render/read-manifest.js';
export type { Manifest, ManifestFile } from './render/manifest.js';
export type { Doctype } from './settings/schema.js';
export {
  BaseClient,
  assertBackendClient,
  type BackendClient,
  type MediaObject,
  type PutResult,
  type RemoteObject
} from './backends/contract.js';
export type { PositionalClient } from './backends/positional.js';
export type { BackendContext } from './backends/index.js';
export {
  SIDECAR_NAME,
  headersFor,
  parseSidecar,
  readTreeSidecar,
  sidecarFileOf,
  type HeadersSidecar,
  type SidecarEntry,
  type StoredHeaders,
  type StoredVersion
} from './backends/headers-sidecar.js';
