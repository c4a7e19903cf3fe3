export const id = 562;
export const ids = [562];
export const modules = {

/***/ 4562:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S3Backend: () => (/* binding */ S3Backend),
  createS3Client: () => (/* binding */ createS3Client)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
// EXTERNAL MODULE: ./src/settings/schema.ts
var schema = __webpack_require__(8826);
;// CONCATENATED MODULE: ./src/backends/s3-attempts.ts
// The one retry policy of the S3 backend: every request gets its own attempts, each attempt its
// own deadline. The SDK's retries are off: its retry quota is shared by all requests of a client,
// so under many faults later requests got no retries at all, and its timeouts left a request
// that was never answered waiting for good.
/** An attempt that got no full answer within AWS_TIMEOUT. */
class AttemptTimeout extends Error {
    timeoutMs;
    constructor(timeoutMs) {
        super(`no answer within ${timeoutMs / 1000} s`);
        this.timeoutMs = timeoutMs;
        this.name = 'AttemptTimeout';
    }
}
/** A request that failed for good: its last error, and the number of attempts it was given. */
class RequestFailed extends Error {
    error;
    attempts;
    constructor(error, attempts) {
        super(error instanceof Error ? error.message : String(error));
        this.error = error;
        this.attempts = attempts;
        this.name = 'RequestFailed';
    }
}
const THROTTLING_CODES = new Set([
    'SlowDown',
    'Throttling',
    'ThrottlingException',
    'ThrottledException',
    'RequestThrottled',
    'RequestThrottledException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'BandwidthLimitExceeded',
    'PriorRequestNotComplete'
]);
const TRANSIENT_CODES = new Set(['AttemptTimeout', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'InternalError', 'ServiceUnavailable']);
const NETWORK_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ERR_STREAM_PREMATURE_CLOSE'
]);
/** Failures that mean the store was never reached or never answered, rather than answered with an error. */
const NO_ANSWER_CODES = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const NO_ANSWER_NAMES = new Set(['AttemptTimeout', 'TimeoutError']);
function isThrottling(error) {
    return error.$metadata?.httpStatusCode === 429 || THROTTLING_CODES.has(error.name ?? '');
}
/** Throttling, 5xx, timeouts, resets and unreachable hosts are worth another attempt; other answers are final. */
function isRetryable(error, depth = 0) {
    if (typeof error !== 'object' || error === null)
        return false;
    const shape = error;
    const status = shape.$metadata?.httpStatusCode ?? 0;
    return (isThrottling(shape) ||
        shape.$retryable !== undefined ||
        shape.$metadata?.clockSkewCorrected === true ||
        status >= 500 ||
        TRANSIENT_CODES.has(shape.name ?? '') ||
        NETWORK_CODES.has(shape.code ?? '') ||
        (depth < 5 && shape.cause !== undefined && isRetryable(shape.cause, depth + 1)));
}
/** Whether the store gave no answer at all: it is down or unreachable, so the other requests will fare no better. */
function isNoAnswer(error) {
    const shape = (error ?? {});
    // The SDK names a reset (ECONNRESET) TimeoutError too: the code, when there is one, decides.
    return shape.code ? NO_ANSWER_CODES.has(shape.code) : NO_ANSWER_NAMES.has(shape.name ?? '');
}
/** The longest wait between two attempts. */
const MAX_BACKOFF_MS = 20_000;
/** Full-jitter exponential backoff: up to 100 ms, 200 ms, … (500 ms, 1 s, … when throttled), at most 20 s. */
function backoffMs(retry, error) {
    const base = isThrottling((error ?? {})) ? 500 : 100;
    return Math.floor(Math.random() * Math.min(MAX_BACKOFF_MS, base * 2 ** (retry - 1)));
}
/**
 * Runs `attempt` until it succeeds, fails for good, or has had `policy.attempts` tries. Each try
 * gets a signal that aborts at its deadline or when `stop` aborts, and is abandoned then even if
 * the code under it ignores the signal. A stop rejects with the stop's reason; otherwise the last
 * error is thrown as a RequestFailed.
 */
