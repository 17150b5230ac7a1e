import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import type { Identity } from '../../identity.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { unboundedSize } from './unbounded-size.js';

const order = {
  type: 'object', required: ['lines'],
  properties: { lines: { type: 'array', minItems: 1, maxItems: 5, items: { type: 'object', properties: { sku: { type: 'string', pattern: '^[A-Z]{3}$' } } } }, note: { type: 'string', maxLength: 50 } },
};
const document = {
  openapi: '3.1.0', info: { title: 'Shop', version: '1' }, security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/items': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10 } }], responses: { 200: { description: 'a page' } } } },
    '/orders': { post: { requestBody: { required: true, content: { 'application/json': { schema: order } } }, responses: { 201: { description: 'created' } } } },
  },
};
const api = buildApiModel({ source: 'shop.yaml', dialect: 'openapi-3.1', document });
const alice: Identity = { name: 'alice', role: 'user', headers: { authorization: 'Bearer alice' }, query: {} };

/** vulnerable: no limit kept; fixed: 400 / 413; clamp: page sizes silently cut to the maximum. */
type Mode = 'vulnerable' | 'fixed' | 'clamp';
let mode: Mode = 'vulnerable';
let server: Server;
let target: URL;

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const send = (status: number, body: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const url = new URL(request.url ?? '/', 'http://shop.invalid');
  if (request.method === 'GET') {
    const asked = Number(url.searchParams.get('limit') ?? '10');
    if (mode === 'fixed' && asked > 10) return send(400, { title: 'limit' });
    return send(200, { items: Array.from({ length: mode === 'clamp' ? Math.min(asked, 10) : asked }, (_, id) => ({ id })) });
  }
  if (mode === 'fixed' && Number(request.headers['content-length']) > 64 * 1024) return void response.writeHead(413, { connection: 'close' }).end();
  let text = '';
  for await (const chunk of request) text += String(chunk);
  const body = JSON.parse(text) as { lines: unknown[] };
  if (mode === 'fixed' && body.lines.length > 5) return send(400, { title: 'too many lines' });
  return send(201, { id: 1, lines: body.lines.length });
}

before(async () => {
  server = createServer((request, response) => void handle(request, response)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  target = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
after(() => server.close());

function scan(as: Mode): Promise<ScanReport> {
  mode = as;
  return runScan({ api, spec: 'shop.yaml', target, identities: [alice], checks: [unboundedSize], rate: 1000, maxRequests: 100, timeoutMs: 5000, allowDestructive: false, signal: new AbortController().signal });
}

test('page size, maxItems and body size all unenforced: three confirmed findings', async () => {
  const report = await scan('vulnerable');
  const summary = report.findings.map((finding) => [finding.operation, finding.confidence, finding.message.split(' with ')[0]]);
  assert.deepEqual(summary.sort(), [
    ['GET /items', 'confirmed', 'Accepted limit=100 (documented maximum 10)'],
    ['POST /orders', 'confirmed', 'Accepted 50 items in /lines (documented maxItems 5)'],
    ['POST /orders', 'confirmed', 'Accepted a 2.0 MiB body, 2097152 characters in /note (documented maxLength 50),'],
  ].sort());
  const oversized = report.findings.find((finding) => finding.message.includes('MiB'));
  assert.ok((oversized?.evidence[0]?.request.body?.length ?? Infinity) < 1_000, 'the evidence keeps only the start of the 2 MiB body');
});

test('limits enforced with 400 and 413: nothing', async () => {
  assert.deepEqual((await scan('fixed')).findings, []);
});

test('a page size cut to the maximum without an error is only a suspicion', async () => {
  const paging = (await scan('clamp')).findings.filter((finding) => finding.operation === 'GET /items');
  assert.deepEqual(paging.map((finding) => [finding.severity, finding.confidence]), [['info', 'tentative']]);
});
