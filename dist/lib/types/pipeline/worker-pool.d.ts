import { type TransformJob, type TransformResult } from './transform.js';
/** Node options that let a worker thread load .ts sources (tests, which run the sources), through the repository's transpiling hooks. */
export declare function typeScriptWorkerArgs(): string[];
/**
 * Worker threads for minify and gzip, up to one per core. A worker starts only when every
 * running one already holds JOBS_PER_WORKER jobs, so a run with nothing to process starts none
 * and a small one starts one (each costs tens of MB). Jobs queue here, quick ones (no minifier)
 * ahead of the rest so an upload never waits behind the minify backlog.
 */
export declare class WorkerPool {
    private readonly size;
    private readonly workers;
    /** Jobs each worker holds. */
    private readonly held;
    /** How each worker is stopped: never inside zlib (see worker-stop.ts). */
    private readonly stoppers;
    private readonly quickQueue;
    private readonly queue;
    private readonly pending;
    private nextId;
    /** Set when a worker died: every job from then on fails with it rather than waiting forever. */
    private broken;
    private closing;
    /** Open until its close has finished, so the process's exit waits for a close under way too. */
    constructor(size?: number);
    run(job: TransformJob): Promise<TransformResult>;
    /** Stops every worker; jobs still queued or running fail. Also done by the process's exit, for a pool still open then. */
    close(): Promise<void>;
    private stopWorkers;
    private startWorker;
    /** Each queued job to the worker holding the fewest, starting another when all are full. */
    private dispatch;
    private settle;
    private failAll;
}
/** Closes every pool still open: leaving the process with a worker in zlib would abort it. */
export declare function closeOpenPools(): Promise<void>;
