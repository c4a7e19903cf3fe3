import { encodePath } from '../render/urls.js';

export interface S3Location {
  bucket: string;
  prefix: string;
  region: string;
  endpoint?: string;
  cname: boolean;
  /** USE_SSL as set; unset lets an endpoint keep its own scheme. */
  useSsl?: boolean;
}

/**
 * The public URL of bucket + prefix: scheme://bucket/prefix for a CNAME; the endpoint's
 * path-style URL for an S3-compatible store; AWS's virtual-hosted URL otherwise (path style
 * when the bucket name has dots, which a virtual host's certificate does not cover).
 */
export function s3MediaUrl(location: S3Location, withSsl: boolean): string {
  const scheme = withSsl ? 'https' : 'http';
  const prefix = location.prefix ? `/${encodePath(location.prefix.replace(/^\/+|\/+$/g, ''))}` : '';
  if (location.cname) return `${scheme}://${location.bucket}${prefix}`;
  if (location.endpoint) {
    const endpoint = new URL(location.endpoint);
    if (location.useSsl !== undefined) endpoint.protocol = `${scheme}:`;
    const base = `${endpoint.protocol}//${endpoint.host}${endpoint.pathname.replace(/\/+$/, '')}`;
    return `${base}/${location.bucket}${prefix}`;
  }
  const host = `s3.${location.region}.amazonaws.com`;
  if (withSsl && location.bucket.includes('.')) return `${scheme}://${host}/${location.bucket}${prefix}`;
  return `${scheme}://${location.bucket}.${host}${prefix}`;
}
