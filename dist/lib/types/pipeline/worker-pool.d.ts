import type { TransformJob, TransformResult } from './transform.js';
/**
 * A fixed set of worker threads (one per core) for minify and gzip, started on the first job
 * so a run with nothing to process never pays for them. Jobs queue here; each worker takes
 * the next one when it is done.
 */
export declare class WorkerPool {
    private readonly size;
    private readonly workers;
    private readonly idle;
    private readonly queue;
    private readonly pending;
    private nextId;
    /** Set when a worker died: every job from then on fails with it rather than waiting forever. */
    private broken;
    constructor(size?: number);
    run(job: TransformJob): Promise<TransformResult>;
    close(): Promise<void>;
    private start;
    private dispatch;
    private settle;
    private failAll;
}
