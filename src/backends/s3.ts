import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig
} from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { Upload } from '@aws-sdk/lib-storage';
import pLimit from 'p-limit';
import type { Settings } from '../settings/schema.js';
import type { BackendClient, MediaFile, MediaObject, PutResult, RemoteObject } from './contract.js';
import { explainS3Error } from './s3-errors.js';
import { s3MediaUrl, type S3Location } from './s3-url.js';

type S3Settings = Pick<
  Settings,
  'AWS_KEY' | 'AWS_SECRET' | 'AWS_BUCKET' | 'AWS_PREFIX' | 'AWS_REGION' | 'AWS_ENDPOINT' | 'AWS_ACL' | 'AWS_BUCKET_CNAME' | 'USE_SSL'
>;

const FALLBACK_REGION = 'us-east-1';
const MAX_ATTEMPTS = 8;

/** AWS_REGION as set, or as the environment gives it; undefined leaves it to the SDK's shared config. */
function givenRegion(settings: S3Settings): string | undefined {
  return settings.AWS_REGION ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
}

/** The region of the shared config file's profile (AWS_PROFILE), as the SDK reads it, else us-east-1. */
async function profileRegion(): Promise<string> {
  const probe = new S3Client({});
  try {
    return await probe.config.region();
  } catch {
    return FALLBACK_REGION;
  } finally {
    probe.destroy();
  }
}

/** An S3 client for the settings: explicit keys or the SDK's default chain; path style for an endpoint. */
export function createS3Client(settings: S3Settings): S3Client {
  let fromProfile: Promise<string> | undefined;
  const config: S3ClientConfig = {
    region: givenRegion(settings) ?? (() => (fromProfile ??= profileRegion())),
    // Every body is a Buffer, so every request can be retried: throttling, 5xx, resets, timeouts.
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 }
  };
  if (settings.AWS_KEY && settings.AWS_SECRET) {
    config.credentials = { accessKeyId: settings.AWS_KEY, secretAccessKey: settings.AWS_SECRET };
  }
  if (settings.AWS_ENDPOINT) {
    config.endpoint = settings.AWS_ENDPOINT;
    config.forcePathStyle = true;
    // S3-compatible stores reject or mishandle the SDK's default flexible checksums.
    config.requestChecksumCalculation = 'WHEN_REQUIRED';
    config.responseChecksumValidation = 'WHEN_REQUIRED';
  }
  return new S3Client(config);
}

/** Ranges listed at once when the listing is split. */
const LIST_CONCURRENCY = 8;

/** S3 orders keys by their UTF-8 bytes, which is not JavaScript's UTF-16 order for every character. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Part size of multipart uploads; with MULTIPART_QUEUE parts in flight, a large file costs about 32 MB of memory. */
const MULTIPART_PART_BYTES = 8 * 1024 * 1024;
const MULTIPART_QUEUE = 4;

export class S3Backend implements BackendClient {
  private readonly bucket: string;
  private readonly prefix: string;
  private location: S3Location;

  constructor(
    private readonly settings: S3Settings,
    private readonly client: S3Client = createS3Client(settings)
  ) {
    if (!settings.AWS_BUCKET) throw new Error('AWS_BUCKET is required by the s3 backend');
    this.bucket = settings.AWS_BUCKET;
    this.prefix = settings.AWS_PREFIX.replace(/^\/+|\/+$/g, '');
    this.location = {
      bucket: this.bucket,
      prefix: this.prefix,
      region: givenRegion(settings) ?? FALLBACK_REGION,
      endpoint: settings.AWS_ENDPOINT,
      cname: settings.AWS_BUCKET_CNAME,
      useSsl: settings.USE_SSL
    };
  }

  /** Learns the region the client resolved (a profile's, when nothing else sets one) for the media URL. */
  async open(): Promise<void> {
    this.location = { ...this.location, region: await this.client.config.region() };
  }

  remoteMediaUrl(withSsl: boolean): string {
    return s3MediaUrl(this.location, withSsl);
  }