async function withAttempts(policy, stop, attempt) {
    for (let tries = 1;; tries++) {
        stop.throwIfAborted();
        const deadline = new AbortController();
        const timer = setTimeout(() => deadline.abort(new AttemptTimeout(policy.timeoutMs)), policy.timeoutMs);
        const signal = AbortSignal.any([stop, deadline.signal]);
        let failure;
        try {
            return await settleBy(attempt(signal), signal);
        }
        catch (error) {
            failure = signal.aborted ? signal.reason : error;
        }
        finally {
            clearTimeout(timer);
        }
        stop.throwIfAborted();
        if (tries >= policy.attempts || !isRetryable(failure))
            throw new RequestFailed(failure, tries);
        await sleep(backoffMs(tries, failure), stop);
    }
}
/** The promise, or a rejection with the signal's reason as soon as it aborts; a late rejection is ignored. */
function settleBy(promise, signal) {
    promise.catch(() => { });
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        if (signal.aborted)
            return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}
function sleep(ms, stop) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(done, ms);
        function done() {
            stop.removeEventListener('abort', onStop);
            resolve();
        }
        function onStop() {
            clearTimeout(timer);
            reject(stop.reason);
        }
        stop.addEventListener('abort', onStop, { once: true });
    });
}

// EXTERNAL MODULE: ./src/settings/secrets.ts
var secrets = __webpack_require__(5868);
;// CONCATENATED MODULE: ./src/backends/s3-errors.ts


const CREDENTIAL_CODES = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken', 'TokenRefreshRequired']);
const s3_errors_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError']);
function codeOf(error) {
    const candidate = error;
    return candidate.Code ?? candidate.code ?? candidate.name;
}
/**
 * An S3 failure in words a user can act on: which setting is wrong and what to do. Errors
 * that are not about the settings keep their own message, prefixed by their code.
 */
function explainS3Error(error, context) {
    const code = codeOf(error);
    // Duck-typed: an error raised in another realm (a test's VM context) is no `instanceof Error`.
    const message = typeof error?.message === 'string' ? error.message : String(error);
    const endpoint = context.endpoint && (0,secrets/* withoutUserinfo */.Q3)(context.endpoint);
    const where = endpoint ? `at AWS_ENDPOINT ${endpoint}` : `in AWS region ${context.region}`;
    const target = endpoint ? `AWS_ENDPOINT ${endpoint}` : `S3 in AWS region ${context.region}`;
    const request = context.operation ? ` ${context.operation}` : '';
    const attempts = context.attempts ?? 1;
    const tried = `, ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'} made (AWS_MAX_ATTEMPTS)`;
    if (error instanceof AttemptTimeout) {
        return new Error(`${target} did not answer${request} within AWS_TIMEOUT (${error.timeoutMs / 1000} s)${tried}; ` +
            `check that the store is up and reachable${endpoint ? ' at AWS_ENDPOINT' : ''}, or raise AWS_TIMEOUT for a slow link`);
    }
    if (context.acl && (code === 'AccessControlListNotSupported' || /does not allow ACLs/i.test(message))) {
        return new Error(`AWS_ACL is ${context.acl} but bucket ${context.bucket} does not allow ACLs (its Object Ownership is "bucket owner enforced"); ` +
            'unset AWS_ACL and grant public reads with a bucket policy or a CDN, or enable ACLs on the bucket');
    }
    if (code === 'NoSuchBucket') {
        return new Error(`AWS_BUCKET ${context.bucket} does not exist ${where}; create it or correct AWS_BUCKET (and AWS_REGION / AWS_ENDPOINT)`);
    }
    if (code && CREDENTIAL_CODES.has(code)) {
        return new Error(`the store refused the credentials (${code}) ${where}; check AWS_KEY and AWS_SECRET, or the credentials in the environment`);
    }
    if (code === 'AccessDenied' || code === 'Forbidden') {
        return new Error(`access denied to bucket ${context.bucket} ${where} (${code}); the credentials need s3:ListBucket and s3:PutObject on it`);
    }
    if (code === 'CredentialsProviderError') {
        return new Error(`no AWS credentials found: set AWS_KEY and AWS_SECRET, or provide them in the environment (e.g. aws-actions/configure-aws-credentials)`);
    }
    if (code && s3_errors_NETWORK_CODES.has(code)) {
        return new Error(`${target} cannot be reached (${code}: ${message})${request ? ` by${request}` : ''}${tried}`);
    }
    return new Error(code && code !== 'Error' && !message.startsWith(code) ? `${code}: ${message}` : message);
}

