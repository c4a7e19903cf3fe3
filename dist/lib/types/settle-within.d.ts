/**
 * `work`, or `late()` thrown once `ms` have passed without it settling. The timer keeps the
 * process alive, so a promise of user code that can never settle ends in this error rather
 * than in Node leaving with nothing to run. `work` itself is not stopped, only no longer awaited.
 */
export declare function settleWithin<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T>;
