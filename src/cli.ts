#!/usr/bin/env node
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runToExit } from './exit.js';
import { outliveClosedOutput } from './closed-output.js';
import { CancelledError, cancellable } from './cancel.js';
import packageJson from '../package.json' with { type: 'json' };
import { didYouMean } from './did-you-mean.js';
import { runJob, type JobResult } from './job.js';
import { loadTagSource } from './local-media.js';
import { css, cssPrint, importMap, js, mediaUrl, type TagOptions, type TagSource } from './render/tags.js';
import { oneLine } from './one-line.js';
import { progressBar, throttledProgress, type Reporter } from './reporter.js';
import { namedFrom } from './minify-failure.js';
import { UploadError } from './pipeline/upload.js';
import { DEFAULT_CONFIGS, readConfigFile } from './settings/config-file.js';
import { resolveSettings } from './settings/load.js';
import type { Settings } from './settings/schema.js';
import { redact, secretValues } from './settings/secrets.js';
import type { DevMediaOptions } from './serve/dev-media.js';
import { mountPathOf } from './serve/request-path.js';

const USAGE = `Usage: mediasync sync [--config FILE] [--force] [--dry-run] [--verbose]
       mediasync tag js|css|css_print PATH [MEDIA] [--config FILE] [--remote|--local] [--insecure]
       mediasync tag importmap [--config FILE] [--remote|--local] [--insecure]
       mediasync url [PATH] [--config FILE] [--remote|--local] [--insecure]
       mediasync serve [--config FILE] [--port N] [--host HOST] [--pages DIR] [--minify|--synced] [--remote|--local]

Commands:
  sync    process MEDIA_ROOT and push it through BACKEND
  tag     print the <script> or <link> tags for PATH (css takes an optional MEDIA),
          or the <script type="importmap"> of the fingerprinted ES modules
  url     print MEDIA_URL or the remote media URL, with PATH and the cache-buster
  serve   serve MEDIA_ROOT at MEDIA_URL for development (a redirect to the remote copy with SERVE_REMOTE)

Options:
  --config FILE   settings file (default: mediasync.json or mediasync.config.mjs when present)
  --force         sync: upload every file, even those already stored
  --dry-run       sync: do everything but store; list what would be uploaded
  --verbose       sync: show every file as it is handled
  --remote        tag, url, serve: point at the remote copy (as SERVE_REMOTE true)
  --local         tag, url, serve: point at MEDIA_URL (as SERVE_REMOTE false)
  --insecure      tag, url: the page is served over http (used when USE_SSL is unset)
  --port N        serve: port to listen on (default 8000; 0 picks a free one)
  --host HOST     serve: address to listen on (default 127.0.0.1)
  --pages DIR     serve: also serve DIR at /, rendering {% js %}, {% css %}, {% css_print %},
                  {% media_url %} and {% importmap %} tags in its .html files
  --minify        serve: minify JS and CSS on the fly, as the sync does
  --synced        serve: serve what BACKEND filesystem wrote to FILESYSTEM_ROOT, with the headers it stored
  -h, --help      show this help
  -v, --version   print the version

tag and url read the remote URL and cache-buster from MANIFEST_PATH when a sync wrote one;
otherwise from the settings (CACHE_BUSTER, or no cache-buster).`;

const OPTIONS = {
  config: { type: 'string' },
  force: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  remote: { type: 'boolean', default: false },
  local: { type: 'boolean', default: false },
  insecure: { type: 'boolean', default: false },
  port: { type: 'string', default: '8000' },
  host: { type: 'string', default: '127.0.0.1' },
  pages: { type: 'string' },
  minify: { type: 'boolean', default: false },
  synced: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false }
} as const;

const COMMANDS = ['sync', 'tag', 'url', 'serve'];

