import type { Settings } from '../settings/schema.js';
import { type BackendClient } from './contract.js';
import type { BackendContext } from './index.js';
/**
 * The client a user's module gives, checked against the contract (a `put` of the seed's
 * positional form is adapted to the object contract): `createClient(settings,
 * context)` (may be async), else `new Client(settings, context)`, else a default-exported class.
 * A CommonJS module may put the same names on module.exports. Loading it, creating the client
 * and every call after are bounded (userBackendLimitMs).
 */
export declare function loadBackendModule(modulePath: string, settings: Settings, context: BackendContext): Promise<BackendClient>;
