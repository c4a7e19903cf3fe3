// Files derived from the settings schema and the action's inputs and outputs, so that
// action.yml, mediasync.schema.json and the README's tables never disagree with the code.
// `npm run generate` rewrites them; a test fails while any is stale.
import { readFileSync } from 'node:fs';
import { OUTPUTS, actionInputs } from '../src/action-io.js';
import { SETTINGS, SETTING_KEYS, configFileSchema, inputName } from '../src/settings/schema.js';

const yamlString = (text: string): string => JSON.stringify(text);

function actionYml(): string {
  const lines = [
    'name: mediasync',
    `description: ${yamlString("Sync a site's static media to S3 or any S3-compatible store: joined bundles, minified JS and CSS, gzip in place, far-future caching, and a manifest for rendering tags.")}`,
    'author: mediasync',
    'branding:',
    '  icon: upload-cloud',
    '  color: blue',
    'inputs:'
  ];
  for (const [name, input] of Object.entries(actionInputs())) {
    lines.push(`  ${name}:`, `    description: ${yamlString(input.description)}`, '    required: false');
    if (input.default !== undefined) lines.push(`    default: ${yamlString(input.default)}`);
  }
  lines.push('outputs:');
  for (const [name, description] of Object.entries(OUTPUTS)) lines.push(`  ${name}:`, `    description: ${yamlString(description)}`);
  lines.push('runs:', '  using: node24', '  main: dist/index.js', '');
  return lines.join('\n');
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function settingsTable(): string {
  const rows = ['| Setting (mediasync.json) | Action input | Default | What it does |', '| --- | --- | --- | --- |'];
  for (const key of SETTING_KEYS) {
    const { default: fallback, description } = SETTINGS[key];
    const shown = fallback === undefined ? '' : `\`${JSON.stringify(fallback)}\``;
    rows.push(`| \`${key}\` | \`${inputName(key)}\` | ${shown} | ${cell(description)} |`);
  }
  return rows.join('\n');
}

function runInputsTable(): string {
  const rows = ['| Input | Default | What it does |', '| --- | --- | --- |'];
  for (const [name, input] of Object.entries(actionInputs())) {
    if (SETTING_KEYS.some((key) => inputName(key) === name)) continue;
    rows.push(`| \`${name}\` | ${input.default === undefined ? '' : `\`${input.default}\``} | ${cell(input.description)} |`);
  }
  return rows.join('\n');
}

function outputsTable(): string {
  const rows = ['| Output | What it holds |', '| --- | --- |'];
  for (const [name, description] of Object.entries(OUTPUTS)) rows.push(`| \`${name}\` | ${cell(description)} |`);
  return rows.join('\n');
}

/** Replace the text between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
function fillSection(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} section`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

/** Path (from the repository root) → the content it must have. */
export function generatedFiles(root: string): Record<string, string> {
  let readme = readFileSync(`${root}/README.md`, 'utf8');
  readme = fillSection(readme, 'settings', settingsTable());
  readme = fillSection(readme, 'inputs', runInputsTable());
  readme = fillSection(readme, 'outputs', outputsTable());
  return {
    'action.yml': actionYml(),
    'mediasync.schema.json': `${JSON.stringify(configFileSchema(), null, 2)}\n`,
    'README.md': readme
  };
}