async function main(argv: string[]): Promise<number> {
  outliveClosedOutput();
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    return usage(parseProblem(error as Error & { code?: string }));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, ...args] = positionals;
  // With a command, -v is more likely a guess at --verbose than a wish for the version: `sync -v`
  // exiting 0 without syncing would pass in CI unnoticed.
  if (values.version && command) return usage(`-v and --version print the version and take no command${command === 'sync' ? '; for every file as it is handled, use --verbose' : ''}`);
  if (values.version) {
    console.log(packageJson.version);
    return 0;
  }
  if (!command) return usage('no command given; allowed: sync, tag, url, serve');
  if (!COMMANDS.includes(command)) return usage(`unknown command ${command}${suggestion(command, COMMANDS, ' (did you mean %s?)')}; allowed: ${COMMANDS.join(', ')}`);
  // A word left over would be silently dropped: `sync dry-run` would store for real.
  if ((command === 'sync' || command === 'serve') && args.length > 0) return usage(`${command} takes no arguments, got ${args.join(' ')}${suggestion(args[0], knownOptions(), '; did you mean %s?')}`);
  if (values.remote && values.local) return usage('--remote and --local cannot be used together');
  const remote = values.remote ? true : values.local ? false : undefined;

  const secrets = secretValues({}, process.env);
  const bar = process.stdout.isTTY ? progressBar(process.stdout) : undefined;
  try {
    const cwd = process.cwd();
    const file = await readConfigFile(values.config, cwd);
    // Without a file the CLI has no settings at all: say so rather than list what is missing.
    if (command === 'sync' && !file) throw new Error(`no ${DEFAULT_CONFIGS.slice(0, -1).join(', ')} or ${DEFAULT_CONFIGS.at(-1)} in ${cwd}; create one there, or name a settings file with --config FILE`);
    const settings = resolveSettings({ file, cwd });
    secrets.push(...secretValues(settings, {}));
    if (command === 'tag' || command === 'url') {
      const rendered = renderCommand(command, args, await loadTagSource(settings), { remote, secure: !values.insecure });
      if (rendered.problem) return usage(rendered.problem);
      console.log(rendered.output);
      return 0;
    }
    if (command === 'serve') {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port ${values.port} is not a port; allowed: a whole number from 0 to 65535`);
      const pagesDir = values.pages === undefined ? undefined : path.resolve(cwd, values.pages);
      if (values.minify && values.synced) return usage('--minify and --synced cannot be used together: a synced tree is already minified');
      return await serve(settings, { remote, minify: values.minify, synced: values.synced, pagesDir }, { host: values.host, port });
    }
    const dryRun = values['dry-run'];
    const configFile = file && path.resolve(cwd, file.path);
    const configImports = file && 'imports' in file ? file.imports : undefined;
    const reporter = consoleReporter(values.verbose, bar);
    const cancelReport = {
      say: (line: string) => console.error(`mediasync: ${line}`),
      abandon: (message: string, signal: NodeJS.Signals) => {
        bar?.interrupt();
        console.error(`mediasync: ${message}`);
        return exitCodeOf(signal);
      }
    };
    const result = await cancellable((signal) => runJob(settings, { force: values.force, dryRun, configFile, configImports, reporter, signal }), cancelReport).catch(
      (error: unknown) => {
        bar?.interrupt();
        throw namedFrom(error, settings.MEDIA_ROOT, cwd);
      }
    );
    printResult(result, dryRun);
    return 0;
  } catch (error) {
    console.error(`mediasync: ${redact(error instanceof Error ? error.message : String(error), secrets)}`);
    if (values.verbose && error instanceof UploadError) console.error(`every file that failed:\n${redact(error.details, secrets)}`);
    return error instanceof CancelledError ? exitCodeOf(error.signal) : 1;
  }
}

/** As a shell reports a process a signal stopped: 128 + the signal's number. */
function exitCodeOf(signal: NodeJS.Signals): number {
  return 128 + os.constants.signals[signal];
}

/** `tag js|css|css_print PATH [MEDIA]`, `tag importmap` and `url [PATH]`: the output, or what is wrong with the arguments. */
function renderCommand(command: 'tag' | 'url', args: string[], source: TagSource, options: TagOptions): { output?: string; problem?: string } {
  if (command === 'url') {
    if (args.length > 1) return { problem: 'url takes at most one PATH' };
    return { output: mediaUrl(source, args[0], options) };
  }
  const [kind, relPath, media, ...extra] = args;
  const wrongArguments = { problem: 'tag takes js PATH, css PATH [MEDIA], css_print PATH or importmap' };
  if (kind === 'importmap') return relPath === undefined ? { output: importMap(source, options) } : wrongArguments;
  if (!relPath || extra.length > 0 || (media !== undefined && kind !== 'css')) return wrongArguments;
  if (kind === 'js') return { output: js(source, relPath, options) };
  if (kind === 'css') return { output: css(source, relPath, media, options) };
  if (kind === 'css_print') return { output: cssPrint(source, relPath, options) };
  return { problem: `unknown tag ${kind}; allowed: js, css, css_print, importmap` };
}

/** Run the development server until SIGINT or SIGTERM. */
async function serve(settings: Settings, options: DevMediaOptions, listen: { host: string; port: number }): Promise<number> {
  const served = options.synced ? ['FILESYSTEM_ROOT', settings.FILESYSTEM_ROOT] : ['MEDIA_ROOT', settings.MEDIA_ROOT];
  for (const [what, dir] of [served, ['--pages', options.pagesDir]]) {
    if (dir && !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${what} ${dir} is not a folder; allowed: a path to an existing folder`);
  }
  // Loaded here, not at start: the server and its minifiers would slow every sync.
  const [{ devMounts }, { startDevServer }] = await Promise.all([import('./serve/dev-media.js'), import('./serve/server.js')]);
  const tags = await loadTagSource(settings);
  const server = await startDevServer(devMounts(settings, tags, options), listen, (error) => console.error(`mediasync: ${error.message}`));
  const remote = options.remote ?? settings.SERVE_REMOTE;
  const mediaPath = mountPathOf(settings.MEDIA_URL);
  console.log(`serving ${served[1]} at ${server.url}${mediaPath}${remote ? ` (redirecting to ${tags.insecureMediaUrl ?? tags.mediaUrl})` : ''}`);
  if (options.pagesDir) console.log(`serving pages from ${options.pagesDir} at ${server.url}/`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

/** Plain lines; on a terminal, a progress bar drawn in place instead of throttled progress lines. */
function consoleReporter(verbose: boolean, bar: ReturnType<typeof progressBar> | undefined): Reporter {
  const print = (write: (line: string) => void) => (line: string) => {
    bar?.interrupt();
    write(line);
  };
  // One line each: in a workflow's run step, the runner reads commands at the start of any line.
  const log = print((line) => console.log(oneLine(line)));
  const warn = print((line) => console.error(oneLine(line)));
  return {
    info: log,
    debug: (line) => {
      if (verbose) log(line);
    },
    warning: (line, position) => warn(`warning: ${position ? `${position.file}:${position.line ?? 0}:${position.column ?? 0}: ` : ''}${line}`),
    group: (name, work) => {
      log(`== ${name}`);
      return work();
    },
    progress: bar?.progress ?? throttledProgress((line) => console.log(line))
  };
}

/** A usage error in two lines: what is wrong, and where the full usage is. */
function usage(problem: string): number {
  console.error(`mediasync: ${problem}\nRun "mediasync --help" for the commands and options.`);
  return 2;
}

/** Node's parser text made short: an unknown option gets the closest known one. */
function parseProblem(error: Error & { code?: string }): string {
  const unknown = error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-{1,2}[^']*)'/.exec(error.message)?.[1] : undefined;
  if (unknown === undefined) return error.message;
  return `unknown option ${unknown}${suggestion(unknown.replace(/=.*$/, ''), knownOptions(), '; did you mean %s?')}`;
}

function knownOptions(): string[] {
  return Object.keys(OPTIONS).map((name) => `--${name}`);
}

/** `form` with %s replaced by the closest candidate, or nothing when none is close. */
function suggestion(typed: string, candidates: readonly string[], form: string): string {
  const closest = didYouMean(typed, candidates);
  return closest ? form.replace('%s', closest) : '';
}

function printResult(result: JobResult, dryRun: boolean): void {
  console.log(`media-url: ${result.mediaUrl}`);
  console.log(`cache-buster: ${result.cacheBuster}`);
  if (result.release) console.log(`release-id: ${result.release.id}`);
  console.log(`${dryRun ? 'would upload' : 'uploaded'}: ${result.uploaded.length}`);
  console.log(`skipped: ${result.skipped.length}`);
  if (result.pruned.length > 0) console.log(`${dryRun ? 'would prune' : 'pruned'}: ${result.pruned.length}`);
  console.log(`manifest: ${result.manifestPath}${dryRun ? ' (dry run: MANIFEST_PATH left as it was)' : ''}`);
}

runToExit(
  () => main(process.argv.slice(2)),
  (message) => {
    console.error(`mediasync: ${message}`);
    return 1;
  }
);
