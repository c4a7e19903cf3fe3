import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Settings } from '../settings/schema.js';
import { settleWithin } from '../settle-within.js';
import { assertBackendClient, type BackendClient } from './contract.js';
import { LateCallError, userBackendLimitMs, withDeadline } from './deadline.js';
import { PositionalClientAdapter, isPositionalPut, type PositionalClient } from './positional.js';
import type { BackendContext } from './index.js';

type ClientClass = new (settings: Settings, context: BackendContext) => unknown;
type ClientFactory = (settings: Settings, context: BackendContext) => unknown;

const SHAPES = 'a Client class (export class Client), a default-exported class, or a createClient(settings, context) function';

/**
 * The client a user's module gives, checked against the contract (a `put` of the seed's
 * positional form is adapted to the object contract): `createClient(settings,
 * context)` (may be async), else `new Client(settings, context)`, else a default-exported class.
 * A CommonJS module may put the same names on module.exports. Loading it, creating the client
 * and every call after are bounded (userBackendLimitMs).
 */
export async function loadBackendModule(modulePath: string, settings: Settings, context: BackendContext): Promise<BackendClient> {
  const absolute = path.resolve(modulePath);
  const source = `module ${absolute} (BACKEND)`;
  if (!existsSync(absolute)) throw new Error(`backend ${source} does not exist; expected a path to a .js, .mjs or .cjs file`);

  // Every call into the module is bounded, from its loading on.
  const limitMs = userBackendLimitMs(settings);
  let namespace: Record<string, unknown>;
  try {
    // webpackIgnore keeps the bundler from rewriting this into its own module table: the
    // module is the user's file, read at run time.
    namespace = await settleWithin(import(/* webpackIgnore: true */ pathToFileURL(absolute).href), limitMs, () => new LateCallError(source, 'loading the module', limitMs));
  } catch (error) {
    if (error instanceof LateCallError) throw error;
    throw new Error(`backend ${source} could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }

  const make = clientMaker(namespace) ?? clientMaker(objectOrEmpty(namespace.default)) ?? defaultClassMaker(namespace.default);
  if (!make) throw new Error(`backend ${source} exports none of the forms allowed; expected ${SHAPES}`);
  let client: unknown;
  try {
    client = await settleWithin(Promise.resolve(make(settings, context)), limitMs, () => new LateCallError(source, 'creating the client', limitMs));
  } catch (error) {
    if (error instanceof LateCallError) throw error;
    throw new Error(`backend ${source} failed to create its client: ${error instanceof Error ? error.message : String(error)}`);
  }
  assertBackendClient(client, source);
  return withDeadline(isPositionalPut(client.put) ? new PositionalClientAdapter(client as unknown as PositionalClient) : client, source, limitMs);
}

function clientMaker(exports: Record<string, unknown>): ClientFactory | undefined {
  if (typeof exports.createClient === 'function') return exports.createClient as ClientFactory;
  const Client = exports.Client;
  if (typeof Client === 'function') return (settings, context) => new (Client as ClientClass)(settings, context);
  return undefined;
}

/** A default export is taken as the client class only when it is one: a plain function is ambiguous. */
function defaultClassMaker(value: unknown): ClientFactory | undefined {
  if (typeof value !== 'function' || !/^class\b/.test(Function.prototype.toString.call(value))) return undefined;
  return (settings, context) => new (value as ClientClass)(settings, context);
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
