// A real S3-protocol server (s3rver) on loopback for the demo, the tests and the benchmark.
// Run as a child process: s3rver's ListObjectsV2 pagination uses DES, which OpenSSL 3 refuses
// without --openssl-legacy-provider.
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
/** A second key pair the server accepts, with values unlike anything else in a log, for the tests that look for leaks. */
export const S3_SECRET_CREDENTIALS = { accessKeyId: 'AKIAMEDIASYNCLEAKTEST', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYleaktest42' };

/**
 * Start s3rver on 127.0.0.1 with the named buckets; those also in `corsBuckets` get a CORS rule
 * allowing GET and HEAD from any origin (what SRI's crossorigin="anonymous" needs). PUT honours
 * `If-None-Match: *` as S3 has since 2024 (412 when the key exists, 409 while another conditional
 * PUT of it is in flight), unless `ignoreConditions` asks for a store from before that.
 * @param {{ buckets?: string[], corsBuckets?: string[], directory?: string, ignoreConditions?: boolean }} [options]
 * @returns {Promise<{ endpoint: string, directory: string, stop: () => Promise<void> }>}
 */
export async function startS3Server(options = {}) {
  const directory = options.directory ?? mkdtempSync(path.join(os.tmpdir(), 'mediasync-s3-'));
  const child = spawn(
    process.execPath,
    // A bucket name has no ":", so "cors:NAME" cannot be a bucket.
    [
      '--openssl-legacy-provider',
      fileURLToPath(import.meta.url),
      directory,
      ...(options.buckets ?? []),
      ...(options.corsBuckets ?? []).map((name) => `cors:${name}`),
      ...(options.ignoreConditions ? [IGNORE_CONDITIONS] : [])
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  );
  const port = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /^listening (\d+)$/m.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited with code ${code} before listening`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      if (!options.directory) rmSync(directory, { recursive: true, force: true });
    }
  };
}

/** Not a bucket name (those have no ":"): tells the child to store conditional PUTs unconditionally. */
const IGNORE_CONDITIONS = 'option:ignore-conditions';

const CORS_RULE =
  '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>';

/**
 * s3rver predates S3's conditional writes and stores a PUT with `If-None-Match: *` anyway: its
 * PUT handler is wrapped to answer as S3 does. s3rver calls the handler through its module's
 * exports at each request, so replacing the export is enough.
 */
async function honourIfNoneMatch() {
  // @ts-expect-error s3rver ships no types
  const { default: objectController } = await import('s3rver/lib/controllers/object.js');
  // @ts-expect-error s3rver ships no types
  const { default: S3Error } = await import('s3rver/lib/models/error.js');
  const putObject = objectController.putObject;
  /** Keys with a conditional PUT in flight: checking and storing are not one step in s3rver. */
  const creating = new Set();
  objectController.putObject = async (/** @type {any} */ ctx) => {
    if (ctx.headers['if-none-match'] !== '*') return putObject(ctx);
    const id = `${ctx.params.bucket}/${ctx.params.key}`;
    if (creating.has(id)) {
      const conflict = new S3Error('ConditionalRequestConflict', 'A conflicting conditional operation is currently in progress against this resource.');
      conflict.status = 409;
      conflict.expose = true;
      throw conflict;
    }
    creating.add(id);
    try {
      if (await ctx.store.existsObject(ctx.params.bucket, ctx.params.key)) {
        throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'If-None-Match' });
      }
      return await putObject(ctx);
    } finally {
      creating.delete(id);
    }
  };
}

/**
 * s3rver writes an object in place, acknowledges the PUT before the file is flushed, and writes
 * its ETag and metadata after it: a GET, HEAD or listing of a key being replaced can read a torn
 * object (empty, half new, new bytes with the old ETag), which S3 never serves. Here an object is
 * written to a temporary file beside it and renamed into place (a reader that opened the old one
 * keeps it), and every read and write of one key takes its turn, so each sees a whole version.
 * @param {any} store s3rver's FilesystemStore
 */
function atomicObjects(store) {
  /** Per key, the end of the last operation queued on it. */
  const queues = new Map();
  /** The keys the current operation holds: s3rver's reads call one another (getObject reads the metadata). */
  const held = new AsyncLocalStorage();
  /** @type {<T>(bucket: string, key: string, work: () => Promise<T>) => Promise<T>} */
  const inTurn = (bucket, key, work) => {
    const id = `${bucket}/${key}`;
    const holding = held.getStore() ?? new Set();
    if (holding.has(id)) return work();
    const run = (queues.get(id) ?? Promise.resolve()).then(() => held.run(new Set([...holding, id]), work));
    const settled = run.then(
      () => {},
      () => {}
    );
    queues.set(id, settled);
    settled.then(() => queues.get(id) === settled && queues.delete(id));
    return run;
  };
  let partials = 0;
  const { getObject, getMetadata, deleteObject, copyObject } = store;
  store.getObject = (/** @type {string} */ bucket, /** @type {string} */ key, /** @type {any} */ options) => inTurn(bucket, key, () => getObject.call(store, bucket, key, options));
  store.getMetadata = (/** @type {string} */ bucket, /** @type {string} */ key) => inTurn(bucket, key, () => getMetadata.call(store, bucket, key));
  store.deleteObject = (/** @type {string} */ bucket, /** @type {string} */ key) => inTurn(bucket, key, () => deleteObject.call(store, bucket, key));
  store.copyObject = (/** @type {string} */ srcBucket, /** @type {string} */ srcKey, /** @type {string} */ destBucket, /** @type {string} */ destKey, /** @type {any} */ metadata) =>
    inTurn(destBucket, destKey, () => copyObject.call(store, srcBucket, srcKey, destBucket, destKey, metadata));
  store.putObject = (/** @type {any} */ object) =>
    inTurn(object.bucket, object.key, async () => {
      const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
      // Not named like an object (s3rver lists the files ending in its object suffix).
      const partial = `${objectPath}.partial-${++partials}`;
      await mkdir(path.dirname(objectPath), { recursive: true });
      const md5 = createHash('md5');
      let size = 0;
      const counted = async function* (/** @type {AsyncIterable<Buffer>} */ chunks) {
        for await (const chunk of chunks) {
          md5.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      };
      try {
        await pipeline(Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content, counted, createWriteStream(partial));
        await rename(partial, objectPath);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      const digest = md5.digest('hex');
      await store.putMetadata(object.bucket, object.key, object.metadata, digest);
      return { size, md5: digest };
    });
}

// Child side: `node --openssl-legacy-provider s3-server.mjs DIRECTORY [BUCKET…] [cors:BUCKET…] [option:ignore-conditions]`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // @ts-expect-error s3rver ships no types
  const { default: S3rver } = await import('s3rver');
  // @ts-expect-error s3rver ships no types
  const { DUMMY_ACCOUNT } = await import('s3rver/lib/models/account.js');
  DUMMY_ACCOUNT.createKeyPair(S3_SECRET_CREDENTIALS.accessKeyId, S3_SECRET_CREDENTIALS.secretAccessKey);
  const [directory, ...args] = process.argv.slice(2);
  if (!args.includes(IGNORE_CONDITIONS)) await honourIfNoneMatch();
  const names = args.filter((name) => name !== IGNORE_CONDITIONS);
  const buckets = names.filter((name) => !name.startsWith('cors:'));
  const cors = new Set(names.filter((name) => name.startsWith('cors:')).map((name) => name.slice('cors:'.length)));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => (cors.has(name) ? { name, configs: [CORS_RULE] } : { name }))
  });
  atomicObjects(server.store);
  const { port } = await server.run();
  // Idle keep-alive connections stay open: Node's 5 s default closes one just as a client that
  // waited about that long before a retry reuses it, and the request fails with ECONNRESET.
  server.httpServer.keepAliveTimeout = 0;
  process.stdout.write(`listening ${port}\n`);
  process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
}
