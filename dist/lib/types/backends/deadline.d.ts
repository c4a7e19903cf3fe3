import { type Settings } from '../settings/schema.js';
import { type BackendClient } from './contract.js';
/**
 * The most one call into a user's backend may take: AWS_TIMEOUT × AWS_MAX_ATTEMPTS, what one S3
 * request may take over all its attempts (8 minutes by default).
 */
export declare function userBackendLimitMs(settings: Pick<Settings, 'AWS_TIMEOUT' | 'AWS_MAX_ATTEMPTS'>): number;
/** A call into `source` (a user's backend) that did not settle within `limitMs`. */
export declare class LateCallError extends Error {
    constructor(source: string, call: string, limitMs: number);
}
/**
 * `client` with every call that returns a promise bounded by `limitMs`: a promise of a user's
 * backend that never settles held the run, and a cancel, forever. Methods the client lacks stay
 * absent, as the core tells capabilities by their presence.
 */
export declare function withDeadline(client: BackendClient, source: string, limitMs: number): BackendClient;
