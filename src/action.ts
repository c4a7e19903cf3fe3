import * as core from '@actions/core';
import type { OutputName } from './action-io.js';
import { runJob, type JobResult } from './job.js';
import { throttledProgress, type Reporter } from './reporter.js';
import { readConfigFile } from './settings/config-file.js';
import { resolveSettings } from './settings/load.js';
import { SETTING_KEYS, inputName, type SettingKey } from './settings/schema.js';
import { redact, secretValues } from './settings/secrets.js';

/** The GitHub shell: inputs → settings → sync → outputs and summary; any failure → setFailed. */
export async function run(): Promise<void> {
  const secrets: string[] = [];
  const mask = (values: string[]) => {
    for (const secret of values) core.setSecret(secret);
    secrets.push(...values);
  };
  try {
    const inputs: Partial<Record<SettingKey, string>> = {};
    for (const key of SETTING_KEYS) inputs[key] = core.getInput(inputName(key));
    mask(secretValues({ AWS_KEY: inputs.AWS_KEY, AWS_SECRET: inputs.AWS_SECRET }, process.env));

    const cwd = process.cwd();
    const settings = resolveSettings({ file: readConfigFile(core.getInput('config'), cwd), inputs, cwd });
    mask(secretValues(settings, {}));

    const result = await runJob(settings, {
      force: flagInput('force'),
      dryRun: flagInput('dry-run'),
      reporter: actionReporter()
    });
    setOutputs(result);
    await writeSummary(result);
  } catch (error) {
    core.setFailed(redact(error instanceof Error ? error.message : String(error), secrets));
  }
}

/** Stages in collapsible log groups; debug lines only with step debug logging on. */
function actionReporter(): Reporter {
  return {
    info: (line) => core.info(line),
    debug: (line) => core.debug(line),
    warning: (line, position) =>
      core.warning(line, position && { file: position.file, startLine: position.line, startColumn: position.column }),
    group: (name, work) => core.group(name, work),
    progress: throttledProgress((line) => core.info(line))
  };
}

/** A true/false input that may be absent (as when run outside the runner). */
function flagInput(name: string): boolean {
  return core.getInput(name) === '' ? false : core.getBooleanInput(name);
}

function setOutputs(result: JobResult): void {
  const outputs: Record<OutputName, string | number> = {
    'media-url': result.mediaUrl,
    'cache-buster': result.cacheBuster,
    uploaded: result.uploaded.length,
    skipped: result.skipped.length,
    manifest: result.manifestPath
  };
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

async function writeSummary(result: JobResult): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary
    .addHeading('mediasync', 2)
    .addTable([
      [
        { data: 'Media URL', header: true },
        { data: 'Cache-buster', header: true },
        { data: 'Uploaded', header: true },
        { data: 'Skipped', header: true }
      ],
      [result.mediaUrl, result.cacheBuster, String(result.uploaded.length), String(result.skipped.length)]
    ])
    .write();
}
