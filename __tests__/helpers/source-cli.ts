import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT, tempDir } from './fixtures.js';
import { cleanEnv, type Run } from './run.js';

/** The action's entry in a tree buildSourceCli built: pass it as `entry` to runAction. */
export const sourceAction = (into: string): string => path.join(into, 'src', 'index.js');

export interface SignalledRun extends Run {
  signal: NodeJS.Signals | null;
}

/**
 * The CLI from the TypeScript sources, transpiled once into `into` (what dist/cli/index.js is
 * built from, without waiting for the bundle), for tests that start it many times: a start
 * takes well under a second instead of several through a transpiling loader. Returns a runner.
 */
export function buildSourceCli(
  into: string
): (args: string[], options: { cwd: string; env?: Record<string, string>; preload?: string; onSpawn?: (child: ChildProcess) => void; entry?: 'cli' | 'action' }) => Promise<SignalledRun> {
  const src = path.join(REPO_ROOT, 'src');
  const out = path.join(into, 'src');
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true }
    });
    const target = path.join(out, path.relative(src, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  // The worker pool looks for the worker bundle beside its own folder, as in dist/.
  mkdirSync(path.join(out, 'worker'));
  writeFileSync(path.join(out, 'worker', 'index.js'), "import '../pipeline/worker.js';\n");
  // The CLI imports its version from ../package.json (the bundle inlines the repository's).
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  writeFileSync(path.join(into, 'package.json'), JSON.stringify({ type: 'module', version }));
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(into, 'node_modules'));
  // entry 'action': the action's entry (what dist/index.js is built from).
  const entries = { cli: path.join(out, 'cli.js'), action: path.join(out, 'index.js') };
  return (args, options) => {
    const child = spawn(process.execPath, [...(options.preload ? ['--import', options.preload] : []), entries[options.entry ?? 'cli'], ...args], {
      cwd: options.cwd,
      env: cleanEnv(options.env ?? {})
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  };
}

export type SourceCliRunner = ReturnType<typeof buildSourceCli>;

/**
 * The source-built CLI shared by every test of one file: built before the first, removed after
 * the last. `run` starts it; `dir()` is the folder it was built in, for sourceAction.
 */
export function sourceCliForFile(): { run: SourceCliRunner; dir: () => string } {
  let build: ReturnType<typeof tempDir> | undefined;
  let runner: SourceCliRunner | undefined;
  beforeAll(() => {
    build = tempDir();
    runner = buildSourceCli(build.dir);
  });
  afterAll(() => build?.remove());
  return { run: (args, options) => runner!(args, options), dir: () => build!.dir };
}
