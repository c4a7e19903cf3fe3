import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepIdleConnections } from './steady-connections.js';

export type Signal = 'SIGKILL' | 'SIGTERM' | 'SIGINT';

export interface KillPoint {
  /** Which change to the store (PUT, POST, DELETE), counted from 1. */
  change: number;
  /** Kill before the store sees that change, or after it has made it. */
  when: 'before' | 'after';
  signal: Signal;
}

/** One change request as the proxy saw it. */
export interface ProxiedChange {
  method: string;
  /** The request path, %-escapes decoded, with its query. */
  url: string;
  /** Keys a multi-object delete (`POST ?delete`) names. */
  deleteKeys?: string[];
  /** Whether it was passed on to the store (a SIGKILL before it drops it). */
  forwarded: boolean;
}

export interface KillProxy {
  endpoint: string;
  /** How many changes (PUT, POST, DELETE) reached the proxy. */
  changes: () => number;
  /** Every change in the order it reached the proxy. */
  log: ProxiedChange[];
  /** Resolves once every request passed on has been answered by the store. */
  drained: () => Promise<void>;
  stop: () => Promise<void>;
}

const xmlText = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** A proxy in front of the S3 server `target` that signals `child()` at the kill point; counts changes. */
export async function startKillProxy(target: string, point: KillPoint | undefined, child: () => ChildProcess | undefined): Promise<KillProxy> {
  const upstreamUrl = new URL(target);
  let changes = 0;
  const log: ProxiedChange[] = [];
  const forwarded = new Set<Promise<void>>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const isChange = ['PUT', 'POST', 'DELETE'].includes(request.method ?? '');
      const body = Buffer.concat(chunks);
      let seen: ProxiedChange | undefined;
      if (isChange) {
        changes++;
        const url = new URL(request.url ?? '/', 'http://proxy');
        seen = { method: request.method ?? '', url: decodeURIComponent(url.pathname) + url.search, forwarded: false };
        if (request.method === 'POST' && url.searchParams.has('delete')) {
          seen.deleteKeys = [...body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => xmlText(match[1]));
        }
        log.push(seen);
      }
      const hit = isChange && point !== undefined && changes === point.change;
      if (hit && point.when === 'before') {
        child()?.kill(point.signal);
        // A cancelled run still gets answers while it cleans up; a killed one is gone.
        if (point.signal === 'SIGKILL') return void response.socket?.destroy();
      }
      if (seen) seen.forwarded = true;
      let done!: () => void;
      const answered = new Promise<void>((resolve) => (done = resolve));
      forwarded.add(answered);
      const upstream = http.request(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, method: request.method, path: request.url, headers: request.headers, agent: false },
        (answer) => {
          if (hit && point.when === 'after') child()?.kill(point.signal);
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          answer.on('end', done);
          answer.on('error', done);
        }
      );
      upstream.on('error', () => {
        done();
        response.socket?.destroy();
      });
      upstream.end(body);
    });
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    changes: () => changes,
    log,
    drained: async () => void (await Promise.all(forwarded)),
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())))
  };
}
