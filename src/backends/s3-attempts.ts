// The one retry policy of the S3 backend: every request gets its own attempts, each attempt its
// own deadline. The SDK's retries are off: its retry quota is shared by all requests of a client,
// so under many faults later requests got no retries at all, and its timeouts left a request
// that was never answered waiting for good.

export interface AttemptPolicy {
  /** Attempts each request gets (AWS_MAX_ATTEMPTS). */
  attempts: number;
  /** The most one attempt may take, connecting to the last byte of the answer (AWS_TIMEOUT). */
  timeoutMs: number;
}

/** An attempt that got no full answer within AWS_TIMEOUT. */
export class AttemptTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs / 1000} s`);
    this.name = 'AttemptTimeout';
  }
}

/** A request that failed for good: its last error, and the number of attempts it was given. */
export class RequestFailed extends Error {
  constructor(
    readonly error: unknown,
    readonly attempts: number
  ) {
    super(error instanceof Error ? error.message : String(error));
    this.name = 'RequestFailed';
  }
}

const THROTTLING_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete'
]);
const TRANSIENT_CODES = new Set(['AttemptTimeout', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'InternalError', 'ServiceUnavailable']);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE'
]);
/** Failures that mean the store was never reached or never answered, rather than answered with an error. */
const NO_ANSWER_CODES = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const NO_ANSWER_NAMES = new Set(['AttemptTimeout', 'TimeoutError']);

interface ErrorShape {
  name?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
  cause?: unknown;
}

function isThrottling(error: ErrorShape): boolean {
  return error.$metadata?.httpStatusCode === 429 || THROTTLING_CODES.has(error.name ?? '');
}

/** Throttling, 5xx, timeouts, resets and unreachable hosts are worth another attempt; other answers are final. */
export function isRetryable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as ErrorShape;
  const status = shape.$metadata?.httpStatusCode ?? 0;
  return (
    isThrottling(shape) ||
    shape.$retryable !== undefined ||
    shape.$metadata?.clockSkewCorrected === true ||
    status >= 500 ||
    TRANSIENT_CODES.has(shape.name ?? '') ||
    NETWORK_CODES.has(shape.code ?? '') ||
    (depth < 5 && shape.cause !== undefined && isRetryable(shape.cause, depth + 1))
  );
}

/** Whether the store gave no answer at all: it is down or unreachable, so the other requests will fare no better. */
export function isNoAnswer(error: unknown): boolean {
  const shape = (error ?? {}) as ErrorShape;
  // The SDK names a reset (ECONNRESET) TimeoutError too: the code, when there is one, decides.
  return shape.code ? NO_ANSWER_CODES.has(shape.code) : NO_ANSWER_NAMES.has(shape.name ?? '');
}

/** The longest wait between two attempts. */
const MAX_BACKOFF_MS = 20_000;

/** Full-jitter exponential backoff: up to 100 ms, 200 ms, … (500 ms, 1 s, … when throttled), at most 20 s. */
export function backoffMs(retry: number, error: unknown): number {
  const base = isThrottling((error ?? {}) as ErrorShape) ? 500 : 100;
  return Math.floor(Math.random() * Math.min(MAX_BACKOFF_MS, base * 2 ** (retry - 1)));
}

/**
 * Runs `attempt` until it succeeds, fails for good, or has had `policy.attempts` tries. Each try
 * gets a signal that aborts at its deadline or when `stop` aborts, and is abandoned then even if
 * the code under it ignores the signal. A stop rejects with the stop's reason; otherwise the last
 * error is thrown as a RequestFailed.
 */
export async function withAttempts<T>(policy: AttemptPolicy, stop: AbortSignal, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    stop.throwIfAborted();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new AttemptTimeout(policy.timeoutMs)), policy.timeoutMs);
    const signal = AbortSignal.any([stop, deadline.signal]);
    let failure: unknown;
    try {
      return await settleBy(attempt(signal), signal);
    } catch (error) {
      failure = signal.aborted ? signal.reason : error;
    } finally {
      clearTimeout(timer);
    }
    stop.throwIfAborted();
    if (tries >= policy.attempts || !isRetryable(failure)) throw new RequestFailed(failure, tries);
    await sleep(backoffMs(tries, failure), stop);
  }
}

/** The promise, or a rejection with the signal's reason as soon as it aborts; a late rejection is ignored. */
function settleBy<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      stop.removeEventListener('abort', onStop);
      resolve();
    }
    function onStop() {
      clearTimeout(timer);
      reject(stop.reason);
    }
    stop.addEventListener('abort', onStop, { once: true });
  });
}
