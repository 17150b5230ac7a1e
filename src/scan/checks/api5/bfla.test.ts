import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import type { Identity } from '../../identity.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { bfla } from './bfla.js';

const account = { type: 'object', properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string', pattern: '^[a-z0-9]{3,20}$' }, displayName: { type: 'string' }, role: { type: 'string', readOnly: true } } };
const json = (schema: unknown): Record<string, unknown> => ({ content: { 'application/json': { schema } } });
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const adminOnly = [{ bearer: ['admin'] }];
const document = {
  openapi: '3.1.0', info: { title: 'Accounts', version: '1' }, security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/accounts': { post: { security: [], requestBody: { required: true, ...json(account) }, responses: { 201: { description: 'created', ...json(account) } } } },
    '/accounts/me': { get: { responses: { 200: { description: 'me', ...json(account) } } } },
    '/accounts/{id}': { get: { parameters: id, responses: { 200: { description: 'one', ...json(account) } } } },
    '/admin/accounts': { get: { security: adminOnly, responses: { 200: { description: 'all' } } } },
    '/admin/accounts/{id}': { delete: { security: adminOnly, parameters: id, responses: { 204: { description: 'gone' } } } },
  },
};
const api = buildApiModel({ source: 'accounts.yaml', dialect: 'openapi-3.1', document });
const identities: Identity[] = [['alice', 'user'], ['bob', 'user'], ['root', 'admin']].map(([name = '', role]) => ({ name, role: role === 'admin' ? 'admin' : 'user', headers: { authorization: `Bearer ${name}` }, query: {} }));

let isFixed = false;
let accounts = new Map<number, Record<string, unknown>>();
const methodsSeen = new Set<string>();
/** `caller:id` per account deleted. */
const deletions: string[] = [];
let server: Server;
let target: URL;

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  methodsSeen.add(request.method ?? '');
  const send = (status: number, body?: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? undefined : JSON.stringify(body));
  const caller = [...accounts.values()].find((candidate) => `Bearer ${String(candidate.name)}` === request.headers.authorization);
  const path = request.url ?? '/';
  const subject = accounts.get(Number(path.split('/').at(-1)));
  if (request.method === 'POST') {
    const created = { ...(JSON.parse(text) as Record<string, unknown>), id: accounts.size + 10, role: 'user' };
    accounts.set(created.id, created);
    return send(201, created);
  }
  if (caller === undefined) return send(401, { title: 'who?' });
  const isDenied = isFixed && path.startsWith('/admin') && caller.role !== 'admin';
  if (isDenied) return send(403, { title: 'administrators only' });
  if (path === '/accounts/me') return send(200, caller);
  if (path === '/admin/accounts') return send(200, { items: [...accounts.values()] });
  if (subject === undefined) return send(404, { title: 'no such account' });
  if (request.method === 'GET') return send(200, subject);
  if (request.method === 'DELETE' && path.startsWith('/admin/')) {
    accounts.delete(Number(subject.id));
    deletions.push(`${String(caller.name)}:${String(subject.id)}`);
    return send(204);
  }
  // The undocumented PUT: routed by the vulnerable server only.
  if (request.method === 'PUT' && !isFixed) return send(200, Object.assign(subject, JSON.parse(text) as object));
  return send(405, { title: 'method not allowed' });
}

before(async () => {
  server = createServer((request, response) => void handle(request, response)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  target = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
after(() => server.close());

function scan(fixed: boolean, allowDestructive = true): Promise<ScanReport> {
  isFixed = fixed;
  accounts = new Map([[1, { id: 1, name: 'alice', role: 'user' }], [2, { id: 2, name: 'bob', role: 'user' }], [3, { id: 3, name: 'root', role: 'admin' }]]);
  methodsSeen.clear();
  deletions.length = 0;
  return runScan({ api, spec: 'accounts.yaml', target, identities, checks: [bfla], rate: 1000, maxRequests: 200, timeoutMs: 2000, allowDestructive, signal: new AbortController().signal });
}

test('admin list and delete open to a user, and an undocumented PUT: each confirmed, identities untouched', async () => {
  const report = await scan(false);
  const summary = report.findings.map((finding) => [finding.operation, finding.severity, finding.confidence]);
  assert.deepEqual(summary.sort(), [
    ['DELETE /admin/accounts/{id}', 'critical', 'confirmed'],
    ['GET /admin/accounts', 'high', 'confirmed'],
    ['PUT /accounts/{id}', 'critical', 'confirmed'],
  ].sort());
  assert.match(report.findings.find((finding) => finding.operation.startsWith('PUT'))?.message ?? '', /undocumented PUT .*created as another account.*role to "admin"/);
  assert.deepEqual([1, 2, 3].map((key) => accounts.get(key)?.role), ['user', 'user', 'admin'], 'the scan\'s own accounts are neither deleted nor changed');
  assert.deepEqual(deletions.map((deletion) => deletion.split(':')[0]), ['alice']);
});

test('403 to users and 405 for undocumented methods: nothing, and the refused throwaway is removed by the administrator', async () => {
  const report = await scan(true);
  assert.deepEqual(report.findings, []);
  assert.ok(methodsSeen.has('DELETE') && methodsSeen.has('PUT'));
  assert.equal(deletions.length, 1);
  assert.match(deletions[0] ?? '', /^root:(?!1$|2$|3$)\d+$/, 'only the throwaway, and by the administrator');
});

test('safe mode: no DELETE, PUT or PATCH, the list still compared', async () => {
  const report = await scan(false, false);
  assert.deepEqual(report.findings.map((finding) => finding.operation), ['GET /admin/accounts']);
  assert.deepEqual([...methodsSeen].sort(), ['GET', 'POST']);
});
