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
export function isPositionalPut(put: (...args: never[]) => unknown): boolean {
  return Math.max(put.length, declaredParameters(put).length) >= 2;
}

/** The parameter names a function's source declares (a destructured one as written); [] for native code. */
export function declaredParameters(fn: (...args: never[]) => unknown): string[] {
  const source = Function.prototype.toString.call(fn);
  const bareArrow = /^(?:async\s+)?([\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]*)\s*=>/u.exec(source);
  if (bareArrow) return [bareArrow[1]];
  const open = source.indexOf('(');
  if (open < 0) return [];
  const parameters: string[] = [];
  let depth = 0;
  let current = '';
  for (let index = open + 1; index < source.length; index++) {
    const char = source[index];
    if (char === '/' && (source[index + 1] === '*' || source[index + 1] === '/')) {
      const end = source[index + 1] === '*' ? source.indexOf('*/', index + 2) + 1 : source.indexOf('\n', index);
      index = end <= 0 ? source.length : end;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') {
      const start = index;
      for (index++; index < source.length && source[index] !== char; index++) if (source[index] === '\\') index++;
      current += source.slice(start, index + 1);
      continue;
    }
    if (depth === 0 && (char === ',' || char === ')')) {
      const name = current.trim().replace(/^\.\.\./, '').split('=')[0].trim();
      if (name) parameters.push(name);
      current = '';
      if (char === ')') break;
      continue;
    }
    if ('([{'.includes(char)) depth++;
    if (')]}'.includes(char)) depth--;
    current += char;
  }
  return parameters;
}

/** The seed's content types: no charset parameter, and JavaScript as application/javascript. */
export function seedContentType(contentType: string): string {
  const type = contentType.split(';')[0].trim();
  return type === 'text/javascript' ? 'application/javascript' : type;
}

/**
 * A positional client seen through the object contract. Such a client cannot be told a
 * Content-Encoding, so it gets bytes that are minified and joined but never gzipped (the seed's
 * backends gzipped and set Expires themselves); it gets no listing, so every file is offered to
 * it and its return value says whether it stored it.
 */
export class PositionalClientAdapter implements BackendClient {
  private force = false;

  constructor(private readonly client: PositionalClient) {}

  remoteMediaUrl(withSsl: boolean): string {
    return this.client.remoteMediaUrl(withSsl);
  }

  supportsGzip(): boolean {
    return false;
  }

  async open(run?: { force: boolean }): Promise<void> {
    this.force = run?.force ?? false;
    await this.client.open?.();
  }

  async close(): Promise<void> {
    await this.client.close?.();
  }

  async put(object: MediaObject): Promise<PutResult> {
    const stored = await this.client.put(object.body, seedContentType(object.contentType), object.path, this.force);
    return stored ? {} : { skipped: true };
  }
}
