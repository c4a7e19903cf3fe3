import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type S3ClientConfig
} from '@aws-sdk/client-s3';
import { setMaxListeners } from 'node:events';
import { open, type FileHandle } from 'node:fs/promises';
import pLimit from 'p-limit';
import { SETTINGS, type Settings } from '../settings/schema.js';
import type { BackendClient, MediaFile, MediaObject, PutResult, RemoteObject } from './contract.js';
import { RequestFailed, isNoAnswer, withAttempts, type AttemptPolicy } from './s3-attempts.js';
import { explainS3Error } from './s3-errors.js';
import { s3MediaUrl, type S3Location } from './s3-url.js';

type S3Settings = Pick<
  Settings,
  | 'AWS_KEY'
  | 'AWS_SECRET'
  | 'AWS_BUCKET'
  | 'AWS_PREFIX'
  | 'AWS_REGION'
  | 'AWS_ENDPOINT'
  | 'AWS_ACL'
  | 'AWS_BUCKET_CNAME'
  | 'USE_SSL'
  | 'AWS_TIMEOUT'
  | 'AWS_MAX_ATTEMPTS'
>;

const FALLBACK_REGION = 'us-east-1';
/** Connecting may take this long at most, within AWS_TIMEOUT: a host that drops the connection attempt is known sooner. */
const CONNECT_TIMEOUT_MS = 10_000;

