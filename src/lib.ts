// The library entry: what a user's own backend module and other tools build on.
export {
  BaseClient,
  assertBackendClient,
  type BackendClient,
  type MediaObject,
  type RemoteObject
} from './backends/contract.js';
export type { BackendContext } from './backends/index.js';
export {
  SIDECAR_NAME,
  headersFor,
  parseSidecar,
  type HeadersSidecar,
  type StoredHeaders
} from './backends/headers-sidecar.js';
