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
export declare const silentReporter: Reporter;
/**
 * Progress lines at most every two seconds, and a closing line for a run that showed any, so a
 * long run shows life without flooding the log and a short one stays quiet.
 */
export declare function throttledProgress(print: (line: string) => void, now?: () => number): Reporter['progress'];
/** Where a progress bar is drawn: a terminal's stream. */
export interface BarStream {
    write(text: string): unknown;
    columns?: number;
}
/**
 * Progress bars for a terminal, one per running stage on one line, redrawn in place at most ten
 * times a second; a finished stage's bar stays as a line of its own. Anything else printed calls
 * `interrupt` first, which clears the bars so the line is not written over them; the next
 * progress call draws them again.
 */
export declare function progressBar(stream: BarStream, now?: () => number): {
    progress: Reporter['progress'];
    interrupt: () => void;
};
