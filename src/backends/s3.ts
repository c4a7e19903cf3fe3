import { createReadStream } from 'node:fs';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import pLimit from 'p-limit';
import type { Settings } from '../settings/schema.js';
import type { BackendClient, MediaFile, MediaObject, PutResult, RemoteObject } from './contract.js';
import { s3MediaUrl, type S3Location } from './s3-url.js';

type S3Settings = Pick<
  Settings,
  'AWS_KEY' | 'AWS_SECRET' | 'AWS_BUCKET' | 'AWS_PREFIX' | 'AWS_REGION' | 'AWS_ENDPOINT' | 'AWS_ACL' | 'AWS_BUCKET_CNAME' | 'USE_SSL'
>;

function regionOf(settings: S3Settings): string {
  return settings.AWS_REGION ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/** An S3 client for the settings: explicit keys or the SDK's default chain; path style for an endpoint. */
export function createS3Client(settings: S3Settings): S3Client {
  const config: S3ClientConfig = { region: regionOf(settings) };
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
  private readonly location: S3Location;

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
      region: regionOf(settings),
      endpoint: settings.AWS_ENDPOINT,
      cname: settings.AWS_BUCKET_CNAME,
      useSsl: settings.USE_SSL
    };
  }

  remoteMediaUrl(withSsl: boolean): string {
    return s3MediaUrl(this.location, withSsl);
  }

  async put(object: MediaObject): Promise<PutResult> {
    const response = await this.client.send(
      new PutObjectCommand({
        ...this.headersFor(object),
        Body: object.body,
        ContentLength: object.body.length,
        ContentMD5: Buffer.from(object.md5, 'hex').toString('base64')
      })
    );
    return { etag: response.ETag?.replace(/"/g, '') };
  }

  /** A multipart upload in MULTIPART_PART_BYTES parts, a few at a time, so memory stays flat whatever the file size. */
  async putFile(object: MediaFile): Promise<PutResult> {
    const upload = new Upload({
      client: this.client,
      params: { ...this.headersFor(object), Body: createReadStream(object.file) },
      partSize: MULTIPART_PART_BYTES,
      queueSize: MULTIPART_QUEUE
    });
    const response = await upload.done();
    return { etag: response.ETag?.replace(/"/g, '') };
  }

  async get(path: string): Promise<Buffer | undefined> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyFor(path) }));
      return Buffer.from(await response.Body!.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
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
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: listPrefix, ContinuationToken: token, StartAfter: token ? undefined : startAfter })
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
