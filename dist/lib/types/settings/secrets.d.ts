import type { Settings } from './schema.js';
/** Every credential in the settings or the environment, to be masked before anything is logged. */
export declare function secretValues(settings: Partial<Pick<Settings, 'AWS_KEY' | 'AWS_SECRET'>>, env: NodeJS.ProcessEnv): string[];
/** A secret as it may appear in text: as is, and URL-encoded (as in a query string or a URL's path), in either hex case. */
export declare function secretForms(secret: string): string[];
/** The text with every secret, in every form, replaced, for messages that may quote what a store or SDK said. */
export declare function redact(text: string, secrets: readonly string[]): string;
/** The URL without its user name and password, for messages. */
export declare function withoutUserinfo(url: string): string;
