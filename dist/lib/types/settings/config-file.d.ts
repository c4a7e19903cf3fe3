import type { ConfigFile, ModuleConfigFile } from './load.js';
/** The settings files looked for when none is named: JSON (with comments), or a module exporting the settings. */
export declare const DEFAULT_CONFIGS: readonly ["mediasync.json", "mediasync.config.mjs", "mediasync.config.js"];
/**
 * The named config file (which must exist), else the one of DEFAULT_CONFIGS present, else none.
 * Two defaults side by side are an error: which one wins would be a guess.
 */
export declare function readConfigFile(named: string | undefined, cwd: string): Promise<ConfigFile | ModuleConfigFile | undefined>;
