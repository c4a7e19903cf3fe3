/** `work`, noted as what the run waits for, so a run stalled on it can say so (runToExit). */
export declare function waitingFor<T>(what: string, work: Promise<T>): Promise<T>;
export declare function awaitedNow(): string | undefined;
