import { execFile } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './fixtures.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run a built bundle (`dist/cli/index.js`, `dist/index.js`) as a child process with only PATH,
 * HOME (the working folder) and the given variables: nothing AWS_* or INPUT_* leaks in from the test's environment.
 */
export function runDist(bundle: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<RunResult> {
  // NODE_NO_WARNINGS: the AWS SDK warns on stderr about Node 20; the action itself runs on Node 24.
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: options.cwd, NODE_NO_WARNINGS: '1', ...options.env };
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO_ROOT, bundle), ...args], { cwd: options.cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The outputs a `node dist/index.js` run wrote to its GITHUB_OUTPUT file. */
export function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!;
  return outputs;
}
