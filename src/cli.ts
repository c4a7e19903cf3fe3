#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runJob, type JobResult } from './job.js';
import { throttledProgress, type Reporter } from './reporter.js';
import { namedFrom } from './minify-failure.js';
import { readConfigFile } from './settings/config-file.js';
import { resolveSettings } from './settings/load.js';
import { redact, secretValues } from './settings/secrets.js';

const USAGE = `Usage: mediasync sync [--config FILE] [--force] [--dry-run] [--verbose]

Commands:
  sync    process MEDIA_ROOT and push it through BACKEND

Options:
  --config FILE   settings file (default: mediasync.json when present)
  --force         upload every file, even those already stored
  --dry-run       do everything but store; list what would be uploaded
  --verbose       show every file as it is handled
  -h, --help      show this help`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        force: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command] = positionals;
  if (command !== 'sync') return usage(command ? `unknown command ${command}` : 'no command given');

  const secrets = secretValues({}, process.env);
  try {
    const cwd = process.cwd();
    const settings = resolveSettings({ file: readConfigFile(values.config, cwd), cwd });
    secrets.push(...secretValues(settings, {}));
    const dryRun = values['dry-run'];
    const result = await runJob(settings, { force: values.force, dryRun, reporter: consoleReporter(values.verbose) }).catch((error: unknown) => {
      throw namedFrom(error, settings.MEDIA_ROOT, cwd);
    });
    printResult(result, dryRun);
    return 0;
  } catch (error) {
    console.error(`mediasync: ${redact(error instanceof Error ? error.message : String(error), secrets)}`);
    return 1;
  }
}

function consoleReporter(verbose: boolean): Reporter {
  return {
    info: (line) => console.log(line),
    debug: (line) => {
      if (verbose) console.log(line);
    },
    warning: (line, position) =>
      console.error(`warning: ${position ? `${position.file}:${position.line ?? 0}:${position.column ?? 0}: ` : ''}${line}`),
    group: (name, work) => {
      console.log(`== ${name}`);
      return work();
    },
    progress: throttledProgress((line) => console.log(line))
  };
}

function usage(problem: string): number {
  console.error(`mediasync: ${problem}\n\n${USAGE}`);
  return 2;
}

function printResult(result: JobResult, dryRun: boolean): void {
  console.log(`media-url: ${result.mediaUrl}`);
  console.log(`cache-buster: ${result.cacheBuster}`);
  console.log(`${dryRun ? 'would upload' : 'uploaded'}: ${result.uploaded.length}`);
  console.log(`skipped: ${result.skipped.length}`);
  console.log(`manifest: ${result.manifestPath}`);
}

process.exitCode = await main(process.argv.slice(2));
