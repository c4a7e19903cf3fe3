// The one definition of every setting: its JSON Schema (used to validate mediasync.json and the
// action inputs, and written out as mediasync.schema.json), its default and its description.

export const DOCTYPES = ['html4', 'html5', 'xhtml'] as const;
export type Doctype = (typeof DOCTYPES)[number];

export const CANNED_ACLS = [
  'private',
  'public-read',
  'public-read-write',
  'authenticated-read',
  'aws-exec-read',
  'bucket-owner-read',
  'bucket-owner-full-control'
] as const;

export const BACKEND_NAMES = ['s3', 'filesystem', 'dummy'] as const;

/** A BACKEND that names a module file (resolved like a path) rather than a built-in backend. */
export function isModulePath(backend: string): boolean {
  return /\.[cm]?js$/i.test(backend);
}

export interface Settings {
  MEDIA_ROOT: string;
  MEDIA_URL: string;
  BACKEND: string;
  EXPIRATION_DAYS: number;
  SERVE_REMOTE: boolean;
  DOCTYPE: Doctype;
  USE_SSL?: boolean;
  FILESYSTEM_ROOT: string;
  AWS_KEY?: string;
  AWS_SECRET?: string;
  AWS_BUCKET?: string;
  AWS_PREFIX: string;
  AWS_BUCKET_CNAME: boolean;
  AWS_REGION?: string;
  AWS_ENDPOINT?: string;
  AWS_ACL?: (typeof CANNED_ACLS)[number];
  AWS_GZIP: boolean;
  AWS_TIMEOUT: number;
  AWS_MAX_ATTEMPTS: number;
  REMOTE_MEDIA_URL?: string;
  /** A literal, or (from a settings module) a function of a file's URL, as the seed allowed. */
  CACHE_BUSTER?: string | ((url: string) => unknown);
  JOINED: Record<string, string[]>;
  CSS_PATH: string;
  JS_PATH: string;
  MINIFY: boolean;
  SOURCE_MAPS: boolean;
  CONCURRENCY: number;
  PRUNE: boolean;
  MAX_DELETE: number;
  MANIFEST_PATH: string;
  EXCLUDE: string[];
  EMULATE_COMBO: boolean;
  FINGERPRINT: boolean;
  FINGERPRINT_EXCLUDE: string[];
  SRI: boolean;
  KEEP_RELEASES: number;
  PRUNE_GRACE_HOURS: number;
}

export type SettingKey = keyof Settings;

/** A JSON Schema fragment for one setting, with the fields we read back. */
export interface PropertySchema {
  description: string;
  type?: string | string[];
  default?: unknown;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  /** Plain words for what is allowed, used in error messages. */
  allowed: string;
  /**
   * Whether the value is a path resolved against the config file's folder (or the working
   * directory for inputs); a function decides per value.
   */
  isPath?: boolean | ((value: string) => boolean);
  /** A credential: its value is never echoed in a message. */
  secret?: boolean;
  /** What is still wrong with a value the schema accepted (a URL that does not parse), or undefined. */
  check?: (value: unknown) => string | undefined;
  [keyword: string]: unknown;
}

// Values that reach an action output or a URL (media-url, cache-buster, manifest) keep to
// characters that mean nothing to bash, PowerShell or cmd, unquoted or in double quotes, and
// that a URL carries as they are. ASCII only: no look-alikes or direction marks.
// Without @ there is no user:pass@ either; load.ts never shows a URL setting that holds one.
const URL_CHARS = 'A-Za-z0-9._~:/-';
const URL_PATTERN = `^https?://[A-Za-z0-9][${URL_CHARS}]*$`;
const URL_ALLOWED = 'an http:// or https:// URL of ASCII letters, digits and - . _ ~ : / (no user:pass@, query, fragment or IPv6 literal)';
/** Paths whose resolved form is an output (MANIFEST_PATH) or part of media-url (FILESYSTEM_ROOT). */
const OUTPUT_PATH_PATTERN = '^[A-Za-z0-9._~/+-]+$';
const OUTPUT_PATH_ALLOWED = 'ASCII letters, digits and - . _ ~ / +';
/** Any other path: anything a file system takes but control characters. */
const NO_CONTROL = '^[^\\u0000-\\u001f\\u007f]+$';

/** A URL the WHATWG parser takes (a port in range, a valid host): what the pattern cannot say. */
function checkUrl(value: unknown): string | undefined {
  return typeof value === 'string' && !URL.canParse(value) ? 'is not a URL that parses (check the host and port)' : undefined;
}

