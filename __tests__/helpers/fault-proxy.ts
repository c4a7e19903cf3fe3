import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepIdleConnections } from './steady-connections.js';

export type Fault = 'slowdown' | 'internal' | 'bad-gateway' | 'drop' | 'slow';

export interface FaultProxyOptions {
  /** The S3 server requests are passed to. */
  target: string;
  /** Share of requests that meet a fault, 0 to 1. */
  rate: number;
  faults: Fault[];
  /** Requests whose path matches always fail with 500, whatever the rate. */
  alwaysFail?: RegExp;
  /** Seed of the deterministic choice of which requests fail. */
  seed?: number;
}

/** One request as the proxy saw it, and the fault it met. */
export interface ProxiedRequest {
  method: string;
  url: string;
  fault?: Fault | 'always';
}

export interface FaultProxy {
  endpoint: string;
  requests: number;
  /** Every request in the order it arrived. */
  log: ProxiedRequest[];
  injected: Record<Fault | 'always', number>;
  setAlwaysFail(pattern: RegExp | undefined): void;
  stop(): Promise<void>;
}

const errorXml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/** A small PRNG (mulberry32) so that a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A loopback HTTP proxy in front of the S3 server that answers 503 SlowDown, 500 or 502, drops
 * the connection halfway through the response body, or answers slowly, at a set rate.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const next = random(options.seed ?? 1);
  const target = new URL(options.target);
  let alwaysFail = options.alwaysFail;
  const state = { requests: 0, injected: { slowdown: 0, internal: 0, 'bad-gateway': 0, drop: 0, slow: 0, always: 0 } };
  const log: ProxiedRequest[] = [];

  const forward = (request: http.IncomingMessage, body: Buffer, response: http.ServerResponse, fault?: 'drop' | 'slow') => {
    const upstream = http.request(
      // A connection of its own: a reused one could be closed by the store as the request goes out.
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers, agent: false },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        if (fault === 'drop') {
          // Half the body, then the connection goes away.
          answer.once('data', (chunk: Buffer) => {
            response.write(chunk.subarray(0, Math.max(1, chunk.length >> 1)));
            response.socket?.destroy();
          });
          answer.once('end', () => response.socket?.destroy());
          return;
        }
        answer.pipe(response);
      }
    );
    upstream.on('error', () => response.socket?.destroy());
    upstream.end(body);
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      state.requests++;
      const body = Buffer.concat(chunks);
      const seen: ProxiedRequest = { method: request.method ?? '', url: request.url ?? '' };
      log.push(seen);
      if (alwaysFail?.test(decodeURIComponent(new URL(request.url ?? '/', 'http://proxy').pathname))) {
        state.injected.always++;
        seen.fault = 'always';
        response.writeHead(500, { 'content-type': 'application/xml' }).end(errorXml('InternalError', 'We encountered an internal error. Please try again.'));
        return;
      }
      const fault = next() < options.rate ? options.faults[Math.floor(next() * options.faults.length)] : undefined;
      if (fault) state.injected[fault]++;
      seen.fault = fault;
      switch (fault) {
        case 'slowdown':
          response.writeHead(503, { 'content-type': 'application/xml' }).end(errorXml('SlowDown', 'Please reduce your request rate.'));
          return;
        case 'internal':
          response.writeHead(500, { 'content-type': 'application/xml' }).end(errorXml('InternalError', 'We encountered an internal error.'));
          return;
        case 'bad-gateway':
          response.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
          return;
        case 'slow':
          setTimeout(() => forward(request, body, response), 300);
          return;
        default:
          forward(request, body, response, fault);
      }
    });
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    log,
    injected: state.injected,
    setAlwaysFail: (pattern) => {
      alwaysFail = pattern;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}