  async put(object: MediaObject): Promise<PutResult> {
    const response = await this.call(() =>
      this.client.send(
        new PutObjectCommand({
          ...this.headersFor(object),
          Body: object.body,
          ContentLength: object.body.length,
          ContentMD5: Buffer.from(object.md5, 'hex').toString('base64')
        })
      )
    );
    return { etag: response.ETag?.replace(/"/g, '') };
  }

  /**
   * PutObject with If-None-Match `*`: S3 answers 412 when the key exists (409 when another
   * conditional write to it is in flight). Stores that ignore the header store it anyway.
   */
  async putIfAbsent(object: MediaObject): Promise<boolean> {
    try {
      await this.client.send(
        new PutObjectCommand({
          ...this.headersFor(object),
          Body: object.body,
          ContentLength: object.body.length,
          ContentMD5: Buffer.from(object.md5, 'hex').toString('base64'),
          IfNoneMatch: '*'
        })
      );
      return true;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 412 || status === 409) return false;
      throw this.explain(error);
    }
  }

  /** A multipart upload in MULTIPART_PART_BYTES parts, a few at a time, so memory stays flat whatever the file size. */
  async putFile(object: MediaFile): Promise<PutResult> {
    const upload = new Upload({
      client: this.client,
      params: { ...this.headersFor(object), Body: createReadStream(object.file) },
      partSize: MULTIPART_PART_BYTES,
      queueSize: MULTIPART_QUEUE
    });
    const response = await this.call(() => upload.done());
    return { etag: response.ETag?.replace(/"/g, '') };
  }

  async get(relPath: string): Promise<Buffer | undefined> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyFor(relPath) }));
      return Buffer.from(await response.Body!.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw this.explain(error);
    }
  }

  /** DeleteObjects takes at most 1000 keys a request; a key that is not there is not an error. */
  async delete(paths: string[]): Promise<void> {
    for (let start = 0; start < paths.length; start += 1000) {
      const batch = paths.slice(start, start + 1000);
      const response = await this.call(() =>
        this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: batch.map((relPath) => ({ Key: this.keyFor(relPath) })), Quiet: true }
          })
        )
      );
      const failed = response.Errors ?? [];
      if (failed.length > 0) {
        throw new Error(`could not delete from bucket ${this.bucket}: ${failed.map((e) => `${e.Key}: ${e.Code ?? ''} ${e.Message ?? ''}`.trim()).join('; ')}`);
      }
    }
  }

  /**
   * ListObjectsV2 pages; with `splitAfter`, the key ranges between those paths are listed in
   * parallel (a store that matches them needs one page per range, as many as listing in order).
   */
  async list(options: { splitAfter?: readonly string[] } = {}): Promise<RemoteObject[]> {
    const bounds = (options.splitAfter ?? []).map((path) => this.keyFor(path));
    const ranges = [undefined, ...bounds].map((startAfter, index) => ({ startAfter, endAt: bounds[index] }));
    const limit = pLimit(LIST_CONCURRENCY);
    const pages = await Promise.all(ranges.map((range) => limit(() => this.listRange(range.startAfter, range.endAt))));
    return pages.flat();
  }

  private async listRange(startAfter: string | undefined, endAt: string | undefined): Promise<RemoteObject[]> {
    const objects: RemoteObject[] = [];
    const listPrefix = this.prefix ? `${this.prefix}/` : undefined;
    let token: string | undefined;
    do {
      const page = await this.call(() =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: listPrefix, ContinuationToken: token, StartAfter: token ? undefined : startAfter })
        )
      );
      for (const item of page.Contents ?? []) {
        if (!item.Key) continue;
        if (endAt !== undefined && compareKeys(item.Key, endAt) > 0) return objects;
        objects.push({
          path: listPrefix ? item.Key.slice(listPrefix.length) : item.Key,
          size: item.Size ?? 0,
          etag: item.ETag?.replace(/"/g, '')
        });
      }
      const last = page.Contents?.at(-1)?.Key;
      if (endAt !== undefined && last !== undefined && compareKeys(last, endAt) >= 0) return objects;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  /** Runs one request, turning a failure into a message that names the setting at fault. */
  private async call<Output>(request: () => Promise<Output>): Promise<Output> {
    try {
      return await request();
    } catch (error) {
      throw this.explain(error);
    }
  }

  private explain(error: unknown): Error {
    return explainS3Error(error, {
      bucket: this.bucket,
      endpoint: this.settings.AWS_ENDPOINT,
      region: this.location.region,
      acl: this.settings.AWS_ACL
    });
  }

  private headersFor(object: Omit<MediaObject, 'body'>) {
    return {
      Bucket: this.bucket,
      Key: this.keyFor(object.path),
      ContentType: object.contentType,
      ContentEncoding: object.contentEncoding,
      CacheControl: object.cacheControl,
      Expires: object.expires,
      ACL: this.settings.AWS_ACL
    };
  }

  private keyFor(relPath: string): string {
    return this.prefix ? `${this.prefix}/${relPath}` : relPath;
  }
}
