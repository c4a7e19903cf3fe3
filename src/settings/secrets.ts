import type { Settings } from './schema.js';

const SECRET_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/** Every credential in the settings or the environment, to be masked before anything is logged. */
export function secretValues(settings: Partial<Pick<Settings, 'AWS_KEY' | 'AWS_SECRET'>>, env: NodeJS.ProcessEnv): string[] {
  const values = [settings.AWS_KEY, settings.AWS_SECRET, ...SECRET_ENV.map((name) => env[name])];
  return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

/** A secret as it may appear in text: as is, and URL-encoded (as in a query string or a URL's path), in either hex case. */
export function secretForms(secret: string): string[] {
  const encoded = [encodeURIComponent(secret), encodeURI(secret)];
  const lowerHex = encoded.map((form) => form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  return [...new Set([secret, ...encoded, ...lowerHex])];
}

/** The text with every secret, in every form, replaced, for messages that may quote what a store or SDK said. */
export function redact(text: string, secrets: readonly string[]): string {
  // Longest first, so that no form is left half-replaced by a shorter one.
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  return forms.reduce((result, form) => result.split(form).join('***'), text);
}

const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;

/** The URL without its user name and password, for messages. */
export function withoutUserinfo(url: string): string {
  return url.replace(USERINFO, '$1');
}
