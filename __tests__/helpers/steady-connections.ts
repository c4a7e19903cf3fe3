import type http from 'node:http';

/**
 * A loopback test server that never closes an idle keep-alive connection itself. Node closes one
 * after 5 s by default; a client whose retry waited about that long then writes its request into
 * a socket being closed and gets ECONNRESET, an extra failed attempt no test asked for.
 */
export function keepIdleConnections<T extends http.Server>(server: T): T {
  server.keepAliveTimeout = 0;
  return server;
}
