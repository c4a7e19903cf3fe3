import type { Settings } from './schema.js';

const SECRET_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/** Every credential in the settings or the environment, to be masked before anything is logged. */
export function secretValues(settings: Partial<Pick<Settings, 'AWS_KEY' | 'AWS_SECRET'>>, env: NodeJS.ProcessEnv): string[] {
  const values = [settings.AWS_KEY, settings.AWS_SECRET, ...SECRET_ENV.map((name) => env[name])];
  return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

/** The text with every secret replaced, for messages that may quote what a store or SDK said. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((result, secret) => result.split(secret).join('***'), text);
}
