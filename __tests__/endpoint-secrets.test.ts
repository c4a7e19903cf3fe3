import { SETTINGS } from '../src/settings/schema.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveSettings } from '../src/settings/load.js';
import { redact, secretForms } from '../src/settings/secrets.js';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runActionAsync, runCli, runCliAsync, type Run } from './helpers/run.js';

// A password and a secret with characters that URL-encoding changes.
const PASSWORD = 'pa/ss+wörd=1';
// AWS_SECRET takes printable ASCII without spaces: the characters URL-encoding changes are still there.
const SECRET = 'se/cr+et=%1&x';
const KEY = 'AKIAUSERKEY';

/** Every way the secret may be written: as is, URL-encoded (both hex cases), and what a URL parser keeps of it. */
function everyForm(secret: string): string[] {
  return [...secretForms(secret), new URL(`http://u:${encodeURIComponent(secret)}@h`).password];
}

function expectNoSecret(texts: string[], secrets: string[]): void {
  for (const text of texts) for (const secret of secrets) for (const form of everyForm(secret)) expect(text).not.toContain(form);
}

test('redact replaces a secret as is and URL-encoded in either hex case', () => {
  const text = `a ${SECRET} b ${encodeURIComponent(SECRET)} c ${encodeURIComponent(SECRET).toLowerCase()} d ${encodeURI(SECRET)}`;
  expect(redact(text, [SECRET])).toBe('a *** b *** c *** d ***');
});

test('a URL with a user name or password in AWS_ENDPOINT or REMOTE_MEDIA_URL is refused, naming the key, without the value', () => {
  const url = `https://${KEY}:${encodeURIComponent(PASSWORD)}@store.example.com`;
  const refusal = (() => {
    try {
      resolveSettings({ inputs: { MEDIA_ROOT: '.', AWS_BUCKET: 'media', AWS_ENDPOINT: url, REMOTE_MEDIA_URL: `${url}/media` }, cwd: process.cwd() });
    } catch (error) {
      return (error as Error).message;
    }
  })();
  expect(refusal).toBe(
    [
      'Invalid settings (2 problems):',
      `  - input aws-endpoint: AWS_ENDPOINT holds an @, as in user:pass@ (value not shown); allowed: ${SETTINGS.AWS_ENDPOINT.allowed}`,
      `  - input remote-media-url: REMOTE_MEDIA_URL holds an @, as in user:pass@ (value not shown); allowed: ${SETTINGS.REMOTE_MEDIA_URL.allowed}`
    ].join('\n')
  );
  expectNoSecret([refusal!], [KEY, PASSWORD]);
});

test('a URL with user:pass@ pasted into any other setting, in the file or as an input, is refused without the value', () => {
  const url = `https://${KEY}:${encodeURIComponent(PASSWORD)}@store.example.com/media`;
  const refusal = (sources: Parameters<typeof resolveSettings>[0]) => {
    try {
      resolveSettings(sources);
    } catch (error) {
      return (error as Error).message;
    }
  };
  const text = JSON.stringify({ MEDIA_ROOT: '.', BACKEND: 'dummy', FINGERPRINT_EXCLUDE: url, JOINED: { [url]: ['a.js'] }, PRUNE: [url] }, null, 2);
  expect(refusal({ file: { path: 'mediasync.json', text }, cwd: process.cwd() })).toBe(
    [
      'Invalid settings (3 problems):',
      `  - mediasync.json:5:3: JOINED is a value holding a URL with user:pass@ (not shown); allowed: ${SETTINGS.JOINED.allowed}`,
      `  - mediasync.json:10:3: PRUNE is a value holding a URL with user:pass@ (not shown); allowed: ${SETTINGS.PRUNE.allowed}`,
      `  - mediasync.json:4:3: FINGERPRINT_EXCLUDE is a value holding a URL with user:pass@ (not shown); allowed: ${SETTINGS.FINGERPRINT_EXCLUDE.allowed}`
    ].join('\n')
  );
  const asInput = refusal({ inputs: { MEDIA_ROOT: '.', BACKEND: 'dummy', PRUNE: url }, cwd: process.cwd() });
  expect(asInput).toBe(`Invalid settings (1 problem):\n  - input prune: PRUNE got a value holding a URL with user:pass@ (not shown); allowed: ${SETTINGS.PRUNE.allowed}`);
  for (const message of [refusal({ file: { path: 'mediasync.json', text }, cwd: process.cwd() }), asInput]) expectNoSecret([message!], [KEY, PASSWORD]);
});

