export declare const DOCTYPES: readonly ["html4", "html5", "xhtml"];
export type Doctype = (typeof DOCTYPES)[number];
export declare const CANNED_ACLS: readonly ["private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control"];
export declare const BACKEND_NAMES: readonly ["s3", "filesystem", "dummy"];
/** A BACKEND that names a module file (resolved like a path) rather than a built-in backend. */
export declare function isModulePath(backend: string): boolean;
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
export declare const SETTINGS: Record<SettingKey, PropertySchema>;
export declare const SETTING_KEYS: SettingKey[];
/** `AWS_BUCKET` → `aws-bucket`: the action input that carries a setting. */
export declare function inputName(key: SettingKey): string;
/** The JSON Schema of mediasync.json, as written to mediasync.schema.json. */
export declare function configFileSchema(): Record<string, unknown>;
