import { type Reporter } from '../reporter.js';
import { type Settings } from '../settings/schema.js';
import type { BackendClient } from './contract.js';
/** What a backend gets besides the settings. */
export interface BackendContext {
    /** Where a backend tells the user what it does (the dummy backend prints through it). */
    reporter: Reporter;
}
/**
 * The backend BACKEND names: a short name, the seed's dotted `mediasync.backends.<name>`, or a
 * path to the user's module (already resolved against the config file by the settings).
 */
export declare function createBackend(settings: Settings, context?: BackendContext): Promise<BackendClient>;
