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
export declare function s3MediaUrl(location: S3Location, withSsl: boolean): string;
