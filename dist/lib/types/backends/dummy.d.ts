import type { Reporter } from '../reporter.js';
import type { Settings } from '../settings/schema.js';
import { BaseClient, type MediaObject, type RemoteObject } from './contract.js';
/** Does everything but store: each object it is handed is printed with its headers, as the seed's dummy backend did. */
export declare class DummyBackend extends BaseClient {
    private readonly reporter;
    private readonly prefix;
    constructor(settings: Pick<Settings, 'AWS_PREFIX'>, reporter: Reporter);
    /** A placeholder on localhost: nothing is served; set REMOTE_MEDIA_URL to preview the real URL. */
    remoteMediaUrl(withSsl: boolean): string;
    put(object: MediaObject): Promise<void>;
    /** Nothing is ever stored, so everything is always sent. */
    list(): Promise<RemoteObject[]>;
    get(): Promise<Buffer | undefined>;
    delete(paths: string[]): Promise<void>;
    private keyFor;
}
