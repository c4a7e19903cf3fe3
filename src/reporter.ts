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

/** Where a progress bar is drawn: a terminal's stream. */
export interface BarStream {
  write(text: string): unknown;
  columns?: number;
}

const BAR_INTERVAL_MS = 100;
const BAR_WIDTH = 30;
const CLEAR_LINE = '\r\x1b[2K';

/**
 * Progress bars for a terminal, one per running stage on one line, redrawn in place at most ten
 * times a second; a finished stage's bar stays as a line of its own. Anything else printed calls
 * `interrupt` first, which clears the bars so the line is not written over them; the next
 * progress call draws them again.
 */
export function progressBar(stream: BarStream, now: () => number = Date.now): { progress: Reporter['progress']; interrupt: () => void } {
  const running = new Map<string, { done: number; total: number }>();
  let shown = false;
  let last = -Infinity;
  const bar = (stage: string, done: number, total: number, columns: number): string => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const counts = ` ${done}/${total} ${percent}%`;
    const width = Math.max(0, Math.min(BAR_WIDTH, columns - stage.length - counts.length - 4));
    const filled = total === 0 ? width : Math.floor((done / total) * width);
    return `${stage} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}]${counts}`;
  };
  const columns = () => Math.floor((stream.columns || 80) / Math.max(1, running.size));
  return {
    progress: (stage, done, total) => {
      const finished = done >= total;
      if (finished) running.delete(stage);
      else running.set(stage, { done, total });
      if (!finished && now() - last < BAR_INTERVAL_MS) return;
      last = now();
      const finishedLine = finished ? `${bar(stage, done, total, stream.columns || 80)}\n` : '';
      const others = [...running].map(([name, state]) => bar(name, state.done, state.total, columns())).join('  ');
      stream.write(`${CLEAR_LINE}${finishedLine}${others}`);
      shown = others !== '';
    },
    interrupt: () => {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
      last = -Infinity;
    }
  };
}
