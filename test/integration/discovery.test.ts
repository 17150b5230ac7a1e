// Discovery in a running gateway: the stage samples real requests, the inventory learns templates,
// parameters, schemas, auth and sensitive fields, the admin API shows it, the collector accepts
// samples from elsewhere (with its own token), and the inventory survives a restart.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startGateway } from '../../src/gateway/index.js';
import { loadGatewayConfig } from '../../src/gateway/index.js';
import { createLogger } from '../../src/core/logger.js';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';
import type { OperationView } from '../../src/discovery/index.js';

const TOKEN = 'collector-token-0123456789abcdef0123';
let upstream: TestUpstream;
let gateway: TestGateway;

before(async () => {
  upstream = await startUpstream((req, res) => {
    const id = /^\/api\/orders\/(\d+)/.exec(req.url ?? '')?.[1];
    const body = id === undefined ? { created: true } : { id: Number(id), email: `buyer${id}@example.com`, total: 12.5, status: Number(id) % 2 === 0 ? 'paid' : 'open' };
    const text = JSON.stringify(body);
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  gateway = await startTestGateway([
    listenerYaml(),
    'stages:\n  discovery: { sampleRate: 1 }',
    `discovery: { collectorToken: ${TOKEN}, saveInterval: 1h }`,
    'routes:',
    route('shop', upstream.url),
  ].join('\n'));
});

after(async () => {
  await gateway.close();
  await upstream.close();
});

async function inventory(): Promise<OperationView[]> {
  await gateway.running.discovery!.flush();
  const response = await fetch(`${gateway.adminUrl}/discovery/inventory`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { operations: OperationView[] }).operations;
}

test('requests through the gateway become an inventory: templates, parameters, schemas, auth and masked sensitive fields', async () => {
  for (let id = 1; id <= 25; id++) {
    const response = await fetch(`${gateway.url}/api/orders/${id}?expand=items`, { headers: { 'x-api-key': 'k-123' } });
    assert.equal(response.status, 200);
    await response.arrayBuffer();
  }
  const created = await fetch(`${gateway.url}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'A-1', quantity: 2 }) });
  assert.equal(created.status, 201);
  await created.arrayBuffer();

  const operations = await inventory();
  const get = operations.find((operation) => operation.method === 'GET')!;
  assert.match(get.template, /^\/api\/orders\/\{[a-zA-Z]+\}$/);
  assert.equal(get.calls, 25);
  assert.deepEqual(get.auth.map((auth) => `${auth.kind} ${auth.in} ${auth.name}`), ['api-key header x-api-key']);
  assert.ok(get.parameters.some((parameter) => parameter.in === 'query' && parameter.name === 'expand'));
  const response = get.responses.find((each) => each.status === '200')!;
  assert.equal((response.schema as { properties: Record<string, { format?: string }> }).properties.email!.format, 'email');
  assert.deepEqual(get.sensitive.map((field) => `${field.name}:${field.types.join()}`), ['/email:email']);
  assert.ok(!JSON.stringify(operations).includes('buyer7@example.com'), 'no raw value');
  const post = operations.find((operation) => operation.method === 'POST')!;
  assert.equal(post.template, '/api/orders');
  assert.deepEqual(Object.keys((post.requestBodies[0]!.schema as { properties: object }).properties), ['sku', 'quantity']);
});

test('the collector takes samples from elsewhere with its own token, and names bad ones', async () => {
  const samples = [
    { method: 'GET', path: '/internal/reports/2024-01-31', status: 200, host: 'reports.internal', requestHeaders: { Authorization: 'Basic dTpw' } },
    { method: 'GET', path: 'no-slash', status: 200 },
    { method: 'GET', path: '/x', status: 999 },
  ];
  const post = (token: string, body: string, type = 'application/json'): Promise<Response> => fetch(`${gateway.adminUrl}/discovery/samples`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  const refused = await post('wrong-token-wrong-token-wrong-token', JSON.stringify(samples));
  assert.equal(refused.status, 401);
  assert.equal(refused.headers.get('content-type'), 'application/problem+json');
  const accepted = await post(TOKEN, JSON.stringify(samples));
  assert.equal(accepted.status, 202);
  const result = await accepted.json() as { accepted: number; rejected: number; problems: { index: number; problem: string }[] };
  assert.equal(result.accepted, 1);
  assert.equal(result.rejected, 2);
  assert.deepEqual(result.problems.map((each) => each.index), [1, 2]);
  assert.match(result.problems[0]!.problem, /^\/path/);
  const lines = await post(TOKEN, `${JSON.stringify(samples[0])}\n{not json\n`, 'application/x-ndjson');
  assert.equal(lines.status, 400);
  assert.match(((await lines.json()) as { detail: string }).detail, /line 2/);
  const notArray = await post(TOKEN, '{"method":"GET"}');
  assert.equal(notArray.status, 400);
  const wrongType = await post(TOKEN, '[]', 'text/plain');
  assert.equal(wrongType.status, 415);

  const report = (await inventory()).find((operation) => operation.host === 'reports.internal');
  assert.ok(report !== undefined);
  assert.match(report.template, /^\/internal\/reports\/\{[a-zA-Z]+\}$/, 'a date segment is a parameter at once');
  assert.deepEqual(report.auth.map((auth) => auth.kind), ['basic']);
});

test('the inventory is saved and read back by the next gateway process on the same database', async () => {
  const before = await inventory();
  const config = loadGatewayConfig(gateway.configFile);
  const second = await startGateway({ config: { ...config, admin: { ...config.admin, enabled: false }, server: { ...config.server, listeners: [{ ...config.server.listeners[0]!, port: 0 }] } }, logger: createLogger({ level: 'silent' }), watch: false });
  try {
    const restored = second.discovery!.discovery.views();
    assert.deepEqual(restored.map((view) => `${view.method} ${view.template} ${view.calls}`), before.map((view) => `${view.method} ${view.template} ${view.calls}`));
  } finally {
    await second.close();
  }
});