// EXTERNAL MODULE: ./src/render/urls.ts
var urls = __webpack_require__(3060);
;// CONCATENATED MODULE: ./src/backends/s3-url.ts

/**
 * The public URL of bucket + prefix: scheme://bucket/prefix for a CNAME; the endpoint's
 * path-style URL for an S3-compatible store; AWS's virtual-hosted URL otherwise (path style
 * when the bucket name has dots, which a virtual host's certificate does not cover).
 */
function s3MediaUrl(location, withSsl) {
    const scheme = withSsl ? 'https' : 'http';
    const prefix = location.prefix ? `/${(0,urls/* encodePath */.O0)(location.prefix.replace(/^\/+|\/+$/g, ''))}` : '';
    if (location.cname)
        return `${scheme}://${location.bucket}${prefix}`;
    if (location.endpoint) {
        const endpoint = new URL(location.endpoint);
        if (location.useSsl !== undefined)
            endpoint.protocol = `${scheme}:`;
        const base = `${endpoint.protocol}//${endpoint.host}${endpoint.pathname.replace(/\/+$/, '')}`;
        return `${base}/${location.bucket}${prefix}`;
    }
    const host = `s3.${location.region}.amazonaws.com`;
    if (withSsl && location.bucket.includes('.'))
        return `${scheme}://${host}/${location.bucket}${prefix}`;
    return `${scheme}://${location.bucket}.${host}${prefix}`;
}

;// CONCATENATED MODULE: ./src/backends/s3.ts








