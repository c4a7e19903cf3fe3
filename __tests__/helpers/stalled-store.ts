import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { keepIdleConnections } from './steady-connections.js';

export interface StalledStore {
  endpoint: string;
  /** Connections accepted (a new one per attempt: an abandoned attempt closes its socket). */
  connections: number;
  /** Connections still open: the client must close every one it gave up on. */
  open: number;
  /** performance.now() when the first connection came: a client's own start-up is not the store's time. */
  firstConnectionAt?: number;
  stop(): Promise<void>;
}

interface TrackState {
  connections: number;
  open: number;
  firstConnectionAt?: number;
}

function track(server: net.Server): { state: TrackState; sockets: Set<net.Socket> } {
  const state: TrackState = { connections: 0, open: 0 };
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    state.firstConnectionAt ??= performance.now();
    state.connections++;
    state.open++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      state.open--;
      sockets.delete(socket);
    });
  });
  return { state, sockets };
}

async function listen(server: net.Server, sockets: Set<net.Socket>, state: TrackState): Promise<StalledStore> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get connections() {
      return state.connections;
    },
    get open() {
      return state.open;
    },
    get firstConnectionAt() {
      return state.firstConnectionAt;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })
  };
}

/** A loopback TCP server that accepts every connection, reads what is sent, and never answers. */
export async function startHungServer(): Promise<StalledStore> {
  const server = net.createServer((socket) => socket.resume());
  const { state, sockets } = track(server);
  return listen(server, sockets, state);
}

/** An HTTP server that answers every request with 200 and the headers of a 1,000-byte body, sends 10 bytes of it, and stalls. */
export async function startStallingBodyServer(): Promise<StalledStore> {
  const server = http.createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1000' });
    response.write(Buffer.alloc(10, 'x'));
  });
  const { state, sockets } = track(server);
  return listen(server, sockets, state);
}

export interface SlowProxy {
  endpoint: string;
  /** `METHOD url` of every request, in the order they arrived. */
  requests: string[];
  stop(): Promise<void>;
}

/**
 * A loopback proxy in front of the S3 server that answers slowly but completely: the headers
 * `delayMs` after the store answered, then half the body, and the rest `delayMs` later.
 */
export async function startSlowProxy(target: string, delayMs: number): Promise<SlowProxy> {
  const upstreamUrl = new URL(target);
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const upstream = http.request(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, method: request.method, path: request.url, headers: request.headers, agent: false },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            const whole = Buffer.concat(body);
            setTimeout(() => {
              response.writeHead(answer.statusCode ?? 502, answer.headers);
              response.write(whole.subarray(0, whole.length >> 1));
              setTimeout(() => response.end(whole.subarray(whole.length >> 1)), delayMs);
            }, delayMs);
          });
        }
      );
      upstream.on('error', () => response.socket?.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}
