import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiModel } from '../contract/index.js';
import type { ScanCheck } from './check.js';
import type { Identity } from './identity.js';
import { runScan, type RunScanOptions } from './run-scan.js';

let server: Server;
let target: URL;
before(async () => {
  server = createServer((incoming, response) => {
    incoming.resume();
    response.end(`{"echo":"${incoming.headers.authorization ?? ''}"}`);
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  target = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
after(() => server.close());

const operation = { method: 'GET', pathTemplate: '/orders/{id}', basePaths: [''], parameters: [], responses: [], security: [], deprecated: false, extensions: {}, pointer: '/paths/~1orders~1{id}/get' };
const api: ApiModel = { source: 'openapi.yaml', dialect: 'openapi-3.1', title: 'Shop', version: '1', operations: [operation], securitySchemes: {} };
const alice: Identity = { name: 'alice', role: 'user', headers: { authorization: 'Bearer alice-secret-token' }, query: {}, bearerToken: 'alice-secret-token' };

function check(id: string, run: ScanCheck['run']): ScanCheck {
  return { id, category: 'API1', title: `title of ${id}`, severity: 'high', remediation: 'fix it', run };
}

function options(checks: ScanCheck[], overrides: Partial<RunScanOptions> = {}): RunScanOptions {
  return { api, spec: 'openapi.yaml', target, identities: [alice], checks, rate: 1000, maxRequests: 10, timeoutMs: 2000, allowDestructive: false, signal: new AbortController().signal, ...overrides };
}

test('findings carry the check, masked evidence, and a tentative one is info', async () => {
  const proving = check('api1.proving', async (context) => {
    const exchange = await context.client.send({ method: 'GET', path: '/orders/1', identity: context.identities[0] });
    context.report({ operation, message: 'read', evidence: [exchange], confidence: 'confirmed' });
    context.report({ operation, message: 'maybe', evidence: [exchange], confidence: 'tentative', severity: 'critical' });
  });
  const failing = check('api1.failing', () => Promise.reject(new Error('bug in the check')));
  const report = await runScan(options([failing, proving]));
  assert.equal(report.isComplete, true);
  assert.deepEqual(report.findings.map((finding) => [finding.checkId, finding.severity, finding.operation]), [['api1.proving', 'high', 'GET /orders/{id}'], ['api1.proving', 'info', 'GET /orders/{id}']]);
  const evidence = JSON.stringify(report.findings[0]?.evidence);
  assert.ok(!evidence.includes('alice-secret-token') && evidence.includes('$BULWARK_ALICE_TOKEN'), 'credentials masked');
  assert.deepEqual(report.checks.map((info) => [info.id, info.isComplete]), [['api1.failing', false], ['api1.proving', true]]);
  assert.match(report.problems[0] ?? '', /api1\.failing failed: bug in the check/);
  assert.equal(report.requestsSent, 1);
  assert.deepEqual(report.identities, ['alice']);
});

test('a spent budget stops the scan: the report is partial and names what did not run', async () => {
  const greedy = check('api4.greedy', async (context) => {
    for (;;) await context.client.send({ method: 'GET', path: '/x' });
  });
  const later = check('api8.later', () => Promise.resolve());
  const report = await runScan(options([greedy, later], { maxRequests: 3 }));
  assert.equal(report.isComplete, false);
  assert.equal(report.stopReason, 'budget');
  assert.equal(report.requestsSent, 3);
  assert.deepEqual(report.checks.map((info) => [info.id, info.isComplete, info.note]), [
    ['api4.greedy', false, 'stopped: the request budget is spent'], ['api8.later', false, 'not run: the scan stopped (budget)'],
  ]);
});

test('an interruption keeps the findings so far', async () => {
  const controller = new AbortController();
  const first = check('api1.first', async (context) => {
    context.report({ message: 'found before Ctrl-C', evidence: [await context.client.send({ method: 'GET', path: '/a' })], confidence: 'confirmed' });
    controller.abort();
    await context.client.send({ method: 'GET', path: '/b' });
  });
  const report = await runScan(options([first], { signal: controller.signal }));
  assert.equal(report.stopReason, 'interrupted');
  assert.equal(report.findings.length, 1);
  assert.equal(report.findings[0]?.operation, '');
});
