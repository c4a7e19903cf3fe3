import { SETTINGS, type Settings } from '../settings/schema.js';
import { settleWithin } from '../settle-within.js';
import { OPTIONAL_METHODS, REQUIRED_METHODS, type BackendClient } from './contract.js';

/**
 * The most one call into a user's backend may take: AWS_TIMEOUT × AWS_MAX_ATTEMPTS, what one S3
 * request may take over all its attempts (8 minutes by default).
 */
export function userBackendLimitMs(settings: Pick<Settings, 'AWS_TIMEOUT' | 'AWS_MAX_ATTEMPTS'>): number {
  const seconds = (settings.AWS_TIMEOUT ?? (SETTINGS.AWS_TIMEOUT.default as number)) * (settings.AWS_MAX_ATTEMPTS ?? (SETTINGS.AWS_MAX_ATTEMPTS.default as number));
  return seconds * 1000;
}

/** A call into `source` (a user's backend) that did not settle within `limitMs`. */
export class LateCallError extends Error {
  constructor(source: string, call: string, limitMs: number) {
    super(
      `backend ${source}: ${call} did not settle within ${limitMs / 1000} s (AWS_TIMEOUT × AWS_MAX_ATTEMPTS, the most one store request may take); ` +
        `the run stopped waiting for it: make it settle, or raise AWS_TIMEOUT for a slower store`
    );
    this.name = 'LateCallError';
  }
}

/**
 * `client` with every call that returns a promise bounded by `limitMs`: a promise of a user's
 * backend that never settles held the run, and a cancel, forever. Methods the client lacks stay
 * absent, as the core tells capabilities by their presence.
 */
export function withDeadline(client: BackendClient, source: string, limitMs: number): BackendClient {
  const bounded: Record<string, unknown> = {};
  const methods = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of [...REQUIRED_METHODS, ...OPTIONAL_METHODS]) {
    if (typeof methods[name] !== 'function') continue;
    bounded[name] = (...args: unknown[]) => {
      const result = methods[name].apply(client, args);
      return isPromiseLike(result) ? settleWithin(Promise.resolve(result), limitMs, () => new LateCallError(source, `${name}()`, limitMs)) : result;
    };
  }
  return bounded as unknown as BackendClient;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
