/** A place in a source file, for annotations. */
export interface FilePosition {
  file: string;
  line?: number;
  column?: number;
}

/**
 * How the core tells the world what it is doing; each shell supplies its own (log groups and
 * annotations in the action, plain lines in the CLI, nothing in tests).
 */
export interface Reporter {
  info(line: string): void;
  debug(line: string): void;
  warning(line: string, position?: FilePosition): void;
  /** Run one stage of the job inside a named, collapsible group. */
  group<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Called as work items finish; the reporter decides how often to show it. */
  progress(stage: string, done: number, total: number): void;
}

export const silentReporter: Reporter = {
  info: () => {},
  debug: () => {},
  warning: () => {},
  group: (_name, work) => work(),
  progress: () => {}
};

const PROGRESS_INTERVAL_MS = 2000;

/**
 * Progress lines at most every two seconds, and a closing line for a run that showed any, so a
 * long run shows life without flooding the log and a short one stays quiet.
 */
export function throttledProgress(print: (line: string) => void, now: () => number = Date.now): Reporter['progress'] {
  const started = new Map<string, { last: number; shown: boolean }>();
  return (stage, done, total) => {
    const state = started.get(stage) ?? { last: now(), shown: false };
    started.set(stage, state);
    const finished = done >= total;
    if (finished ? !state.shown : now() - state.last < PROGRESS_INTERVAL_MS) return;
    state.last = now();
    state.shown = true;
    print(`${stage}: ${done}/${total} (${Math.floor((done / total) * 100)}%)`);
    if (finished) started.delete(stage);
  };
}