test('a settings file that is not JSON is refused without the secret it holds where the parser stopped', () => {
  const endpoint = `https://${KEY}:${encodeURIComponent(PASSWORD)}@s3.example.com`;
  const texts = [
    `{"AWS_KEY": "${KEY}", "AWS_SECRET" "${SECRET}"}`,
    `{"AWS_SECRET": "${SECRET}\t"}`,
    `{\n  "AWS_ENDPOINT": "${endpoint}\n}`,
    `{"PRUNE": ["https://a.example/?X-Amz-Signature=${SECRET}`
  ];
  for (const text of texts) {
    let message = '';
    try {
      resolveSettings({ file: { path: 'mediasync.json', text }, cwd: process.cwd() });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid settings \(1 problem\):\n {2}- mediasync\.json:\d+:\d+: is not valid JSON: .* \(found a string\)$/);
    expectNoSecret([message], [KEY, PASSWORD, SECRET]);
  }
});

test("a URL's query or fragment, where signed URLs and tokens travel, is never echoed in a refusal", () => {
  const refusal = (sources: Parameters<typeof resolveSettings>[0]) => {
    try {
      resolveSettings(sources);
    } catch (error) {
      return (error as Error).message;
    }
  };
  const text = JSON.stringify({
    MEDIA_ROOT: '.',
    AWS_BUCKET: 'media',
    AWS_ENDPOINT: 'https://s3.example.com/?X-Amz-Signature=SIG-ENDPOINT',
    REMOTE_MEDIA_URL: 'https://cdn.example.com/m#access_token=TOKEN-FRAGMENT',
    PRUNE: ['https://x.example/?token=TOKEN-PRUNE'],
    'https://k.example/?token=TOKEN-KEY': 1
  });
  const message = refusal({ file: { path: 'mediasync.json', text }, cwd: process.cwd() })!;
  expect(message.split('\n').map((line) => line.replace(/^ {2}- mediasync\.json:1:\d+: /, ''))).toEqual([
    'Invalid settings (4 problems):',
    '"https://k.example/?…" is not a mediasync setting',
    `AWS_ENDPOINT is "https://s3.example.com/?…"; allowed: ${SETTINGS.AWS_ENDPOINT.allowed}`,
    `REMOTE_MEDIA_URL is "https://cdn.example.com/m#…"; allowed: ${SETTINGS.REMOTE_MEDIA_URL.allowed}`,
    `PRUNE is ["https://x.example/?…"]; allowed: ${SETTINGS.PRUNE.allowed}`
  ]);
  const asInput = refusal({ inputs: { MEDIA_ROOT: '.', BACKEND: 'dummy', PRUNE: 'https://x.example/?token=TOKEN-INPUT' }, cwd: process.cwd() })!;
  expect(asInput).toBe(`Invalid settings (1 problem):\n  - input prune: PRUNE got "https://x.example/?…"; allowed: ${SETTINGS.PRUNE.allowed}`);
  expect(`${message}\n${asInput}`).not.toMatch(/SIG-|TOKEN-/);
});

