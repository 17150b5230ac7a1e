// The admin listener (loopback by default): /healthz, /readyz and Prometheus /metrics. Later issues
// add the authenticated admin API here. /metrics can require a bearer token, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { collectSamples, type AdminDiscovery } from './discovery-endpoints.js';

export interface AdminServerOptions {
  host: string;
  port: number;
  registry: Registry;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
  isReady(): boolean;
  /** The hottest rate-limit keys (`bulwark ratelimit status`); behind the same token as /metrics. */
  hotKeys?(minutes: number, count: number): Promise<unknown>;
  /** The learned inventory (behind the metrics token) and the samples collector (its own token). */
  discovery?: AdminDiscovery;
}

export interface AdminServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startAdminServer(options: AdminServerOptions): Promise<AdminServer> {
  const tokenDigest = options.metricsToken === undefined ? undefined : digest(options.metricsToken);
  const discovery = options.discovery;
  const collectorDigest = discovery?.collectorToken === undefined ? undefined : digest(discovery.collectorToken);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/discovery/samples' && collectorDigest !== undefined && discovery !== undefined) {
      if (req.method !== 'POST') return problem(res, 405, 'admin.method-not-allowed', 'Only POST is supported here.');
      if (!hasToken(req.headers.authorization, collectorDigest)) {
        res.setHeader('www-authenticate', 'Bearer realm="bulwark-collector"');
        return problem(res, 401, 'admin.unauthenticated', 'A valid bearer token is required.');
      }
      return collectSamples(req, discovery, (status, body, isProblem = false) => {
        if (res.headersSent) return;
        if (isProblem) problem(res, status, (body as { ruleId: string }).ruleId, (body as { detail: string }).detail);
        else json(res, status, body);
      });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 405, 'admin.method-not-allowed', 'Only GET is supported here.');
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') return options.isReady() ? json(res, 200, { status: 'ready' }) : json(res, 503, { status: 'not-ready' });
    if (path === '/metrics') {
      if (tokenDigest !== undefined && !hasToken(req.headers.authorization, tokenDigest)) {
        res.setHeader('www-authenticate', 'Bearer realm="bulwark-admin"');
        return problem(res, 401, 'admin.unauthenticated', 'A valid bearer token is required.');
      }
      options.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': options.registry.contentType, 'cache-control': 'no-store' });
        res.end(text);
      }, () => problem(res, 500, 'admin.metrics-failed', 'Metrics could not be collected.'));
      return;
    }
    if (path === '/ratelimit/hot' && options.hotKeys) {
      if (tokenDigest !== undefined && !hasToken(req.headers.authorization, tokenDigest)) {
        res.setHeader('www-authenticate', 'Bearer realm="bulwark-admin"');
        return problem(res, 401, 'admin.unauthenticated', 'A valid bearer token is required.');
      }
      const params = new URL(req.url ?? '/', 'http://admin').searchParams;
      const minutes = boundedInteger(params.get('minutes'), 5, 1, 15);
      const count = boundedInteger(params.get('count'), 20, 1, 1000);
      if (minutes === undefined || count === undefined) return problem(res, 400, 'admin.bad-parameter', 'minutes must be 1-15 and count 1-1000.');
      options.hotKeys(minutes, count).then((stores) => json(res, 200, { minutes, stores }), () => problem(res, 503, 'admin.store-failed', 'The rate-limit store could not be read.'));
      return;
    }
    if (path === '/discovery/inventory' && discovery) {
      if (tokenDigest !== undefined && !hasToken(req.headers.authorization, tokenDigest)) {
        res.setHeader('www-authenticate', 'Bearer realm="bulwark-admin"');
        return problem(res, 401, 'admin.unauthenticated', 'A valid bearer token is required.');
      }
      return json(res, 200, { operations: discovery.views() });
    }
    return problem(res, 404, 'admin.not-found', 'No such admin endpoint.');
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }),
  };
}

/** A query parameter as an integer within [min, max]; the fallback when absent; undefined when invalid. */
function boundedInteger(raw: string | null, fallback: number, min: number, max: number): number | undefined {
  if (raw === null) return fallback;
  if (!/^\d{1,7}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Hashing both sides first gives equal lengths, so timingSafeEqual leaks neither value nor length. */
function hasToken(header: string | undefined, expected: Buffer): boolean {
  if (header === undefined || !header.toLowerCase().startsWith('bearer ')) return false;
  return timingSafeEqual(digest(header.slice(7).trim()), expected);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function problem(res: ServerResponse, status: number, ruleId: string, detail: string): void {
  res.writeHead(status, { 'content-type': 'application/problem+json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ type: `urn:bulwark:rule:${ruleId}`, status, detail, ruleId }));
}
