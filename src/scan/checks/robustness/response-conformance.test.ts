import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import { runScan } from '../../run-scan.js';
import { responseConformance } from './response-conformance.js';

/** Path → [status, content type, body] the server answers. */
const ANSWERS: Readonly<Record<string, readonly [number, string, string]>> = {
  '/string-for-integer': [200, 'application/json', '{"id":1,"stock":"3"}'],
  '/missing-required': [200, 'application/json; charset=utf-8', '{"id":1}'],
  '/undeclared-status': [203, 'application/json', '{"id":1,"stock":3}'],
  '/undeclared-type': [200, 'text/html', '<p>1</p>'],
  '/not-json': [200, 'application/json', '{"id":1,'],
  '/conforming': [200, 'application/json', '{"id":1,"stock":3}'],
  // An extra property, a write-only one: data exposure, the API3 checks' business, not this one's.
  '/extra-property': [200, 'application/json', '{"id":1,"stock":3,"password":"x","internal":true}'],
};
let target: URL;
const server = createServer((request, response) => {
  request.resume();
  const [status, type, body] = ANSWERS[request.url ?? ''] ?? [404, 'text/plain', ''];
  response.writeHead(status, { 'content-type': type }).end(body);
});
before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  target = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
after(() => server.close());

const schema = {
  type: 'object', additionalProperties: false, required: ['id', 'stock'],
  properties: { id: { type: 'integer' }, stock: { type: 'integer', minimum: 0 }, password: { type: 'string', writeOnly: true } },
};
const operation = { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } }, '404': { description: 'none' } } };
const document = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: Object.fromEntries(Object.keys(ANSWERS).map((path) => [path, { get: operation }])) };

it('robustness.response-conformance: reports invalid bodies, undeclared statuses and content types, nothing else', async () => {
  const api = buildApiModel({ source: 't.yaml', dialect: 'openapi-3.1', document });
  const report = await runScan({ api, spec: 't.yaml', target, identities: [], checks: [responseConformance], rate: 1000, maxRequests: 100, timeoutMs: 5000, allowDestructive: false, signal: new AbortController().signal });
  const found = Object.fromEntries(report.findings.map((finding) => [finding.operation.slice('GET '.length), finding.message]));
  assert.deepEqual(Object.keys(found).sort(), ['/missing-required', '/not-json', '/string-for-integer', '/undeclared-status', '/undeclared-type']);
  assert.match(found['/string-for-integer'] ?? '', /body\.\$\.stock must be integer/);
  assert.match(found['/missing-required'] ?? '', /body\.\$\.stock is required/);
  assert.match(found['/undeclared-status'] ?? '', /status 203 is not declared/);
  assert.match(found['/undeclared-type'] ?? '', /`text\/html` is not one of the declared application\/json/);
  assert.ok(report.findings.every((finding) => finding.severity === 'low' && finding.confidence === 'confirmed' && finding.evidence.length === 1));
  assert.equal(report.requestsSent, Object.keys(ANSWERS).length, 'the baselines are the evidence: no request of its own');
});
