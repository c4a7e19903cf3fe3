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
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(INPUT_|AWS_|GITHUB_|NODE_OPTIONS$)/.test(name)) env[name] = value;
  }
  return { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...extra };
}

/** The bundles under test: dist/, or a scratch build named by MEDIASYNC_TEST_DIST (`node scripts/bundle.mjs OUT`). */
export const DIST = process.env.MEDIASYNC_TEST_DIST ?? path.join(REPO_ROOT, 'dist');

/** `mediasync …` as a user runs it: the built CLI in a child process. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Run {
  const run = spawnSync(process.execPath, [path.join(DIST, 'cli/index.js'), ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env ?? {}),
    encoding: 'utf8'
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
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
function actionFiles(inputs: Record<string, string>, options: { cwd: string; env?: Record<string, string> }): ActionFiles {
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

const ACTION = () => path.join(DIST, 'index.js');

/** `node dist/index.js` as the runner starts it: inputs as INPUT_<NAME> (hyphens kept), output and summary files. */
export function runAction(inputs: Record<string, string>, options: { cwd: string; env?: Record<string, string> }): ActionRun {
  const files = actionFiles(inputs, options);
  const run = spawnSync(process.execPath, [ACTION()], { cwd: options.cwd, env: files.env, encoding: 'utf8' });
  return files.collect({ status: run.status, stdout: run.stdout, stderr: run.stderr });
}

/** The same, without blocking this process: for tests whose servers (a fault proxy) run in it. */
export async function runActionAsync(inputs: Record<string, string>, options: { cwd: string; env?: Record<string, string> }): Promise<ActionRun> {
  const files = actionFiles(inputs, options);
  const child = spawn(process.execPath, [ACTION()], { cwd: options.cwd, env: files.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return files.collect({ status, stdout, stderr });
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
