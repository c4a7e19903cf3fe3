import type { BackendClient, MediaObject, PutResult } from './contract.js';
/**
 * The seed's backend contract, as its core called it: `put(filedata, contentType, remotePath,
 * force)` with the processed bytes, a truthy return meaning "stored" and a falsy one "skipped".
 */
export interface PositionalClient {
    remoteMediaUrl(withSsl: boolean): string;
    put(filedata: Buffer, contentType: string, remotePath: string, force: boolean): unknown;
    open?(): unknown;
    close?(): unknown;
}
/**
 * Whether a client's `put` is the seed's: it declares two or more parameters. Told apart by its
 * declaration, as Express tells error middleware apart; defaults count, so `force = false` does.
 */
export declare function isPositionalPut(put: (...args: never[]) => unknown): boolean;
/** The parameter names a function's source declares (a destructured one as written); [] for native code. */
export declare function declaredParameters(fn: (...args: never[]) => unknown): string[];
/** The seed's content types: no charset parameter, and JavaScript as application/javascript. */
export declare function seedContentType(contentType: string): string;
/**
 * A positional client seen through the object contract. Such a client cannot be told a
 * Content-Encoding, so it gets bytes that are minified and joined but never gzipped (the seed's
 * backends gzipped and set Expires themselves); it gets no listing, so every file is offered to
 * it and its return value says whether it stored it.
 */
export declare class PositionalClientAdapter implements BackendClient {
    private readonly client;
    private force;
    constructor(client: PositionalClient);
    remoteMediaUrl(withSsl: boolean): string;
    supportsGzip(): boolean;
    open(run?: {
        force: boolean;
    }): Promise<void>;
    close(): Promise<void>;
    put(object: MediaObject): Promise<PutResult>;
}
