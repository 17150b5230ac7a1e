// The benchmark's baseline: the reverse proxy a careful person writes in ~50 lines with node:http and
// undici. Same pool size as Bulwark's default (128 keep-alive connections), request and response
// streamed, hop-by-hop headers dropped (RFC 9110 §7.6.1), Host set to the upstream's, X-Forwarded-For
// appended, 502 when the upstream fails, upstream request aborted when the client goes away after the
// response started. No security stages, no metrics, no logs, no request id.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'proxy-authenticate', 'proxy-authorization',
]);

export interface BaselineProxy {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

export async function startBaselineProxy(upstreamUrl: string, port: number, host = '127.0.0.1', connections = 128): Promise<BaselineProxy> {
  const upstream = new URL(upstreamUrl);
  const pool = new Pool(upstream.origin, { connections, keepAliveTimeout: 4_000 });

  const server = createServer((req, res) => {
    const headers: Record<string, string | string[]> = {};
    for (const name in req.headers) {
      const value = req.headers[name];
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers.host = upstream.host;
    const peer = req.socket.remoteAddress ?? '';
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior === undefined ? peer : `${String(prior)}, ${peer}`;
    const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;

    // pool.stream() writes the upstream body straight into `res` (undici's faster form of request()),
    // with back-pressure, and aborts the upstream request if `res` closes before the end.
    pool.stream({ method: req.method ?? 'GET', path: req.url ?? '/', headers, body: hasBody ? req : null }, ({ statusCode, headers: answer }) => {
      const out: Record<string, string | string[]> = {};
      for (const name in answer) {
        const value = answer[name];
        if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      }
      res.writeHead(statusCode, out);
      return res;
    }).catch(() => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.close();
    },
  };
}