/** AWS_MAX_ATTEMPTS and AWS_TIMEOUT, with their defaults for settings built by hand. */
function attemptPolicy(settings: Partial<S3Settings>): AttemptPolicy {
  return {
    attempts: settings.AWS_MAX_ATTEMPTS ?? (SETTINGS.AWS_MAX_ATTEMPTS.default as number),
    timeoutMs: (settings.AWS_TIMEOUT ?? (SETTINGS.AWS_TIMEOUT.default as number)) * 1000
  };
}

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
    // The backend tries each request itself (s3-attempts.ts), each attempt with its own deadline:
    // the SDK sends once and passes any error on as it was raised.
    retryStrategy: { mode: 'standard', retry: (next, args) => next(args) },
    requestHandler: { connectionTimeout: Math.min(CONNECT_TIMEOUT_MS, attemptPolicy(settings).timeoutMs) }
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
  private readonly policy: AttemptPolicy;
  /** Aborted by close(), or once a request got no answer on any attempt: then every request ends at once. */
  private readonly stop = new AbortController();

  constructor(
    private readonly settings: S3Settings,
    private readonly client: S3Client = createS3Client(settings)
  ) {
    if (!settings.AWS_BUCKET) throw new Error('AWS_BUCKET is required by the s3 backend');
    this.bucket = settings.AWS_BUCKET;
    this.prefix = settings.AWS_PREFIX.replace(/^\/+|\/+$/g, '');
    this.policy = attemptPolicy(settings);
    // One listener per request waiting between attempts: CONCURRENCY of them is no leak.
    setMaxListeners(0, this.stop.signal);
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
    const command = new PutObjectCommand({
      ...this.headersFor(object),
      Body: object.body,
      ContentLength: object.body.length,
      ContentMD5: Buffer.from(object.md5, 'hex').toString('base64')
    });
    const response = await this.call(`PUT ${this.keyFor(object.path)}`, (abortSignal) => this.client.send(command, { abortSignal }));
    return { etag: response.ETag?.replace(/"/g, '') };
  }

  /**
   * A multipart upload in MULTIPART_PART_BYTES parts, MULTIPART_QUEUE at a time, so memory stays
   * flat whatever the file size; each part is a request with its own attempts. A failed upload is
   * aborted, so its parts are not kept (and billed) by the store.
   */
  async putFile(object: MediaFile): Promise<PutResult> {
    const target = { Bucket: this.bucket, Key: this.keyFor(object.path) };
    const created = await this.call(`start multipart upload of ${target.Key}`, (abortSignal) =>
      this.client.send(new CreateMultipartUploadCommand(this.headersFor(object)), { abortSignal })
    );
    if (!created.UploadId) throw new Error(`the store gave no UploadId for the multipart upload of ${target.Key}`);
    const upload = { ...target, UploadId: created.UploadId };
    try {
      const handle = await open(object.file);
      let parts;
      try {
        parts = await this.putParts(handle, object, upload);
      } finally {
        await handle.close();
      }
      const response = await this.call(`complete multipart upload of ${target.Key}`, (abortSignal) =>
        this.client.send(new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: { Parts: parts } }), { abortSignal })
      );
      return { etag: response.ETag?.replace(/"/g, '') };
    } catch (error) {
      await this.call(`abort multipart upload of ${target.Key}`, (abortSignal) => this.client.send(new AbortMultipartUploadCommand(upload), { abortSignal })).catch(() => {});
      throw error;
    }
  }

  private async putParts(handle: FileHandle, object: MediaFile, upload: { Bucket: string; Key: string; UploadId: string }) {
    const count = Math.max(1, Math.ceil(object.size / MULTIPART_PART_BYTES));
    const limit = pLimit(MULTIPART_QUEUE);
    let failed = false;
    const putPart = async (index: number) => {
      if (failed) throw new Error('an earlier part failed');
      const start = index * MULTIPART_PART_BYTES;
      const body = Buffer.alloc(Math.min(MULTIPART_PART_BYTES, object.size - start));
      const { bytesRead } = await handle.read(body, 0, body.length, start);
      if (bytesRead !== body.length) throw new Error(`${object.file} changed while it was uploaded: it is shorter than the ${object.size} bytes it had`);
      const PartNumber = index + 1;
      const response = await this.call(`PUT part ${PartNumber} of ${count} of ${upload.Key}`, (abortSignal) =>
        this.client.send(new UploadPartCommand({ ...upload, PartNumber, Body: body, ContentLength: body.length }), { abortSignal })
      );
      return { PartNumber, ETag: response.ETag };
    };
    const outcomes = await Promise.allSettled(
      Array.from({ length: count }, (_, index) =>
        limit(() =>
          putPart(index).catch((error: unknown) => {
            failed = true;
            throw error;
          })
        )
      )
    );
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<{ PartNumber: number; ETag?: string }>).value);
  }

  /**
   * PutObject with If-None-Match `*`: S3 answers 412 when the key exists (409 when another
   * conditional write to it is in flight). Stores that ignore the header store it anyway.
   */
  async putIfAbsent(object: MediaObject): Promise<boolean> {
    const command = new PutObjectCommand({
      ...this.headersFor(object),
      Body: object.body,
      ContentLength: object.body.length,
      ContentMD5: Buffer.from(object.md5, 'hex').toString('base64'),
      IfNoneMatch: '*'
    });
    // A refusal of the condition is an answer, not a failure: it ends the attempts.
    return this.call(`conditional PUT ${this.keyFor(object.path)}`, (abortSignal) =>
      this.client.send(command, { abortSignal }).then(
        () => true,
        (error: unknown) => {
          const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
          if (status === 412 || status === 409) return false;
          throw error;
        }
      )
    );
  }

  /** The object's bytes, read whole within the attempt's deadline; undefined when there is no such key. */
  async get(relPath: string): Promise<Buffer | undefined> {
    const key = this.keyFor(relPath);
    return this.call(`GET ${key}`, async (abortSignal) => {
      try {
        const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal });
        return Buffer.from(await response.Body!.transformToByteArray());
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    });
  }

  /** DeleteObjects takes at most 1000 keys a request; a key that is not there is not an error. */
  async delete(paths: string[]): Promise<void> {
    for (let start = 0; start < paths.length; start += 1000) {
      const batch = paths.slice(start, start + 1000);
      const command = new DeleteObjectsCommand({
        Bucket: this.bucket,
        Delete: { Objects: batch.map((relPath) => ({ Key: this.keyFor(relPath) })), Quiet: true }
      });
      const response = await this.call(`DELETE ${batch.length} keys from bucket ${this.bucket}`, (abortSignal) => this.client.send(command, { abortSignal }));
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
      const command = new ListObjectsV2Command({ Bucket: this.bucket, Prefix: listPrefix, ContinuationToken: token, StartAfter: token ? undefined : startAfter });
      const page = await this.call(`LIST ${this.bucket}/${listPrefix ?? ''}`, (abortSignal) => this.client.send(command, { abortSignal }));
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

  /** Ends every request still pending (a failed run does not wait for them) and the client's sockets. */
  async close(): Promise<void> {
    this.stop.abort(new Error('the S3 backend was closed'));
    this.client.destroy();
  }

  /**
   * Every request to the store goes through here: AWS_MAX_ATTEMPTS attempts of at most AWS_TIMEOUT
   * each, and a failure becomes a message that names the request and the setting at fault. A
   * request that got no answer at all means the store is down: every other request ends with it.
   */
  private async call<Output>(operation: string, request: (signal: AbortSignal) => Promise<Output>): Promise<Output> {
    try {
      return await withAttempts(this.policy, this.stop.signal, request);
    } catch (error) {
      if (!(error instanceof RequestFailed)) throw error;
      const explained = explainS3Error(error.error, {
        bucket: this.bucket,
        endpoint: this.settings.AWS_ENDPOINT,
        region: this.location.region,
        acl: this.settings.AWS_ACL,
        operation,
        attempts: error.attempts
      });
      if (isNoAnswer(error.error)) this.stop.abort(explained);
      throw explained;
    }
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
