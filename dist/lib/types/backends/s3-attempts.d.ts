export interface AttemptPolicy {
    /** Attempts each request gets (AWS_MAX_ATTEMPTS). */
    attempts: number;
    /** The most one attempt may take, connecting to the last byte of the answer (AWS_TIMEOUT). */
    timeoutMs: number;
}
/** An attempt that got no full answer within AWS_TIMEOUT. */
export declare class AttemptTimeout extends Error {
    readonly timeoutMs: number;
    constructor(timeoutMs: number);
}
/** A request that failed for good: its last error, and the number of attempts it was given. */
export declare class RequestFailed extends Error {
    readonly error: unknown;
    readonly attempts: number;
    constructor(error: unknown, attempts: number);
}
/** Throttling, 5xx, timeouts, resets and unreachable hosts are worth another attempt; other answers are final. */
export declare function isRetryable(error: unknown, depth?: number): boolean;
/** Whether the store gave no answer at all: it is down or unreachable, so the other requests will fare no better. */
export declare function isNoAnswer(error: unknown): boolean;
/** Full-jitter exponential backoff: up to 100 ms, 200 ms, … (500 ms, 1 s, … when throttled), at most 20 s. */
export declare function backoffMs(retry: number, error: unknown): number;
/**
 * Runs `attempt` until it succeeds, fails for good, or has had `policy.attempts` tries. Each try
 * gets a signal that aborts at its deadline or when `stop` aborts, and is abandoned then even if
 * the code under it ignores the signal. A stop rejects with the stop's reason; otherwise the last
 * error is thrown as a RequestFailed.
 */
export declare function withAttempts<T>(policy: AttemptPolicy, stop: AbortSignal, attempt: (signal: AbortSignal) => Promise<T>): Promise<T>;
