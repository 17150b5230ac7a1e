// Test harness: starts a real gateway (real listeners, real SQLite store in a temp dir) from a YAML
// snippet, plus small real upstream servers. Nothing is mocked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/core/logger.js';
import type { SecurityEvent } from '../../src/core/types.js';
import { loadGatewayConfig, startGateway, type RunningGateway, type StartGatewayOptions } from '../../src/gateway/index.js';
import { openEventStore } from '../../src/store/index.js';

export interface TestGateway {
  readonly url: string;
  readonly adminUrl: string;
  readonly running: RunningGateway;
  readonly dir: string;
  readonly configFile: string;
  /** Flushes the event writer and reads every stored event, oldest first. */
  events(): Promise<SecurityEvent[]>;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  watch?: boolean;
  env?: Record<string, string>;
  /** `store.redis` as a YAML flow mapping (`{ url: "redis://127.0.0.1:6379", keyPrefix: "t:" }`). */
  redis?: string;
  /** Timer settings of startGateway (grant sweep, usage flush). */
  timers?: Pick<StartGatewayOptions, 'grantSweepIntervalMs' | 'usageFlushIntervalMs'>;
}

export async function startTestGateway(yaml: string, options: TestGatewayOptions = {}): Promise<TestGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-test-'));
  const configFile = join(dir, 'bulwark.yaml');
  const base = [
    'admin: { host: 127.0.0.1, port: 0 }',
    `store: { sqlite: { path: ${JSON.stringify(join(dir, 'events.db'))} }${options.redis === undefined ? '' : `, redis: ${options.redis}`} }`,
    'logging: { level: silent }',
  ].join('\n');
  writeFileSync(configFile, mergeTop(base, yaml));
  const config = loadGatewayConfig(configFile, { ...process.env, ...options.env });
  const store = openEventStore(config.store);
  const running = await startGateway({ ...options.timers, config, configFile, eventStore: store, watch: options.watch ?? false, logger: createLogger({ level: 'silent' }) });
  return {
    url: running.listeners[0]!.url,
    adminUrl: running.adminUrl ?? '',
    running,
    dir,
    configFile,
    async events() {
      await running.flushEvents();
      return (await store.queryEvents({ limit: 10_000 })).reverse();
    },
    async close() {
      await running.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The test's YAML wins for any top-level key it sets (admin, store, logging are defaults here). */
function mergeTop(base: string, yaml: string): string {
  const keys = new Set([...yaml.matchAll(/^([a-z]+):/gm)].map((m) => m[1]));
  return [...base.split('\n').filter((line) => !keys.has(line.split(':')[0])), yaml].join('\n');
}

export interface TestUpstream {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Requests seen, in order. */
  readonly seen: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }[];
  close(): Promise<void>;
}

/** A real upstream; the handler gets the request with its body already read. */
export async function startUpstream(handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void = echo): Promise<TestUpstream> {
  const seen: TestUpstream['seen'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, port, server, seen,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Echoes method, url, headers and body length as JSON. */
export function echo(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const text = JSON.stringify({ method: req.method, url: req.url, headers: req.headers, bodyLength: body.length });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), server: 'upstream/1.0', 'x-powered-by': 'Express' });
  res.end(text);
}

export function route(name: string, upstreamUrl: string, extra = ''): string {
  return `  - name: ${name}\n    upstream: { url: ${upstreamUrl} }\n${extra}`;
}

export function listenerYaml(extra = ''): string {
  return `server:\n  listeners: [{ protocol: http, host: 127.0.0.1, port: 0 }]\n${extra}`;
}
