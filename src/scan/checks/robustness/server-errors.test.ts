import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import type { Identity } from '../../identity.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { serverErrors } from './server-errors.js';

const alice: Identity = { name: 'alice', role: 'user', headers: { authorization: 'Bearer alice' }, query: {} };

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString()) as unknown;
}

/** The first path segment picks the mode: `fragile` crashes on wrong types, `strict` refuses them. */
let origin: string;
const server = createServer((request, response) => {
  void bodyOf(request).then((body) => {
    const [, mode, ...rest] = (request.url ?? '').split('/');
    const path = `/${rest.join('/')}`;
    const invalid = mode === 'fragile' ? 500 : 400;
    let status = 404;
    if (request.method === 'POST' && path === '/items') status = 201;
    else if (request.method === 'GET' && path.startsWith('/items/')) status = /^\/items\/\d+$/.test(path) ? 200 : invalid;
    else if (request.method === 'POST' && path === '/notes') status = typeof (body as { text?: unknown }).text === 'string' ? 201 : invalid;
    response.writeHead(status, { 'content-type': 'application/json' }).end(status === 500 ? '{"error":"TypeError"}' : '{"id":5}');
  });
});
before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const created = { '201': { description: 'created' } };
const document = {
  openapi: '3.1.0', info: { title: 't', version: '1' }, security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/items': { post: { responses: created } },
    '/items/{itemId}': { get: { parameters: [{ name: 'itemId', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '200': { description: 'the item' } } } },
    '/notes': { post: {
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } } } },
      responses: created,
    } },
  },
};

function scan(mode: string): Promise<ScanReport> {
  const api = buildApiModel({ source: 't.yaml', dialect: 'openapi-3.1', document });
  return runScan({ api, spec: 't.yaml', target: new URL(`${origin}/${mode}`), identities: [alice], checks: [serverErrors], rate: 1000, maxRequests: 100, timeoutMs: 5000, allowDestructive: false, signal: new AbortController().signal });
}

describe('robustness.server-errors', () => {
  it('a word for an integer path parameter and an object for a string field answered 500 are confirmed', async () => {
    const report = await scan('fragile');
    assert.deepEqual(report.findings.map((finding) => [finding.operation, finding.severity, finding.confidence]), [
      ['GET /items/{itemId}', 'medium', 'confirmed'], ['POST /notes', 'medium', 'confirmed'],
    ]);
    assert.match(report.findings[0]?.message ?? '', /word for the integer path parameter itemId was answered 500/);
    assert.match(report.findings[1]?.message ?? '', /object for the string body field \/text/);
  });

  it('wrong types refused with 400 are no finding', async () => {
    assert.deepEqual((await scan('strict')).findings, []);
  });
});
