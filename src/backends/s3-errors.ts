import { AttemptTimeout } from './s3-attempts.js';
import { withoutUserinfo } from '../settings/secrets.js';

/** What the S3 client was doing when it failed, to name the setting at fault. */
export interface S3ErrorContext {
  bucket: string;
  endpoint?: string;
  region: string;
  /** AWS_ACL as set, to explain a bucket that refuses ACLs. */
  acl?: string;
  /** The request, such as `GET site/a.css`, and how many attempts it was given. */
  operation?: string;
  attempts?: number;
}

const CREDENTIAL_CODES = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken', 'TokenRefreshRequired']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError']);

function codeOf(error: unknown): string | undefined {
  const candidate = error as { Code?: string; code?: string; name?: string; errno?: unknown };
  return candidate.Code ?? candidate.code ?? candidate.name;
}

/**
 * An S3 failure in words a user can act on: which setting is wrong and what to do. Errors
 * that are not about the settings keep their own message, prefixed by their code.
 */
export function explainS3Error(error: unknown, context: S3ErrorContext): Error {
  const code = codeOf(error);
  // Duck-typed: an error raised in another realm (a test's VM context) is no `instanceof Error`.
  const message = typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : String(error);
  const endpoint = context.endpoint && withoutUserinfo(context.endpoint);
  const where = endpoint ? `at AWS_ENDPOINT ${endpoint}` : `in AWS region ${context.region}`;
  const target = endpoint ? `AWS_ENDPOINT ${endpoint}` : `S3 in AWS region ${context.region}`;
  const request = context.operation ? ` ${context.operation}` : '';
  const attempts = context.attempts ?? 1;
  const tried = `, ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'} made (AWS_MAX_ATTEMPTS)`;
  if (error instanceof AttemptTimeout) {
    return new Error(
      `${target} did not answer${request} within AWS_TIMEOUT (${error.timeoutMs / 1000} s)${tried}; ` +
        `check that the store is up and reachable${endpoint ? ' at AWS_ENDPOINT' : ''}, or raise AWS_TIMEOUT for a slow link`
    );
  }
  if (context.acl && (code === 'AccessControlListNotSupported' || /does not allow ACLs/i.test(message))) {
    return new Error(
      `AWS_ACL is ${context.acl} but bucket ${context.bucket} does not allow ACLs (its Object Ownership is "bucket owner enforced"); ` +
        'unset AWS_ACL and grant public reads with a bucket policy or a CDN, or enable ACLs on the bucket'
    );
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
  if (code && NETWORK_CODES.has(code)) {
    return new Error(`${target} cannot be reached (${code}: ${message})${request ? ` by${request}` : ''}${tried}`);
  }
  return new Error(code && code !== 'Error' && !message.startsWith(code) ? `${code}: ${message}` : message);
}