const FALLBACK_REGION = 'us-east-1';
/** Connecting may take this long at most, within AWS_TIMEOUT: a host that drops the connection attempt is known sooner. */
const CONNECT_TIMEOUT_MS = 10_000;
/** AWS_MAX_ATTEMPTS and AWS_TIMEOUT, with their defaults for settings built by hand. */
function attemptPolicy(settings) {
    return {
        attempts: settings.AWS_MAX_ATTEMPTS ?? schema/* SETTINGS */.yy.AWS_MAX_ATTEMPTS.default,
        timeoutMs: (settings.AWS_TIMEOUT ?? schema/* SETTINGS */.yy.AWS_TIMEOUT.default) * 1000
    };
}
/** AWS_REGION as set, or as the environment gives it; undefined leaves it to the SDK's shared config. */
function givenRegion(settings) {
    return settings.AWS_REGION ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
}
/** The region of the shared config file's profile (AWS_PROFILE), as the SDK reads it, else us-east-1. */
async function profileRegion() {
    const probe = new dist_cjs/* S3Client */.YxF({});
    try {
        return await probe.config.region();
    }
    catch {
        return FALLBACK_REGION;
    }
    finally {
        probe.destroy();
    }
}
/** An S3 client for the settings: explicit keys or the SDK's default chain; path style for an endpoint. */
function createS3Client(settings) {
    let fromProfile;
    const config = {
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
    return new dist_cjs/* S3Client */.YxF(config);
}
/** Ranges listed at once when the listing is split. */
const LIST_CONCURRENCY = 8;
/** S3 orders keys by their UTF-8 bytes, which is not JavaScript's UTF-16 order for every character. */
function compareKeys(a, b) {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
/** Part size of multipart uploads; with MULTIPART_QUEUE parts in flight, a large file costs about 32 MB of memory. */
const MULTIPART_PART_BYTES = 8 * 1024 * 1024;
const MULTIPART_QUEUE = 4;
class S3Backend {
    settings;
    client;
    bucket;
    prefix;
    location;
    policy;
    /** Aborted by close(), or once a request got no answer on any attempt: then every request ends at once. */
    stop = new AbortController();
    constructor(settings, client = createS3Client(settings)) {
        this.settings = settings;
        this.client = client;
        if (!settings.AWS_BUCKET)
            throw new Error('AWS_BUCKET is required by the s3 backend');
        this.bucket = settings.AWS_BUCKET;
        this.prefix = settings.AWS_PREFIX.replace(/^\/+|\/+$/g, '');
        this.policy = attemptPolicy(settings);
        // One listener per request waiting between attempts: CONCURRENCY of them is no leak.
        (0,external_node_events_.setMaxListeners)(0, this.stop.signal);
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
    async open() {
        this.location = { ...this.location, region: await this.client.config.region() };
    }
    remoteMediaUrl(withSsl) {
        return s3MediaUrl(this.location, withSsl);
    }
    async put(object) {
        const command = new dist_cjs/* PutObjectCommand */.wKZ({
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
    async putFile(object) {
        const target = { Bucket: this.bucket, Key: this.keyFor(object.path) };
        const created = await this.call(`start multipart upload of ${target.Key}`, (abortSignal) => this.client.send(new dist_cjs/* CreateMultipartUploadCommand */.nG4(this.headersFor(object)), { abortSignal }));
        if (!created.UploadId)
            throw new Error(`the store gave no UploadId for the multipart upload of ${target.Key}`);
        const upload = { ...target, UploadId: created.UploadId };
        try {
            const handle = await (0,promises_.open)(object.file);
            let parts;
            try {
                parts = await this.putParts(handle, object, upload);
            }
            finally {
                await handle.close();
            }
            const response = await this.call(`complete multipart upload of ${target.Key}`, (abortSignal) => this.client.send(new dist_cjs/* CompleteMultipartUploadCommand */.Gym({ ...upload, MultipartUpload: { Parts: parts } }), { abortSignal }));
            return { etag: response.ETag?.replace(/"/g, '') };
        }
        catch (error) {
            await this.call(`abort multipart upload of ${target.Key}`, (abortSignal) => this.client.send(new dist_cjs/* AbortMultipartUploadCommand */.tfP(upload), { abortSignal })).catch(() => { });
            throw error;
        }
    }
    async putParts(handle, object, upload) {
        const count = Math.max(1, Math.ceil(object.size / MULTIPART_PART_BYTES));
        const limit = (0,p_limit/* default */.A)(MULTIPART_QUEUE);
        let failed = false;
        const putPart = async (index) => {
            if (failed)
                throw new Error('an earlier part failed');
            const start = index * MULTIPART_PART_BYTES;
            const body = Buffer.alloc(Math.min(MULTIPART_PART_BYTES, object.size - start));
            const { bytesRead } = await handle.read(body, 0, body.length, start);
            if (bytesRead !== body.length)
                throw new Error(`${object.file} changed while it was uploaded: it is shorter than the ${object.size} bytes it had`);
            const PartNumber = index + 1;
            const response = await this.call(`PUT part ${PartNumber} of ${count} of ${upload.Key}`, (abortSignal) => this.client.send(new dist_cjs/* UploadPartCommand */.iVK({ ...upload, PartNumber, Body: body, ContentLength: body.length }), { abortSignal }));
            return { PartNumber, ETag: response.ETag };
        };
        const outcomes = await Promise.allSettled(Array.from({ length: count }, (_, index) => limit(() => putPart(index).catch((error) => {
            failed = true;
            throw error;
        }))));
        const failure = outcomes.find((outcome) => outcome.status === 'rejected');
        if (failure)
            throw failure.reason;
        return outcomes.map((outcome) => outcome.value);
    }
    /**
     * PutObject with If-None-Match `*`: S3 answers 412 when the key exists (409 when another
     * conditional write to it is in flight). Stores that ignore the header store it anyway.
     */
    async putIfAbsent(object) {
        const command = new dist_cjs/* PutObjectCommand */.wKZ({
            ...this.headersFor(object),
            Body: object.body,
            ContentLength: object.body.length,
            ContentMD5: Buffer.from(object.md5, 'hex').toString('base64'),
            IfNoneMatch: '*'
        });
        // A refusal of the condition is an answer, not a failure: it ends the attempts.
        return this.call(`conditional PUT ${this.keyFor(object.path)}`, (abortSignal) => this.client.send(command, { abortSignal }).then(() => true, (error) => {
            const status = error.$metadata?.httpStatusCode;
            if (status === 412 || status === 409)
                return false;
            throw error;
        }));
    }
    /** The object's bytes, read whole within the attempt's deadline; undefined when there is no such key. */
    async get(relPath) {
        const key = this.keyFor(relPath);
        return this.call(`GET ${key}`, async (abortSignal) => {
            try {
                const response = await this.client.send(new dist_cjs/* GetObjectCommand */.jLs({ Bucket: this.bucket, Key: key }), { abortSignal });
                return Buffer.from(await response.Body.transformToByteArray());
            }
            catch (error) {
                if (error instanceof dist_cjs/* NoSuchKey */._kG || error.name === 'NoSuchKey')
                    return undefined;
                throw error;
            }
        });
    }
    /** DeleteObjects takes at most 1000 keys a request; a key that is not there is not an error. */
    async delete(paths) {
        for (let start = 0; start < paths.length; start += 1000) {
            const batch = paths.slice(start, start + 1000);
            const command = new dist_cjs/* DeleteObjectsCommand */.xvx({
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
    async list(options = {}) {
        const bounds = (options.splitAfter ?? []).map((path) => this.keyFor(path));
        const ranges = [undefined, ...bounds].map((startAfter, index) => ({ startAfter, endAt: bounds[index] }));
        const limit = (0,p_limit/* default */.A)(LIST_CONCURRENCY);
        const pages = await Promise.all(ranges.map((range) => limit(() => this.listRange(range.startAfter, range.endAt))));
        return pages.flat();
    }
    async listRange(startAfter, endAt) {
        const objects = [];
        const listPrefix = this.prefix ? `${this.prefix}/` : undefined;
        let token;
        do {
            const command = new dist_cjs/* ListObjectsV2Command */.u6x({ Bucket: this.bucket, Prefix: listPrefix, ContinuationToken: token, StartAfter: token ? undefined : startAfter });
            const page = await this.call(`LIST ${this.bucket}/${listPrefix ?? ''}`, (abortSignal) => this.client.send(command, { abortSignal }));
            for (const item of page.Contents ?? []) {
                if (!item.Key)
                    continue;
                if (endAt !== undefined && compareKeys(item.Key, endAt) > 0)
                    return objects;
                objects.push({
                    path: listPrefix ? item.Key.slice(listPrefix.length) : item.Key,
                    size: item.Size ?? 0,
                    etag: item.ETag?.replace(/"/g, '')
                });
            }
            const last = page.Contents?.at(-1)?.Key;
            if (endAt !== undefined && last !== undefined && compareKeys(last, endAt) >= 0)
                return objects;
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return objects;
    }
    /** Ends every request still pending (a failed run does not wait for them) and the client's sockets. */
    async close() {
        this.stop.abort(new Error('the S3 backend was closed'));
        this.client.destroy();
    }
    /**
     * Every request to the store goes through here: AWS_MAX_ATTEMPTS attempts of at most AWS_TIMEOUT
     * each, and a failure becomes a message that names the request and the setting at fault. A
     * request that got no answer at all means the store is down: every other request ends with it.
     */
    async call(operation, request) {
        try {
            return await withAttempts(this.policy, this.stop.signal, request);
        }
        catch (error) {
            if (!(error instanceof RequestFailed))
                throw error;
            const explained = explainS3Error(error.error, {
                bucket: this.bucket,
                endpoint: this.settings.AWS_ENDPOINT,
                region: this.location.region,
                acl: this.settings.AWS_ACL,
                operation,
                attempts: error.attempts
            });
            if (isNoAnswer(error.error))
                this.stop.abort(explained);
            throw explained;
        }
    }
    headersFor(object) {
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
    keyFor(relPath) {
        return this.prefix ? `${this.prefix}/${relPath}` : relPath;
    }
}


/***/ })

};
