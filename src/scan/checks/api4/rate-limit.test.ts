import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import type { Identity } from '../../identity.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { rateLimit } from './rate-limit.js';

const document = {
  openapi: '3.1.0', info: { title: 'Profile', version: '1' }, security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: { '/me': { get: { responses: { 200: { description: 'me' } } } } },
};
const api = buildApiModel({ source: 'profile.yaml', dialect: 'openapi-3.1', document });
const alice: Identity = { name: 'alice', role: 'user', headers: { authorization: 'Bearer alice' }, query: {} };

/** Requests per second the server allows (a fixed one-second window); Infinity: no limit. */
let limit = Infinity;
let window = { start: 0, count: 0 };
let server: Server;
let target: URL;

before(async () => {
  server = createServer((request, response) => {
    const now = Date.now();
    if (now - window.start >= 1000) window = { start: now, count: 0 };
    window.count++;
    if (window.count > limit) return void response.writeHead(429, { 'retry-after': '1' }).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":1}');
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  target = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
after(() => server.close());

function scan(perSecond: number, rate: number): Promise<ScanReport> {
  limit = perSecond;
  window = { start: 0, count: 0 };
  return runScan({ api, spec: 'profile.yaml', target, identities: [alice], checks: [rateLimit], rate, maxRequests: 200, timeoutMs: 2000, allowDestructive: false, signal: new AbortController().signal });
}

test('a fast burst all answered without 429 or RateLimit headers: confirmed medium, with the rate reached', async () => {
  const report = await scan(Infinity, 1000);
  assert.deepEqual(report.findings.map((finding) => [finding.checkId, finding.severity, finding.confidence, finding.operation]), [['api4.rate-limit', 'medium', 'confirmed', 'GET /me']]);
  assert.match(report.findings[0]?.message ?? '', /^60 concurrent requests as alice in [\d.]+ s \(about \d+\/s;/);
});

test('a limit of 20/s answers 429 within the burst: no finding', async () => {
  assert.deepEqual((await scan(20, 1000)).findings, []);
});

test('a scan rate too slow for a burst proves nothing: tentative (info), saying why', async () => {
  const report = await scan(Infinity, 20);
  assert.deepEqual(report.findings.map((finding) => [finding.severity, finding.confidence]), [['info', 'tentative']]);
  assert.match(report.findings[0]?.message ?? '', /--rate spaced them to about \d+\/s/);
});
