import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { S3_CREDENTIALS, S3_SECRET_CREDENTIALS, startS3Server } from '../../scripts/s3-server.mjs';

export { S3_CREDENTIALS, S3_SECRET_CREDENTIALS };

export interface TestS3 {
  endpoint: string;
  client: S3Client;
  stop: () => Promise<void>;
}

/**
 * A real s3rver on loopback with the named buckets, and a client for reading back what landed.
 * Buckets also named in `options.cors` answer CORS requests from any origin (GET and HEAD).
 * `options.ignoreConditions` makes it store a PUT with `If-None-Match: *` anyway, as stores from
 * before S3's conditional writes do.
 */
export async function startTestS3(buckets: string[], options: { cors?: string[]; ignoreConditions?: boolean } = {}): Promise<TestS3> {
  const server = await startS3Server({ buckets, corsBuckets: options.cors, ignoreConditions: options.ignoreConditions });
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: S3_CREDENTIALS
  });
  return {
    endpoint: server.endpoint,
    client,
    stop: async () => {
      client.destroy();
      await server.stop();
    }
  };
}

export interface StoredObject {
  body: Buffer;
  contentType?: string;
  contentEncoding?: string;
  cacheControl?: string;
  expires?: Date;
  etag?: string;
}

export async function getObject(client: S3Client, bucket: string, key: string): Promise<StoredObject> {
  const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return {
    body: Buffer.from(await response.Body!.transformToByteArray()),
    contentType: response.ContentType,
    contentEncoding: response.ContentEncoding,
    cacheControl: response.CacheControl,
    expires: response.Expires,
    etag: response.ETag?.replace(/"/g, '')
  };
}

/** The stored keys without mediasync's own records (the sync manifest under `.mediasync/`). */
export async function listMediaKeys(client: S3Client, bucket: string): Promise<string[]> {
  return (await listKeys(client, bucket)).filter((key) => !key.split('/').includes('.mediasync'));
}

export async function listKeys(client: S3Client, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((item) => item.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}
