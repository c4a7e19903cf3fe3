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
/**
 * An S3 failure in words a user can act on: which setting is wrong and what to do. Errors
 * that are not about the settings keep their own message, prefixed by their code.
 */
export declare function explainS3Error(error: unknown, context: S3ErrorContext): Error;
