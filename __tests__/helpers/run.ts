import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './fixtures.js';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment without anything that could steer the child: inputs, AWS credentials, runner files. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(INPUT_|AWS_|GITHUB_|NODE_OPTIONS$)/.test(name)) env[name] = value;
  }
  return { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...extra };
}

/** The bundles under test: dist/, or a scratch build named by MEDIASYNC_TEST_DIST (`node scripts/bundle.mjs OUT`). */
export const DIST = process.env.MEDIASYNC_TEST_DIST ?? path.join(REPO_ROOT, 'dist');

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Kill the child after this long (synchronous runs only). */
  timeoutMs?: number;
  /** The action's entry: by default the bundle's, else one built from the sources (helpers/source-cli.ts). */
  entry?: string;
}

/** `mediasync …` as a user runs it: the built CLI in a child process (killed after `timeoutMs`, if given). */
export function runCli(args: string[], options: RunOptions): Run {
  const run = spawnSync(process.execPath, [path.join(DIST, 'cli/index.js'), ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env ?? {}),
    encoding: 'utf8',
    timeout: options.timeoutMs
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same, without blocking this process: for tests that run many at once or serve in it. */
export function runCliAsync(args: string[], options: RunOptions): Promise<Run> {
  return spawnRun([path.join(DIST, 'cli/index.js'), ...args], options.cwd, cleanEnv(options.env ?? {}));
}

function spawnRun(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(process.execPath, args, { cwd, env });
  let stdout = '';
  let stderr = '';
  // Decoded as a stream, so a character split across chunks stays whole.
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

export interface ActionRun extends Run {
  outputs: Record<string, string>;
  summary: string;
}

interface ActionFiles {
  env: NodeJS.ProcessEnv;
  collect: (run: Run) => ActionRun;
}

/** The environment the runner gives `node dist/index.js`, and how to read back what it wrote. */
function actionFiles(inputs: Record<string, string>, options: RunOptions): ActionFiles {
  const outputFile = path.join(options.cwd, 'github-output.txt');
  const summaryFile = path.join(options.cwd, 'step-summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
  return {
    env: cleanEnv({ ...inputEnv, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...options.env }),
    collect: (run) => ({
      ...run,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8')
    })
  };
}

const ACTION = (options: RunOptions) => options.entry ?? path.join(DIST, 'index.js');

/** `node dist/index.js` as the runner starts it: inputs as INPUT_<NAME> (hyphens kept), output and summary files. */
export function runAction(inputs: Record<string, string>, options: RunOptions): ActionRun {
  const files = actionFiles(inputs, options);
  const run = spawnSync(process.execPath, [ACTION(options)], { cwd: options.cwd, env: files.env, encoding: 'utf8', timeout: options.timeoutMs });
  return files.collect({ status: run.status, stdout: run.stdout, stderr: run.stderr });
}

/** The same, without blocking this process: for tests whose servers (a fault proxy) run in it. */
export async function runActionAsync(inputs: Record<string, string>, options: RunOptions): Promise<ActionRun> {
  const files = actionFiles(inputs, options);
  return files.collect(await spawnRun([ACTION(options)], options.cwd, files.env));
}

/** The runner's file format: `name<<DELIMITER`, the value's lines, `DELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[index]);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    while (++index < lines.length && lines[index] !== delimiter) value.push(lines[index]);
    outputs[name] = value.join('\n');
  }
  return outputs;
}
