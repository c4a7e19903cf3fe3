import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { S3Backend } from '../src/backends/s3.js';
import type { Settings } from '../src/settings/schema.js';
import { EXAMPLE_SITE, copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { mediaObject } from './helpers/media-object.js';
import { runCli } from './helpers/run.js';
import { S3_CREDENTIALS, getObject, listKeys, startTestS3, type TestS3 } from './helpers/s3.js';


function s3Settings(endpoint: string, extra: Partial<Settings> = {}): Settings {
  return {
    AWS_BUCKET: 'media',
    AWS_PREFIX: 'site',
    AWS_ENDPOINT: endpoint,
    AWS_KEY: S3_CREDENTIALS.accessKeyId,
    AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
    AWS_BUCKET_CNAME: false,
    ...extra
  } as Settings;
}

describe('s3 backend against s3rver', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3(['media']);
  });
  afterAll(() => s3.stop());

  test('get reads back a stored object under the prefix, undefined when there is none; delete removes keys', async () => {
    const client = new S3Backend(s3Settings(s3.endpoint));
    try {
      await client.put(mediaObject('.mediasync/manifest.json', '{"v":1}'));
      await client.put(mediaObject('a.css', 'a{}'));
      expect((await client.get('.mediasync/manifest.json'))?.toString()).toBe('{"v":1}');
      expect(await client.get('missing.css')).toBeUndefined();
      expect((await client.list()).map((o) => o.path).sort()).toEqual(['.mediasync/manifest.json', 'a.css']);

      await client.delete(['a.css', 'never-there.css']);
      expect(await listKeys(s3.client, 'media')).toEqual(['site/.mediasync/manifest.json']);
    } finally {
      await client.close();
    }
  });
});

describe('AWS_ACL on a bucket that refuses ACLs', () => {
  let server: Server;
  let endpoint: string;
  beforeAll(async () => {
    // Answers every request as S3 does for a bucket with Object Ownership "bucket owner enforced".
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(400, { 'content-type': 'application/xml' });
        response.end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessControlListNotSupported</Code><Message>The bucket does not allow ACLs</Message><RequestId>1</RequestId></Error>'
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('the error names AWS_ACL and says what to do', async () => {
    const client = new S3Backend(s3Settings(endpoint, { AWS_ACL: 'public-read' }));
    await expect(client.put(mediaObject('a.css', 'a{}'))).rejects.toThrow(
      'AWS_ACL is public-read but bucket media does not allow ACLs (its Object Ownership is "bucket owner enforced"); unset AWS_ACL and grant public reads with a bucket policy or a CDN, or enable ACLs on the bucket'
    );
    await client.close();
  });
});

// These run the bundle: build it first with `npm run bundle`.
describe('credentials from the default chain, through node dist/cli/index.js', () => {
  let s3: TestS3;
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    s3 = await startTestS3(['example-media']);
    scratch = tempDir();
    copyExampleMedia(scratch.dir);
    const config = JSON.parse(readFileSync(path.join(EXAMPLE_SITE, 'mediasync.json'), 'utf8'));
    writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ ...config, $schema: undefined, AWS_ENDPOINT: s3.endpoint }));
  });
  afterEach(async () => {
    await s3.stop();
    scratch.remove();
  });

  async function expectSynced(env: Record<string, string>): Promise<void> {
    const result = runCli(['sync'], { cwd: scratch.dir, env });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('uploaded: 9\n');
    expect(result.stdout).toContain(`media-url: ${s3.endpoint}/example-media/site/media\n`);
    const logo = await getObject(s3.client, 'example-media', 'site/media/images/logo.png');
    expect(logo.body).toEqual(readFileSync(path.join(EXAMPLE_SITE, 'media', 'images', 'logo.png')));
  }

  test('AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN only (what configure-aws-credentials exports)', async () => {
    await expectSynced({
      AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: 'session-token-from-oidc'
    });
  });

  test('a shared credentials file and AWS_PROFILE', async () => {
    const credentials = path.join(scratch.dir, 'aws-credentials');
    writeFileSync(
      credentials,
      `[default]\naws_access_key_id = WRONG\naws_secret_access_key = WRONG\n\n[deploy]\naws_access_key_id = ${S3_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${S3_CREDENTIALS.secretAccessKey}\n`
    );
    await expectSynced({ AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: path.join(scratch.dir, 'no-aws-config'), AWS_PROFILE: 'deploy' });
  });

  // s3rver checks the access key id (not the v4 signature), so a wrong id shows the chain's credentials are what is sent.
  test('a wrong access key id from the chain is refused by the server', async () => {
    const result = runCli(['sync'], {
      cwd: scratch.dir,
      env: { AWS_ACCESS_KEY_ID: 'WRONG', AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey }
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^mediasync: the store refused the credentials \(InvalidAccessKeyId\) at AWS_ENDPOINT http:\/\/127\.0\.0\.1:\d+; check AWS_KEY and AWS_SECRET, or the credentials in the environment\n$/);
    expect(await listKeys(s3.client, 'example-media')).toEqual([]);
  });
});
