// The action's metadata, the README tables, the schema and every workflow file, read as a user's
// tools read them: YAML through a YAML parser, JSON Schema through ajv.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import { configFileSchema } from '../src/settings/schema.js';
import { EXAMPLE_SITE, REPO_ROOT } from './helpers/fixtures.js';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: unknown;
  jobs: Record<string, { 'runs-on': string; steps: Step[]; strategy?: { matrix?: Record<string, unknown> } }>;
}
interface ActionMetadata {
  name: string;
  description: string;
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; required: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

function readYaml<T>(file: string): T {
  const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('\n')}`);
  return document.toJS() as T;
}

const action = readYaml<ActionMetadata>(path.join(REPO_ROOT, 'action.yml'));
const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The first-column (or `column`) names of a README table between `<!-- name:start -->` markers. */
function tableNames(name: string, column = 0): string[] {
  const section = readme.slice(readme.indexOf(`<!-- ${name}:start -->`), readme.indexOf(`<!-- ${name}:end -->`));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => /`([^`]+)`/.exec(line.split(' | ')[column])![1]);
}

describe('action.yml', () => {
  test('runs the bundle on Node 24 and is branded for the Marketplace', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(action.branding.icon).toMatch(/\S/);
    expect(action.branding.color).toMatch(/\S/);
    expect(action.description.length).toBeGreaterThan(20);
  });

  test('describes every input and output', () => {
    for (const [name, input] of Object.entries(action.inputs)) expect([name, input.description.length > 10]).toEqual([name, true]);
    for (const [name, output] of Object.entries(action.outputs)) expect([name, output.description.length > 10]).toEqual([name, true]);
  });

  test('declares changed-keys beside the other outputs', () => {
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['media-url', 'cache-buster', 'uploaded', 'skipped', 'manifest', 'changed-keys']));
  });

  test("the README's input tables name exactly the inputs action.yml declares", () => {
    const documented = [...tableNames('inputs'), ...tableNames('settings', 1)].sort();
    expect(documented).toEqual(Object.keys(action.inputs).sort());
  });

  test("the README's output table names exactly the outputs action.yml declares", () => {
    expect(tableNames('outputs')).toEqual(Object.keys(action.outputs));
  });

  test('the README states the default of every run input that has one', () => {
    const rows = readme.slice(readme.indexOf('<!-- inputs:start -->'), readme.indexOf('<!-- inputs:end -->')).split('\n');
    for (const [name, input] of Object.entries(action.inputs)) {
      if (input.default === undefined) continue;
      expect(rows.find((row) => row.startsWith(`| \`${name}\` |`))).toContain(`| \`${input.default}\` |`);
    }
  });
});

describe('mediasync.schema.json', () => {
  const schemaFile = path.join(REPO_ROOT, 'mediasync.schema.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;

  test('is the schema settings are validated with', () => {
    expect(schema).toEqual(configFileSchema());
  });

  test("the example site's mediasync.json points its $schema at it and validates", () => {
    const config = JSON.parse(readFileSync(path.join(EXAMPLE_SITE, 'mediasync.json'), 'utf8')) as { $schema: string };
    expect(path.resolve(EXAMPLE_SITE, config.$schema)).toBe(schemaFile);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect([validate(config), validate.errors]).toEqual([true, null]);
    expect(validate({ ...config, AWS_BUKET: 'typo' })).toBe(false);
  });
});

const workflowDirs = ['.github/workflows', 'examples/workflows'];
const workflowFiles = workflowDirs.flatMap((dir) =>
  readdirSync(path.join(REPO_ROOT, dir))
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => `${dir}/${file}`)
);
const workflows = Object.fromEntries(workflowFiles.map((file) => [file, readYaml<Workflow>(path.join(REPO_ROOT, file))]));
const usesThisAction = (step: Step): boolean => step.uses === './' || /^mediasync\/mediasync@/.test(step.uses ?? '');

