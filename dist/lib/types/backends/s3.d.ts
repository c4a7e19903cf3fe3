import { S3Client } from '@aws-sdk/client-s3';
import { type Settings } from '../settings/schema.js';
import type { BackendClient, MediaFile, MediaObject, PutResult, RemoteObject } from './contract.js';
type S3Settings = Pick<Settings, 'AWS_KEY' | 'AWS_SECRET' | 'AWS_BUCKET' | 'AWS_PREFIX' | 'AWS_REGION' | 'AWS_ENDPOINT' | 'AWS_ACL' | 'AWS_BUCKET_CNAME' | 'USE_SSL' | 'AWS_TIMEOUT' | 'AWS_MAX_ATTEMPTS'>;
/** An S3 client for the settings: explicit keys or the SDK's default chain; path style for an endpoint. */
export declare function createS3Client(settings: S3Settings): S3Client;
export declare class S3Backend implements BackendClient {
    private readonly settings;
    private readonly client;
    private readonly bucket;
    private readonly prefix;
    private location;
    private readonly policy;
    /** Aborted by close(), or once a request got no answer on any attempt: then every request ends at once. */
    private readonly stop;
    constructor(settings: S3Settings, client?: S3Client);
    /** Learns the region the client resolved (a profile's, when nothing else sets one) for the media URL. */
    open(): Promise<void>;
    remoteMediaUrl(withSsl: boolean): string;
    put(object: MediaObject): Promise<PutResult>;
    /**
     * A multipart upload in MULTIPART_PART_BYTES parts, MULTIPART_QUEUE at a time, so memory stays
     * flat whatever the file size; each part is a request with its own attempts. A failed upload is
     * aborted, so its parts are not kept (and billed) by the store.
     */
    putFile(object: MediaFile): Promise<PutResult>;
    private putParts;
    /**
     * PutObject with If-None-Match `*`: S3 answers 412 when the key exists (409 when another
     * conditional write to it is in flight). Stores that ignore the header store it anyway.
     */
    putIfAbsent(object: MediaObject): Promise<boolean>;
    /** The object's bytes, read whole within the attempt's deadline; undefined when there is no such key. */
    get(relPath: string): Promise<Buffer | undefined>;
    /** DeleteObjects takes at most 1000 keys a request; a key that is not there is not an error. */
    delete(paths: string[]): Promise<void>;
    /**
     * ListObjectsV2 pages; with `splitAfter`, the key ranges between those paths are listed in
     * parallel (a store that matches them needs one page per range, as many as listing in order).
     */
    list(options?: {
        splitAfter?: readonly string[];
    }): Promise<RemoteObject[]>;
    private listRange;
    /** Ends every request still pending (a failed run does not wait for them) and the client's sockets. */
    close(): Promise<void>;
    /**
     * Every request to the store goes through here: AWS_MAX_ATTEMPTS attempts of at most AWS_TIMEOUT
     * each, and a failure becomes a message that names the request and the setting at fault. A
     * request that got no answer at all means the store is down: every other request ends with it.
     */
    private call;
    private headersFor;
    private keyFor;
}
export {};
