import path from 'node:path';
import * as core from '@actions/core';
import type { OutputName } from './action-io.js';
import { cancellable } from './cancel.js';
import { runJob, type JobResult } from './job.js';
import { minifyFailure, namedFrom } from './minify-failure.js';
import { oneLine } from './one-line.js';
import { cdnPaths } from './render/cdn-paths.js';
import { UploadError, describeError } from './pipeline/upload.js';
import { renderFailureSummary, renderSummary } from './render/summary.js';
import { throttledProgress, type Reporter } from './reporter.js';
import { readConfigFile } from './settings/config-file.js';
import { resolveSettings } from './settings/load.js';
import { SETTING_KEYS, inputName, type SettingKey, type Settings } from './settings/schema.js';
import { redact, secretForms, secretValues } from './settings/secrets.js';

/** The GitHub shell: inputs → settings → sync → outputs and summary; any failure fails the step. */
export async function run(): Promise<void> {
  const secrets: string[] = [];
  const mask = (values: string[]) => {
    // The runner masks only what it is told: a secret URL-encoded in a message is another string.
    for (const form of values.flatMap(secretForms)) core.setSecret(form);
    secrets.push(...values);
  };
  let settings: Settings | undefined;
  try {
    const inputs: Partial<Record<SettingKey, string>> = {};
    for (const key of SETTING_KEYS) inputs[key] = core.getInput(inputName(key));
    mask(secretValues({ AWS_KEY: inputs.AWS_KEY, AWS_SECRET: inputs.AWS_SECRET }, process.env));

    const cwd = process.cwd();
    const file = await readConfigFile(core.getInput('config'), cwd);
    settings = resolveSettings({ file, inputs, cwd });
    mask(secretValues(settings, {}));

    const dryRun = flagInput('dry-run');
    const configFile = file && path.resolve(cwd, file.path);
    const configImports = file && 'imports' in file ? file.imports : undefined;
    const reporter = actionReporter();
    const cancelReport = { say: (line: string) => core.warning(line), abandon: (message: string) => failStalled(message, secrets) };
    const result = await cancellable((signal) => runJob(settings!, { force: flagInput('force'), dryRun, configFile, configImports, reporter, signal }), cancelReport);
    setOutputs(result);
    // The sync succeeded and its outputs are set: a summary that cannot be written does not fail it.
    const pruned = settings.PRUNE ? result.pruned : undefined;
    await writeSummary(() => renderSummary({ result, dryRun, pruned }));
    // The log's last lines: what a later step (or a person reading the log) needs.
    core.info(`media-url: ${result.mediaUrl}`);
    core.info(`cache-buster: ${result.cacheBuster}`);
    if (result.release) core.info(`release-id: ${result.release.id}`);
  } catch (error) {
    fail(error, settings, secrets);
    await failureSummary(settings ? namedFrom(error, settings.MEDIA_ROOT, process.env.GITHUB_WORKSPACE ?? process.cwd()) : error, secrets);
  }
}

/** The step's failure when the run cannot go on to its end (a cancel cut short, a promise that never settles): the annotation, the summary and the exit code. */
export async function failStalled(message: string, secrets: string[] = []): Promise<number> {
  fail(new Error(message), undefined, secrets);
  await failureSummary(new Error(message), secrets);
  return core.ExitCode.Failure;
}

/** What failed and why, in the job summary too: the log of a failed step is not where people look first. */
async function failureSummary(error: unknown, secrets: string[]): Promise<void> {
  const hide = (text: string) => redact(text, secrets);
  const message = hide(error instanceof Error ? error.message : String(error));
  await writeSummary(() => renderFailureSummary(message, error instanceof UploadError ? error : undefined, hide));
}

/** The job summary, when the runner gives one; failing to write it is a warning, never the step's failure. */
async function writeSummary(render: () => string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(render()).write();
  } catch (summaryError) {
    core.warning(`the job summary could not be written: ${describeError(summaryError)}`);
  }
}

/** A file that failed to minify becomes an annotation on that file and line; anything else a plain failure. */
function fail(error: unknown, settings: Settings | undefined, secrets: string[]): void {
  const failure = settings && minifyFailure(error, settings.MEDIA_ROOT, process.env.GITHUB_WORKSPACE ?? process.cwd());
  if (!failure) {
    core.setFailed(redact(error instanceof Error ? error.message : String(error), secrets));
    return;
  }
  core.error(failure.message, {
    title: failure.title,
    file: failure.file,
    startLine: failure.line,
    startColumn: failure.column
  });
  process.exitCode = core.ExitCode.Failure;
}

/** Stages in collapsible log groups; debug lines only with step debug logging on. Every line stays one line. */
function actionReporter(): Reporter {
  return {
    info: (line) => core.info(oneLine(line)),
    debug: (line) => core.debug(line),
    warning: (line, position) =>
      core.warning(line, position && { file: position.file, startLine: position.line, startColumn: position.column }),
    group: (name, work) => core.group(name, work),
    progress: throttledProgress((line) => core.info(oneLine(line)))
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
    pruned: result.pruned.length,
    manifest: result.manifestPath,
    'release-id': result.release?.id ?? '',
    // Pruned keys changed too: a CDN may still serve them until invalidated.
    'changed-keys': JSON.stringify(cdnPaths(result.mediaUrl, [...result.uploaded, ...result.pruned]))
  };
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}