test('the repository and the examples hold the expected workflows', () => {
  expect(workflowFiles.sort()).toEqual(
    [
      '.github/workflows/check-dist.yml',
      '.github/workflows/self-test.yml',
      '.github/workflows/test.yml',
      'examples/workflows/aws-oidc.yml',
      'examples/workflows/cloudflare-r2.yml',
      'examples/workflows/django.yml'
    ].sort()
  );
});

describe.each(workflowFiles)('%s', (file) => {
  const workflow = workflows[file];

  test('is a workflow: triggers, and jobs made of steps that each use an action or run a command', () => {
    expect(workflow.on).toBeDefined();
    expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(workflow.jobs)) {
      expect(job['runs-on']).toMatch(/\S/);
      expect(job.steps.length).toBeGreaterThan(0);
      for (const step of job.steps) expect([step.uses !== undefined, step.run !== undefined].filter(Boolean)).toHaveLength(1);
    }
  });

  test('passes mediasync only inputs it declares and reads only outputs it sets', () => {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (const job of Object.values(workflow.jobs)) {
      const ours = job.steps.filter(usesThisAction);
      for (const step of ours) for (const input of Object.keys(step.with ?? {})) expect([input, input in action.inputs]).toEqual([input, true]);
      for (const { id } of ours.filter((step) => step.id)) {
        for (const [, output] of text.matchAll(new RegExp(`steps\\.${id}\\.outputs\\.([\\w-]+)`, 'g'))) expect([output, output in action.outputs]).toEqual([output, true]);
      }
    }
  });
});

describe('the repository workflows', () => {
  const steps = (file: string): Step[] => Object.values(workflows[file].jobs).flatMap((job) => job.steps);

  test('test.yml runs the README test command, which tests on Node 22 and Node 24', () => {
    expect(steps('.github/workflows/test.yml').map((step) => step.run).filter(Boolean)).toEqual(['npm ci && npm test']);
    expect(steps('.github/workflows/test.yml').find((step) => step.uses === 'actions/setup-node@v4')?.with?.['node-version']).toBe(24);
    const testScript = readFileSync(path.join(process.cwd(), 'scripts', 'test.mjs'), 'utf8');
    expect(testScript).toContain("const runtimes = [nodeBinary('node22'), nodeBinary('node')];");
  });

  test('check-dist.yml rebuilds dist and fails when it differs', () => {
    const commands = steps('.github/workflows/check-dist.yml').map((step) => step.run ?? '').join('\n');
    expect(commands).toContain('npm run bundle');
    expect(commands).toContain('git diff --exit-code --stat dist');
  });

  test('self-test.yml runs this checkout with the filesystem backend', () => {
    const ours = steps('.github/workflows/self-test.yml').filter((step) => step.uses === './');
    expect(ours.length).toBeGreaterThan(0);
    for (const step of ours) expect(step.with?.backend).toBe('filesystem');
  });
});

/** Every `run:` script anywhere in a parsed workflow or fragment. */
function runScripts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(runScripts);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'run' && typeof value === 'string' ? [value] : runScripts(value)));
}

/** The README's ```yaml blocks, dedented and parsed: fragments of workflows. */
function readmeYamlBlocks(): unknown[] {
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(([, block]) => {
    const indent = Math.min(...block.split('\n').filter((line) => line.trim()).map((line) => line.length - line.trimStart().length));
    const document = parseDocument(block.split('\n').map((line) => line.slice(indent)).join('\n'));
    expect(document.errors).toEqual([]);
    return document.toJS();
  });
}

// GitHub's hardening guide: an expression inside `run:` is pasted into the script before the
// shell reads it, so an output holding `$(…)` would run. Outputs go through env: instead.
test('no run: script in a workflow or the README pastes a ${{ }} expression into its text', () => {
  const blocks = readmeYamlBlocks();
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  const scripts = [...Object.values(workflows), ...blocks].flatMap(runScripts);
  expect(scripts.length).toBeGreaterThan(5);
  expect(scripts.filter((script) => script.includes('${{'))).toEqual([]);
});

test('the act event file is a push event', () => {
  const event = JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples/act/push.json'), 'utf8')) as { ref: string };
  expect(event.ref).toBe('refs/heads/main');
});
