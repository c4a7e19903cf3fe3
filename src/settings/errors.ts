/** One thing wrong with the settings: which key, where it came from, and what is allowed. */
export interface SettingsProblem {
  /** `mediasync.json:4:3`, `input aws-gzip`, or `settings` for checks across keys. */
  source: string;
  key?: string;
  message: string;
}

export function formatProblem(problem: SettingsProblem): string {
  return problem.key ? `${problem.source}: ${problem.key} ${problem.message}` : `${problem.source}: ${problem.message}`;
}

/** Every settings problem found, reported at once. */
export class SettingsError extends Error {
  readonly problems: SettingsProblem[];

  constructor(problems: SettingsProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`Invalid settings (${count}):\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'SettingsError';
    this.problems = problems;
  }
}
