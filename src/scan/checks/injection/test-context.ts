// Test support for the injection checks (not a check): a tiny HTTP API on 127.0.0.1, vulnerable or
// not as each test writes it, and a real scan of it — exercise, client, budget — with one check,
// against an OpenAPI document given inline. Real components over mocks, as CONVENTIONS.md asks.
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApiModel, loadApiDocument } from '../../../contract/index.js';
import type { ScanCheck } from '../../check.js';
import type { Identity } from '../../identity.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';

export interface TinyRequest {
  readonly method: string;
  /** As it arrived, dot segments and percent-escapes untouched. */
  readonly rawPath: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface TinyAnswer {
  readonly status?: number;
  /** An object is sent as JSON. */
  readonly body?: unknown;
  readonly delayMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface TinyApi {
  readonly target: URL;
  readonly requests: TinyRequest[];
  close(): Promise<void>;
}

export async function startTinyApi(handler: (request: TinyRequest) => TinyAnswer): Promise<TinyApi> {
  const requests: TinyRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const rawPath = incoming.url ?? '/';
      const request: TinyRequest = { method: incoming.method ?? 'GET', rawPath, url: new URL(rawPath, 'http://tiny.test'), headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const answer = handler(request);
      const { body } = answer;
      setTimeout(() => {
        response.writeHead(answer.status ?? 200, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...answer.headers });
        response.end(typeof body === 'string' ? body : JSON.stringify(body ?? {}));
      }, answer.delayMs ?? 0);
    });
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const target = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return { target, requests, close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }) };
}

export const ALICE: Identity = { name: 'alice', role: 'user', headers: { authorization: 'Bearer alice-token' }, query: {}, bearerToken: 'alice-token' };

/** An OpenAPI 3.1 document around the given paths, every operation public unless it says otherwise. */
export const documentWith = (paths: Record<string, unknown>): Record<string, unknown> => ({
  openapi: '3.1.0',
  info: { title: 'Tiny API', version: '1.0.0' },
  paths,
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
});

/** Scans the tiny API with one check, as `bulwark scan` would; the document goes through the real loader. */
export async function scanWith(check: ScanCheck, document: Record<string, unknown>, target: URL, identities: readonly Identity[] = [ALICE]): Promise<ScanReport> {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-injection-test-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const api = buildApiModel(await loadApiDocument(file));
    return await runScan({
      api, spec: 'openapi.json', target, identities, checks: [check],
      rate: 1000, maxRequests: 500, timeoutMs: 5_000, allowDestructive: false, signal: new AbortController().signal,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
