// What `npx mediasync` needs: the package's bin entry, shipped, runnable, and failures named as file:line:col.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_SITE, REPO_ROOT, tempDir } from './helpers/fixtures.js';
import { DIST, runCli } from './helpers/run.js';
import { S3_CREDENTIALS, listMediaKeys, startTestS3 } from './helpers/s3.js';

interface PackageJson {
  name: string;
  version: string;
  bin: Record<string, string>;
  files: string[];
  engines: { node: string };
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
const bin = path.join(REPO_ROOT, pkg.bin.mediasync);

test('the mediasync bin is an executable script with a node shebang', () => {
  expect(pkg.bin.mediasync).toBe('dist/cli/index.js');
  expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
});

test('mediasync --help prints the usage and exits 0', () => {
  const run = runCli(['--help'], { cwd: REPO_ROOT });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^Usage: mediasync sync \[--config FILE\]/);
});

test('the published package holds the CLI, the action and the schema', () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as [
    { files: { path: string }[] }
  ];
  const files = packed.files.map((file) => file.path);
  expect(files).toEqual(expect.arrayContaining(['package.json', pkg.bin.mediasync, 'dist/index.js', 'action.yml', 'mediasync.schema.json', 'README.md']));
  expect(files.filter((file) => file.startsWith('src/') || file.startsWith('__tests__/'))).toEqual([]);
});

test('a file that fails to minify is printed as file:line:col relative to the terminal folder', () => {
  const site = tempDir();
  try {
    cpSync(EXAMPLE_SITE, site.dir, { recursive: true });
    writeFileSync(path.join(site.dir, 'media', 'styles', 'broken.js'), 'let a = ;\n');
    // No store to reach: the store is read while the sources are hashed, so an s3 backend without credentials would fail first.
    const config = JSON.parse(readFileSync(path.join(site.dir, 'mediasync.json'), 'utf8'));
    writeFileSync(path.join(site.dir, 'mediasync.json'), JSON.stringify({ ...config, BACKEND: 'dummy' }));
    const run = runCli(['sync', '--dry-run'], { cwd: site.dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^mediasync: media\/styles\/broken\.js:1:9: cannot minify: Unexpected token/m);
  } finally {
    site.remove();
  }
});

test('the package has no runtime dependencies, promises Node 22 and later, and tests on Node 22 and 24', () => {
  expect(pkg.dependencies).toBeUndefined();
  expect(pkg.engines.node).toBe('>=22');
  expect(pkg.devDependencies.node22).toMatch(/^npm:node@22\./);
  expect(pkg.devDependencies.node).toMatch(/^24\./);
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
});

/** The size of a folder's files, in bytes. */
function folderSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((total, entry) => {
    const full = path.join(dir, entry.name);
    return total + (entry.isDirectory() ? folderSize(full) : statSync(full).size);
  }, 0);
}

describe('npm pack, then npm install of the tarball into an empty project with the registry unreachable', () => {
  let scratch: ReturnType<typeof tempDir>;
  let project: string;
  // npm and the installed CLI see no registry: a port nothing listens on, and --offline.
  const npmEnv = () => ({ ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: path.join(scratch.dir, 'npm-cache'), npm_config_update_notifier: 'false' });
  const bin = () => path.join(project, 'node_modules', '.bin', 'mediasync');
  // The user's environment: no switch that hides the AWS SDK's Node version warning.
  const installed = (args: string[], cwd = project) => spawnSync(process.execPath, [bin(), ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: scratch.dir } });

  beforeAll(() => {
    scratch = tempDir();
    // The package as npm pack sees it, with the bundles under test as its dist/.
    const staged = path.join(scratch.dir, 'package');
    mkdirSync(staged);
    for (const entry of ['package.json', ...pkg.files]) cpSync(entry === 'dist' ? DIST : path.join(REPO_ROOT, entry), path.join(staged, entry), { recursive: true });
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch.dir], { cwd: staged, encoding: 'utf8', env: npmEnv(), stdio: ['ignore', 'pipe', 'ignore'] })
    ) as [{ filename: string }];
    project = path.join(scratch.dir, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', path.join(scratch.dir, packed.filename)], { cwd: project, env: npmEnv(), stdio: 'ignore' });
  }, 120_000);
  afterAll(() => scratch.remove());

  test('installs the package alone, under 15 MB', () => {
    expect(readdirSync(path.join(project, 'node_modules')).sort()).toEqual(['.bin', '.package-lock.json', pkg.name]);
    expect(folderSize(path.join(project, 'node_modules', pkg.name))).toBeLessThan(15 * 1024 * 1024);
  });

  test('the mediasync bin runs: --version, and a sync to S3 with the SDK printing no warning', async () => {
    expect(installed(['--version'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const s3 = await startTestS3(['packaged']);
    try {
      cpSync(path.join(EXAMPLE_SITE, 'media'), path.join(project, 'media'), { recursive: true });
      writeFileSync(
        path.join(project, 'mediasync.json'),
        JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'packaged', AWS_ENDPOINT: s3.endpoint, AWS_KEY: S3_CREDENTIALS.accessKeyId, AWS_SECRET: S3_CREDENTIALS.secretAccessKey })
      );
      const run = installed(['sync']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('uploaded: 7\n');
      expect(await listMediaKeys(s3.client, 'packaged')).toContain('images/logo.png');
    } finally {
      await s3.stop();
    }
  }, 60_000);

  test('the library imports and renders from a manifest', () => {
    const script = `import { js, BaseClient } from '${pkg.name}';
const manifest = { mediaUrl: 'https://cdn.test/m', localMediaUrl: '/m/', serveRemote: true, cacheBuster: 'v1', doctype: 'html5', cssPath: '', jsPath: '', joined: {} };
console.log(js(manifest, 'app.js'), typeof BaseClient);`;
    writeFileSync(path.join(project, 'render.mjs'), script);
    const run = spawnSync(process.execPath, ['render.mjs'], { cwd: project, encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 0,
      stdout: '<script src="https://cdn.test/m/app.js?v1"></script> function\n',
      stderr: ''
    });
  });

  test('its types resolve for a TypeScript user with only @types/node', () => {
    writeFileSync(
      path.join(project, 'backend.ts'),
      `import { BaseClient, js, type MediaObject, type Manifest, type PositionalClient } from '${pkg.name}';
export class Client extends BaseClient {
  remoteMediaUrl(withSsl: boolean): string { return withSsl ? 'https://cdn.test' : 'http://cdn.test'; }
  async put(object: MediaObject): Promise<void> { void object.body.length; }
}
export const seed: PositionalClient = { remoteMediaUrl: () => 'https://cdn.test', put: (filedata, contentType, remotePath, force) => [filedata.length, contentType, remotePath, force] };
export const tag = (manifest: Manifest): string => js(manifest, 'app.js');
`
    );
    const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', path.join(REPO_ROOT, 'node_modules', '@types'), 'backend.ts'];
    const run = spawnSync(process.execPath, [tsc, ...args], { cwd: project, encoding: 'utf8' });
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });
});
