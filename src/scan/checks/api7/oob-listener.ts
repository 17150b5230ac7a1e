// An out-of-band HTTP listener on loopback for the SSRF check: a target told to fetch a URL with a
// random token proves the fetch when that token arrives here. It binds 127.0.0.1 only, so it can
// only ever hear a target on the same host; a remote target fetching 127.0.0.1 reaches its own
// loopback, never this listener, so it cannot produce a false confirmation.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OobListener {
  /** The URL that carries the token back here. */
  urlFor(token: string): string;
  /** True once a request for the token has arrived; false after `timeoutMs` without one. */
  waitFor(token: string, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

const TOKEN_PATH = /^\/bulwark-ssrf\/([a-f0-9]{16,64})(?:[/?#]|$)/;

export async function startOobListener(): Promise<OobListener> {
  const seen = new Set<string>();
  const waiters = new Map<string, () => void>();
  const server = createServer((request, response) => {
    const token = TOKEN_PATH.exec(request.url ?? '')?.[1];
    if (token !== undefined) {
      seen.add(token);
      waiters.get(token)?.();
    }
    request.resume();
    // The body names the token: a target that returns what it fetched (full-read SSRF) shows it.
    response.writeHead(200, { 'content-type': 'text/plain', connection: 'close' }).end(`bulwark-ssrf ${token ?? 'unknown'}\n`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    urlFor: (token) => `http://127.0.0.1:${port}/bulwark-ssrf/${token}`,
    waitFor(token, timeoutMs) {
      if (seen.has(token)) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(token);
          resolve(false);
        }, Math.max(0, timeoutMs));
        waiters.set(token, () => {
          clearTimeout(timer);
          waiters.delete(token);
          resolve(true);
        });
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
