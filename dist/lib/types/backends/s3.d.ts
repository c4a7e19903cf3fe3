import { S3Client } from '@aws-sdk/client-s3';
import type { Settings } from '../settings/schema.js';
import type { BackendClient, MediaObject, RemoteObject } from './contract.js';
type S3Settings = Pick<Settings, 'AWS_KEY' | 'AWS_SECRET' | 'AWS_BUCKET' | 'AWS_PREFIX' | 'AWS_REGION' | 'AWS_ENDPOINT' | 'AWS_ACL' | 'AWS_BUCKET_CNAME' | 'USE_SSL'>;
/** An S3 client for the settings: explicit keys or the SDK's default chain; path style for an endpoint. */
export declare function createS3Client(settings: S3Settings): S3Client;
export declare class S3Backend implements BackendClient {
    private readonly settings;
    private readonly client;
    private readonly bucket;
    private readonly prefix;
    private location;
    constructor(settings: S3Settings, client?: S3Client);
    /** Learns the region the client resolved (a profile's, when nothing else sets one) for the media URL. */
    open(): Promise<void>;
    remoteMediaUrl(withSsl: boolean): string;
    put(object: MediaObject): Promise<void>;
    get(relPath: string): Promise<Buffer | undefined>;
    /** DeleteObjects takes at most 1000 keys a request; a key that is not there is not an error. */
    delete(paths: string[]): Promise<void>;
    list(): Promise<RemoteObject[]>;
    close(): Promise<void>;
    /** Runs one request, turning a failure into a message that names the setting at fault. */
    private call;
    private explain;
    private keyFor;
}
export {};
