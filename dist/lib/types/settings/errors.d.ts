/** One thing wrong with the settings: which key, where it came from, and what is allowed. */
export interface SettingsProblem {
    /** `mediasync.json:4:3`, `input aws-gzip`, or `settings` for checks across keys. */
    source: string;
    key?: string;
    message: string;
}
export declare function formatProblem(problem: SettingsProblem): string;
/** Every settings problem found, reported at once. */
export declare class SettingsError extends Error {
    readonly problems: SettingsProblem[];
    constructor(problems: SettingsProblem[]);
}
