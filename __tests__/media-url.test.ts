import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { S3Backend } from '../src/backends/s3.js';
import { remoteMediaUrl } from '../src/render/urls.js';
import type { Settings } from '../src/settings/schema.js';
import { tempDir } from './helpers/fixtures.js';

type Ssl = boolean | undefined;

/** The media URL the job reports (the media-url output) for these settings. */
function mediaUrl(settings: Partial<Settings>): string {
  const full = { AWS_PREFIX: '', AWS_BUCKET_CNAME: false, AWS_KEY: 'k', AWS_SECRET: 's', ...settings } as Settings;
  const backend = new S3Backend(full);
  try {
    return remoteMediaUrl(full, (withSsl) => backend.remoteMediaUrl(withSsl));
  } finally {
    void backend.close();
  }
}

const ENDPOINTS = { aws: undefined, r2: 'https://acct.r2.cloudflarestorage.com', minio: 'http://127.0.0.1:9000/' } as const;
const PREFIXES = { none: ['', ''], nested: ['/site/media v1/', '/site/media%20v1'] } as const;

// The URL without a prefix, by CNAME, endpoint and USE_SSL (unset, true, false).
const BASES: Array<[cname: boolean, endpoint: keyof typeof ENDPOINTS, urls: [unset: string, https: string, http: string]]> = [
  [false, 'aws', ['https://media-bucket.s3.eu-west-1.amazonaws.com', 'https://media-bucket.s3.eu-west-1.amazonaws.com', 'http://media-bucket.s3.eu-west-1.amazonaws.com']],
  [false, 'r2', ['https://acct.r2.cloudflarestorage.com/media-bucket', 'https://acct.r2.cloudflarestorage.com/media-bucket', 'http://acct.r2.cloudflarestorage.com/media-bucket']],
  [false, 'minio', ['http://127.0.0.1:9000/media-bucket', 'https://127.0.0.1:9000/media-bucket', 'http://127.0.0.1:9000/media-bucket']],
  [true, 'aws', ['https://media-bucket', 'https://media-bucket', 'http://media-bucket']],
  [true, 'r2', ['https://media-bucket', 'https://media-bucket', 'http://media-bucket']],
  [true, 'minio', ['https://media-bucket', 'https://media-bucket', 'http://media-bucket']]
];
const SSL: Array<[Ssl, 0 | 1 | 2]> = [
  [undefined, 0],
  [true, 1],
  [false, 2]
];

const cases = BASES.flatMap(([cname, endpoint, urls]) =>
  SSL.flatMap(([useSsl, index]) =>
    Object.entries(PREFIXES).map(([prefixName, [prefix, encoded]]) => ({ cname, endpoint, useSsl, prefixName, prefix, expected: `${urls[index]}${encoded}` }))
  )
);

describe('media-url from the bucket', () => {
  test.each(cases)('CNAME $cname, endpoint $endpoint, USE_SSL $useSsl, prefix $prefixName → $expected', ({ cname, endpoint, useSsl, prefix, expected }) => {
    expect(
      mediaUrl({ AWS_BUCKET: 'media-bucket', AWS_REGION: 'eu-west-1', AWS_BUCKET_CNAME: cname, AWS_ENDPOINT: ENDPOINTS[endpoint], USE_SSL: useSsl, AWS_PREFIX: prefix })
    ).toBe(expected);
  });
});

describe('media-url from REMOTE_MEDIA_URL, whatever the bucket settings', () => {
  const remote: Array<[Ssl, string]> = [
    [undefined, 'https://cdn.example.com/media'],
    [true, 'https://cdn.example.com/media'],
    [false, 'http://cdn.example.com/media']
  ];
  test.each(cases.flatMap((c) => remote.filter(([ssl]) => ssl === c.useSsl).map(([, expected]) => ({ ...c, expected }))))(
    'CNAME $cname, endpoint $endpoint, USE_SSL $useSsl, prefix $prefixName → $expected',
    ({ cname, endpoint, useSsl, prefix, expected }) => {
      expect(
        mediaUrl({
          AWS_BUCKET: 'media-bucket',
          AWS_BUCKET_CNAME: cname,
          AWS_ENDPOINT: ENDPOINTS[endpoint],
          USE_SSL: useSsl,
          AWS_PREFIX: prefix,
          REMOTE_MEDIA_URL: 'https://cdn.example.com/media/'
        })
      ).toBe(expected);
    }
  );
});

describe('media-url on AWS: region and dotted buckets', () => {
  const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  test('no AWS_REGION anywhere: us-east-1', () => {
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    expect(mediaUrl({ AWS_BUCKET: 'media-bucket' })).toBe('https://media-bucket.s3.us-east-1.amazonaws.com');
  });

  test('AWS_REGION from the environment (as configure-aws-credentials sets it), the setting winning over it', () => {
    process.env.AWS_REGION = 'ap-south-1';
    expect(mediaUrl({ AWS_BUCKET: 'media-bucket' })).toBe('https://media-bucket.s3.ap-south-1.amazonaws.com');
    expect(mediaUrl({ AWS_BUCKET: 'media-bucket', AWS_REGION: 'eu-central-1' })).toBe('https://media-bucket.s3.eu-central-1.amazonaws.com');
  });

  test('a dotted bucket is addressed by path over https (the virtual host certificate does not cover it)', () => {
    expect(mediaUrl({ AWS_BUCKET: 'media.example.com', AWS_REGION: 'eu-west-1' })).toBe('https://s3.eu-west-1.amazonaws.com/media.example.com');
    expect(mediaUrl({ AWS_BUCKET: 'media.example.com', AWS_REGION: 'eu-west-1', USE_SSL: false })).toBe('http://media.example.com.s3.eu-west-1.amazonaws.com');
  });
});

describe('media-url with the region of an AWS_PROFILE in the shared config file', () => {
  const names = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE'] as const;
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(() => {
    scratch = tempDir();
    for (const name of names) delete process.env[name];
  });
  afterEach(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    scratch.remove();
  });

  test('is learnt when the backend opens; AWS_REGION still wins', async () => {
    process.env.AWS_CONFIG_FILE = path.join(scratch.dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(scratch.dir, 'credentials');
    process.env.AWS_PROFILE = 'deploy';
    writeFileSync(process.env.AWS_CONFIG_FILE, '[default]\nregion = sa-east-1\n\n[profile deploy]\nregion = eu-north-1\n');
    const settings = { AWS_BUCKET: 'media-bucket', AWS_PREFIX: 'p', AWS_BUCKET_CNAME: false } as Settings;

    const fromProfile = new S3Backend(settings);
    await fromProfile.open();
    expect(fromProfile.remoteMediaUrl(true)).toBe('https://media-bucket.s3.eu-north-1.amazonaws.com/p');
    await fromProfile.close();

    const fromSetting = new S3Backend({ ...settings, AWS_REGION: 'eu-west-3' });
    await fromSetting.open();
    expect(fromSetting.remoteMediaUrl(true)).toBe('https://media-bucket.s3.eu-west-3.amazonaws.com/p');
    await fromSetting.close();
  });

  test('no region anywhere: us-east-1 once opened too', async () => {
    process.env.AWS_CONFIG_FILE = path.join(scratch.dir, 'missing-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(scratch.dir, 'missing-credentials');
    const backend = new S3Backend({ AWS_BUCKET: 'media-bucket', AWS_PREFIX: '', AWS_BUCKET_CNAME: false } as Settings);
    await backend.open();
    expect(backend.remoteMediaUrl(false)).toBe('http://media-bucket.s3.us-east-1.amazonaws.com');
    await backend.close();
  });
});