/** A glob relative to MEDIA_ROOT. picomatch throws on one over 65,536 characters: a far lower cap is refused here, naming the setting. */
const GLOB_ITEMS = { type: 'string', minLength: 1, maxLength: 1024, pattern: '^(?!/)' } as const;
const GLOBS_ALLOWED = 'a list of globs relative to MEDIA_ROOT, each at most 1,024 characters (as an input: a JSON array, or one glob per line)';

// Relative key paths: no leading slash, no backslash, no control character, no `.` or `..` segment.
// `[\s\S]` rather than `.`, which would not match U+2028 and let such a value through as invalid.
const SAFE_PATH_START = '^(?!/)(?![\\s\\S]*[\\\\\\u0000-\\u001f\\u007f])';
const KEY_PATH_PATTERN = `${SAFE_PATH_START}(?!([\\s\\S]*/)?\\.{1,2}(/|$))[\\s\\S]*$`;

export const SETTINGS: Record<SettingKey, PropertySchema> = {
  MEDIA_ROOT: {
    type: 'string',
    minLength: 1,
    pattern: NO_CONTROL,
    isPath: true,
    description: 'Folder holding the media to sync. Relative to the config file (or the working directory for an input).',
    allowed: 'a path to an existing folder'
  },
  MEDIA_URL: {
    type: 'string',
    default: '/devmedia/',
    // One leading slash: a protocol-relative //host/ would serve the media from another site.
    pattern: `^(/(?!/)|https?://[A-Za-z0-9])[${URL_CHARS}]*$`,
    check: (value) => (typeof value === 'string' && !URL.canParse(value, 'http://localhost') ? 'is not a URL that parses' : undefined),
    description: 'URL the media is served from while developing locally.',
    allowed: 'a URL path such as /devmedia/ (one leading slash: //host/ is another site) or an http(s):// URL, of ASCII letters, digits and - . _ ~ : /'
  },
  BACKEND: {
    type: 'string',
    default: 's3',
    pattern: `^((mediasync\\.backends\\.)?(${BACKEND_NAMES.join('|')})|[^\\u0000-\\u001f\\u007f]+\\.[cCmM]?[jJ][sS])$`,
    isPath: isModulePath,
    description:
      'Where media is pushed: s3, filesystem, dummy, a dotted name (mediasync.backends.s3) or a path to your own module (relative to the config file).',
    allowed: `${BACKEND_NAMES.join(', ')}, mediasync.backends.<one of those>, or a path to a .js, .mjs or .cjs module`
  },
  EXPIRATION_DAYS: {
    type: 'integer',
    default: 365,
    minimum: 0,
    maximum: 36500,
    description: 'Days until synced media expires: sets Cache-Control max-age and Expires.',
    allowed: 'a whole number of days from 0 to 36500'
  },
  SERVE_REMOTE: {
    type: 'boolean',
    default: false,
    description: 'Render media URLs pointing at the remote copy even while developing.',
    allowed: 'true or false'
  },
  DOCTYPE: {
    type: 'string',
    enum: DOCTYPES,
    default: 'xhtml',
    description: 'Syntax of rendered <link> and <script> tags.',
    allowed: DOCTYPES.join(', ')
  },
  USE_SSL: {
    type: 'boolean',
    description: 'Force https (true) or http (false) media URLs; unset means https unless the page says otherwise.',
    allowed: 'true or false'
  },
  FILESYSTEM_ROOT: {
    type: 'string',
    default: 'mediasync-out',
    pattern: OUTPUT_PATH_PATTERN,
    isPath: true,
    description:
      'Folder the filesystem backend writes the synced tree into (AWS_PREFIX becomes a subfolder). Relative to the config file (or the working directory for an input).',
    allowed: `a folder path outside MEDIA_ROOT, of ${OUTPUT_PATH_ALLOWED}`
  },
  AWS_KEY: {
    type: 'string',
    pattern: '^[!-~]+$',
    secret: true,
    description: 'Access key id. Unset: the AWS SDK default credential chain (environment, profile, OIDC).',
    allowed: 'an access key id: printable ASCII without spaces'
  },
  AWS_SECRET: {
    type: 'string',
    pattern: '^[!-~]+$',
    secret: true,
    description: 'Secret access key, used with AWS_KEY. Masked in logs.',
    allowed: 'a secret access key: printable ASCII without spaces'
  },
  AWS_BUCKET: {
    type: 'string',
    pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
    description: 'Bucket to sync into (required by the s3 backend).',
    allowed: 'a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens'
  },
  AWS_PREFIX: {
    type: 'string',
    default: '',
    // Part of media-url: percent-encoded there, so a space or # is safe, but ' ( ) * ! $ ; & are not.
    pattern: `^(?![\\s\\S]*[^A-Za-z0-9 ._~/#+-])${KEY_PATH_PATTERN.slice(1)}`,
    description: 'Key prefix inside the bucket, e.g. myproject/media/v20001201.',
    allowed: 'a relative key path without a leading slash, backslashes, or . and .. segments, of ASCII letters, digits, spaces and - . _ ~ / # +'
  },
  AWS_BUCKET_CNAME: {
    type: 'boolean',
    default: false,
    description: 'The bucket name is a DNS CNAME: media URL is scheme://bucket/prefix.',
    allowed: 'true or false'
  },
  AWS_REGION: {
    type: 'string',
    pattern: '^[a-z0-9-]+$',
    maxLength: 64,
    description: "Bucket region. Unset: AWS_REGION in the environment, else the profile's region in the AWS shared config file, else us-east-1.",
    allowed: 'a region name such as eu-west-1 or auto'
  },
  AWS_ENDPOINT: {
    type: 'string',
    pattern: URL_PATTERN,
    check: checkUrl,
    description: 'Endpoint of an S3-compatible store (R2, MinIO, Spaces, B2); implies path-style addressing.',
    allowed: URL_ALLOWED
  },
  AWS_ACL: {
    type: 'string',
    enum: CANNED_ACLS,
    description: 'Canned ACL sent with every object. Unset: none (buckets created since 2023 refuse ACLs).',
    allowed: CANNED_ACLS.join(', ')
  },
  AWS_GZIP: {
    type: 'boolean',
    default: true,
    description: 'Gzip compressible files in place (Content-Encoding: gzip) when that makes them smaller.',
    allowed: 'true or false'
  },
  AWS_TIMEOUT: {
    type: 'integer',
    default: 60,
    minimum: 1,
    maximum: 3600,
    description:
      'Seconds one attempt of a store request may take, from connecting to the last byte of the answer (connecting alone: at most 10); a slower attempt is cancelled and counts as failed.',
    allowed: 'a whole number of seconds from 1 to 3600'
  },
  AWS_MAX_ATTEMPTS: {
    type: 'integer',
    default: 8,
    minimum: 1,
    maximum: 20,
    description:
      'Attempts each store request gets: throttling, 5xx answers, dropped connections and timeouts are tried again, with a growing random wait (at most 20 s) between attempts.',
    allowed: 'a whole number from 1 to 20'
  },
  REMOTE_MEDIA_URL: {
    type: 'string',
    pattern: URL_PATTERN,
    check: checkUrl,
    description: 'Public base URL of the synced media (a CDN domain); overrides the URL derived from the bucket.',
    allowed: URL_ALLOWED
  },
  CACHE_BUSTER: {
    type: ['string', 'integer'],
    // It becomes the cache-buster output, which workflows put in shell commands.
    pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Query-string value added to media URLs. Unset: a short hash of the synced content.',
    allowed: '1 to 64 ASCII letters, digits and . _ -, starting with a letter or digit, or a whole number from 0'
  },
  JOINED: {
    type: 'object',
    default: {},
    propertyNames: { pattern: `${SAFE_PATH_START}(?!([\\s\\S]*/)?\\.{1,2}/)[\\s\\S]*\\.(css|js)$` },
    additionalProperties: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', minLength: 1, pattern: KEY_PATH_PATTERN }
    },
    description: 'Bundles: alias (ending in .css or .js) to the list of parts joined into it.',
    allowed: 'an object mapping an alias ending in .css or .js to a non-empty list of relative paths'
  },
  CSS_PATH: {
    type: 'string',
    default: '',
    pattern: KEY_PATH_PATTERN,
    description: 'Folder of CSS under MEDIA_ROOT, prefixed to CSS aliases, parts and tag paths.',
    allowed: 'a relative path without a leading slash, backslashes, control characters, or . and .. segments'
  },
  JS_PATH: {
    type: 'string',
    default: '',
    pattern: KEY_PATH_PATTERN,
    description: 'Folder of JavaScript under MEDIA_ROOT, prefixed to JS aliases, parts and tag paths.',
    allowed: 'a relative path without a leading slash, backslashes, control characters, or . and .. segments'
  },
  MINIFY: {
    type: 'boolean',
    default: true,
    description: 'Minify JavaScript (terser) and CSS (clean-css) before upload.',
    allowed: 'true or false'
  },
  SOURCE_MAPS: {
    type: 'boolean',
    default: false,
    description: 'Store a source map at <key>.map beside every minified JS and CSS file and every JOINED bundle, with a sourceMappingURL comment pointing at it.',
    allowed: 'true or false'
  },
  CONCURRENCY: {
    type: 'integer',
    default: 16,
    minimum: 1,
    maximum: 256,
    description: 'How many uploads run at once.',
    allowed: 'a whole number from 1 to 256'
  },
  PRUNE: {
    type: 'boolean',
    default: false,
    description:
      'Delete objects under AWS_PREFIX that an earlier sync stored and that no longer exist locally, after every upload succeeded.',
    allowed: 'true or false'
  },
  MAX_DELETE: {
    type: 'integer',
    default: 100,
    minimum: 0,
    maximum: 1000000,
    description: 'The most objects PRUNE may delete in one run; a run that would delete more fails before changing anything.',
    allowed: 'a whole number from 0 to 1000000'
  },
  MANIFEST_PATH: {
    type: 'string',
    default: 'mediasync-manifest.json',
    pattern: OUTPUT_PATH_PATTERN,
    isPath: true,
    description: 'Where the manifest JSON is written. Relative to the config file (or the working directory for an input).',
    allowed: `a file path of ${OUTPUT_PATH_ALLOWED}`
  },
  EXCLUDE: {
    type: 'array',
    default: [],
    items: GLOB_ITEMS,
    description:
      'Globs of files and folders under MEDIA_ROOT that are never synced, relative to MEDIA_ROOT (`drafts/**`, `**/*.psd`). Hidden and underscore paths, settings files (the one read, and any named mediasync.json, mediasync.config.mjs or mediasync.config.js), MANIFEST_PATH, the hash cache and FILESYSTEM_ROOT are never synced anyway.',
    allowed: GLOBS_ALLOWED
  },
  EMULATE_COMBO: {
    type: 'boolean',
    default: false,
    description: 'While serving locally, render one tag per JOINED bundle and have `mediasync serve` join it on the fly, as the remote copy would.',
    allowed: 'true or false'
  },
  FINGERPRINT: {
    type: 'boolean',
    default: false,
    description:
      'Store every object at a content-hashed key (styles/site.3f9a2c1b7d0e.css) served immutable, rewrite the references between them, and record each sync as a release; the tags and the manifest give the hashed URLs.',
    allowed: 'true or false'
  },
  FINGERPRINT_EXCLUDE: {
    type: 'array',
    default: [],
    items: GLOB_ITEMS,
    description:
      'With FINGERPRINT: globs of files kept at their own names with the EXPIRATION_DAYS headers (favicon.ico, robots.txt, files linked from outside), relative to MEDIA_ROOT.',
    allowed: GLOBS_ALLOWED
  },
  SRI: {
    type: 'boolean',
    default: false,
    description:
      'Record each object\'s sha384 integrity in the manifest and render integrity="sha384-…" crossorigin="anonymous" on remote js and css tags (the bucket then needs a CORS rule for GET).',
    allowed: 'true or false'
  },
  KEEP_RELEASES: {
    type: 'integer',
    default: 3,
    minimum: 1,
    maximum: 1000,
    description: 'With FINGERPRINT and PRUNE: an object is deleted only when none of the last KEEP_RELEASES releases uses it.',
    allowed: 'a whole number from 1 to 1000'
  },
  PRUNE_GRACE_HOURS: {
    type: 'number',
    default: 24,
    minimum: 0,
    maximum: 87600,
    description:
      'With FINGERPRINT and PRUNE: an object no longer used is deleted only once the release that stopped using it is this many hours old, so open pages and rolling app deploys keep working.',
    allowed: 'a number of hours from 0 to 87600'
  }
};

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** `AWS_BUCKET` → `aws-bucket`: the action input that carries a setting. */
export function inputName(key: SettingKey): string {
  return key.toLowerCase().replace(/_/g, '-');
}

/** The JSON Schema of mediasync.json, as written to mediasync.schema.json. */
export function configFileSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = { $schema: { type: 'string' } };
  for (const key of SETTING_KEYS) {
    const { allowed: _allowed, isPath: _isPath, secret: _secret, check: _check, ...schema } = SETTINGS[key];
    properties[key] = schema;
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'mediasync settings',
    type: 'object',
    additionalProperties: false,
    required: ['MEDIA_ROOT'],
    properties
  };
}
