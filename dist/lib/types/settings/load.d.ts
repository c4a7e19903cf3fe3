import { type SettingKey, type Settings } from './schema.js';
export interface ConfigFile {
    /** The path as the user named it, used in messages and to resolve relative paths. */
    path: string;
    text: string;
}
/** A mediasync.config.mjs (or .js): its default export, run rather than parsed. */
export interface ModuleConfigFile {
    path: string;
    values: unknown;
    /** Absolute paths of the files the module imported as it loaded (helpers, secrets): never synced, as it is not. */
    imports?: readonly string[];
}
export interface SettingsSources {
    file?: ConfigFile | ModuleConfigFile;
    /** Raw action inputs by setting key; empty strings count as unset. */
    inputs?: Partial<Record<SettingKey, string>>;
    /** Folder that relative paths given as inputs are resolved against. */
    cwd: string;
}
/**
 * Settings from defaults, then the config file, then inputs (input > file > default), validated.
 * Throws a SettingsError listing every problem in every source.
 */
export declare function resolveSettings(sources: SettingsSources): Settings;
/** The value as JSON (control characters escaped), cut to a readable length; never a URL's credentials, query or fragment. */
export declare function shown(value: unknown): string;
