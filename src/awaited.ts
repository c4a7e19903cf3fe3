/** What the run is waiting for in user code that nothing of mediasync's bounds (a settings module loading). */
let awaited: string | undefined;

/** `work`, noted as what the run waits for, so a run stalled on it can say so (runToExit). */
export async function waitingFor<T>(what: string, work: Promise<T>): Promise<T> {
  awaited = what;
  try {
    return await work;
  } finally {
    awaited = undefined;
  }
}

export function awaitedNow(): string | undefined {
  return awaited;
}