test.each([
  ['a space before the query', 'https://cdn.example.com/my media/?X-Amz-Signature=SIG-SPACE', '"https://cdn.example.com/my media/?…"'],
  ['a quote before the query', 'https://x.example/a"b?token=TOKEN-QUOTE', '"https://x.example/a\\"b?…"'],
  ['a space inside the query', 'https://x.example/?a=1 2&token=TOKEN-INSIDE', '"https://x.example/?…"'],
  ['no scheme', 's3.example.com/?X-Amz-Signature=SIG-NOSCHEME', '"s3.example.com/?…"'],
  ['a query cut at the 80 characters shown', `https://x.example/${'p'.repeat(50)}?token=TOKEN-LONG`, `"https://x.example/${'p'.repeat(50)}?…… (87 characters of JSON)`],
  ['no scheme, the = past the cut', `s3.example.com/${'p'.repeat(45)}?TOKEN-BARE-TOKEN-BARE&X-Amz-Signature=S`, `"s3.example.com/${'p'.repeat(45)}?…… (102 characters of JSON)`]
])("a URL's query is hidden with %s", (_, url, shownAs) => {
  let message = '';
  try {
    resolveSettings({ inputs: { MEDIA_ROOT: '.', BACKEND: 'dummy', AWS_ENDPOINT: url }, cwd: process.cwd() });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toBe(`Invalid settings (1 problem):\n  - input aws-endpoint: AWS_ENDPOINT is ${shownAs}; allowed: ${SETTINGS.AWS_ENDPOINT.allowed}`);
  expect(message).not.toMatch(/SIG-|TOKEN-/);
});

// These run the bundle: build it first with `npm run bundle`.
describe('no secret in any form in what the CLI and the action print or write', () => {
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(() => {
    scratch = tempDir();
    copyExampleMedia(scratch.dir);
  });
  afterEach(() => scratch.remove());

  /** What a person could read after a run: the logs without the runner's mask commands, the outputs and the summary. */
  const everything = (run: Run & { outputs?: Record<string, string>; summary?: string }) => [
    run.stdout.replace(/^::add-mask::.*$/gm, ''),
    run.stderr,
    JSON.stringify(run.outputs ?? {}),
    run.summary ?? ''
  ];

  test('AWS_ENDPOINT with a password, in mediasync.json (CLI) and as an input (action)', async () => {
    const endpoint = `http://${KEY}:${encodeURIComponent(PASSWORD)}@127.0.0.1:9`;
    writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'media', AWS_ENDPOINT: endpoint }));
    const cli = runCli(['sync'], { cwd: scratch.dir });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/^mediasync: Invalid settings \(1 problem\):\n {2}- mediasync\.json:1:\d+: AWS_ENDPOINT holds an @, as in user:pass@ \(value not shown\)/);
    expectNoSecret(everything(cli), [KEY, PASSWORD]);

    writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'media' }));
    const action = await runActionAsync({ 'aws-endpoint': endpoint, 'remote-media-url': `${endpoint}/media` }, { cwd: scratch.dir });
    expect(action.status).toBe(1);
    expect(action.stdout).toContain('input aws-endpoint: AWS_ENDPOINT holds an @, as in user:pass@ (value not shown)');
    expect(action.stdout).toContain('input remote-media-url: REMOTE_MEDIA_URL holds an @, as in user:pass@ (value not shown)');
    expect(action.outputs).toEqual({});
    expectNoSecret(everything(action), [KEY, PASSWORD]);
  });

  describe('a store whose error message quotes the secret, as is and URL-encoded', () => {
    let server: Server;
    let endpoint: string;
    beforeAll(async () => {
      server = createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          const quoted = `${SECRET} ${encodeURIComponent(SECRET)} ${encodeURIComponent(SECRET).toLowerCase()} ${KEY}`;
          response.writeHead(400, { 'content-type': 'application/xml' });
          response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidArgument</Code><Message>Bad request for ${quoted}</Message></Error>`);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    test('CLI, with the credentials in mediasync.json', async () => {
      writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'media', AWS_ENDPOINT: endpoint, AWS_KEY: KEY, AWS_SECRET: SECRET }));
      const cli = await runCliAsync(['sync'], { cwd: scratch.dir });
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain('mediasync: InvalidArgument: Bad request for *** *** *** ***');
      expectNoSecret(everything(cli), [KEY, SECRET]);
    });

    test('action, with the credentials as inputs', async () => {
      writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'media' }));
      const action = await runActionAsync({ 'aws-endpoint': endpoint, 'aws-key': KEY, 'aws-secret': SECRET }, { cwd: scratch.dir });
      expect(action.status).toBe(1);
      expect(action.stdout).toContain('::error::InvalidArgument: Bad request for *** *** *** ***');
      // The runner is told every form, so it masks them in what else the step logs.
      // (Workflow commands escape % as %25.)
      expect(action.stdout).toContain(`::add-mask::${encodeURIComponent(SECRET).replace(/%/g, '%25')}`);
      expect(action.outputs).toEqual({});
      expectNoSecret(everything(action), [KEY, SECRET]);
    });
  });
});
