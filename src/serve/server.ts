import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MediaSource } from './media-source.js';
import { resolveRequestPath } from './request-path.js';

/** One URL path the server answers under, e.g. MEDIA_URL's `/devmedia/` → MEDIA_ROOT. */
export interface Mount {
  /** URL path ending in `/`. */
  path: string;
  source: MediaSource;
  /** File answered for the mount path itself (e.g. index.html); none means 404. */
  index?: string;
  /** Set with SERVE_REMOTE: the remote URL a request is redirected (302) to instead of being read. */
  redirect?: (relPath: string) => string;
}

export interface DevServer {
  /** Base URL the server listens on, without a trailing slash. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** A development server for the mounts; the longest matching mount path answers. */
export function createDevServer(mounts: readonly Mount[], onError: (error: Error) => void = () => {}): Server {
  const ordered = [...mounts].sort((a, b) => b.path.length - a.path.length);
  return createServer((request, response) => {
    answer(ordered, request, response).catch((error: Error) => {
      onError(error);
      if (!response.headersSent) reply(response, 500, `${error.message}\n`);
      else response.destroy(error);
    });
  });
}

async function answer(mounts: readonly Mount[], request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return reply(response, 405, 'only GET and HEAD are served\n');
  }
  const rawPath = (request.url ?? '/').split('?')[0];
  for (const mount of mounts) {
    const resolved = resolveRequestPath(rawPath, mount.path, mount.index);
    if (!resolved) continue;
    if (!resolved.ok) return reply(response, resolved.status, `${resolved.reason}\n`);
    if (mount.redirect) {
      response.writeHead(302, { Location: mount.redirect(resolved.relPath), 'Cache-Control': 'no-cache' });
      response.end();
      return;
    }
    const file = await mount.source.read(resolved.relPath);
    if (!file) return reply(response, 404, `${resolved.relPath} not found\n`);
    // Never cached, so an edited file shows on the next reload, unless the source says how (a synced tree).
    response.writeHead(file.status ?? 200, { 'Cache-Control': 'no-cache', ...file.headers, 'Content-Length': file.body.length });
    response.end(request.method === 'HEAD' ? undefined : file.body);
    return;
  }
  reply(response, 404, 'not found\n');
}

function reply(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** Listen on host:port (0 picks a free port) and resolve once listening. */
export async function startDevServer(
  mounts: readonly Mount[],
  listen: { host: string; port: number },
  onError?: (error: Error) => void
): Promise<DevServer> {
  const server = createDevServer(mounts, onError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })
  };
}
