import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import type { Identity } from '../../identity.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { massAssignment } from './mass-assignment.js';

/** How the tiny API treats PATCH /me: copies everything, refuses readOnly fields, or echoes without storing. */
type Mode = 'vulnerable' | 'fixed' | 'echo';

const userSchema = {
  type: 'object',
  properties: { id: { type: 'integer', readOnly: true }, role: { type: 'string', enum: ['user', 'admin'], readOnly: true }, isAdmin: { type: 'boolean', readOnly: true }, displayName: { type: 'string', maxLength: 40 } },
};
const answer = { 200: { description: 'ok', content: { 'application/json': { schema: userSchema } } } };
const document = {
  openapi: '3.1.0', info: { title: 'Accounts', version: '1' }, security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: { '/me': {
    get: { responses: answer },
    patch: { requestBody: { required: true, content: { 'application/json': { schema: userSchema } } }, responses: answer },
  } },
};
const api = buildApiModel({ source: 'accounts.yaml', dialect: 'openapi-3.1', document });
const alice: Identity = { name: 'alice', role: 'user', headers: { authorization: 'Bearer alice' }, query: {} };

let mode: Mode = 'vulnerable';
let account: Record<string, unknown> = {};
let server: Server;
let target: URL;

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  const send = (status: number, body: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (request.headers.authorization !== 'Bearer alice') return send(401, { title: 'who?' });
  if (request.method === 'GET') return send(200, account);
  const changes = JSON.parse(text) as Record<string, unknown>;
  if (mode === 'fixed' && Object.keys(changes).some((key) => key !== 'displayName')) return send(400, { title: 'read-only field' });
  if (mode === 'echo') return send(200, { ...account, ...changes });
  account = { ...account, ...changes };
  return send(200, account);
}

before(async () => {
  server = createServer((request, response) => void handle(request, response)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  target = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
after(() => server.close());

async function scan(as: Mode, allowDestructive = true): Promise<ScanReport> {
  mode = as;
  account = { id: 1, role: 'user', isAdmin: false, displayName: 'Alice' };
  return runScan({ api, spec: 'accounts.yaml', target, identities: [alice], checks: [massAssignment], rate: 1000, maxRequests: 100, timeoutMs: 2000, allowDestructive, signal: new AbortController().signal });
}

test('readOnly role and isAdmin stored by PATCH: confirmed critical, shown by the next read, then restored', async () => {
  const report = await scan('vulnerable');
  assert.deepEqual(report.findings.map((finding) => [finding.checkId, finding.severity, finding.confidence, finding.operation]), [['api3.mass-assignment', 'critical', 'confirmed', 'PATCH /me']]);
  assert.match(report.findings[0]?.message ?? '', /role="admin", isAdmin=true/);
  assert.deepEqual(report.findings[0]?.evidence.map((exchange) => exchange.request.method), ['GET', 'PATCH', 'GET']);
  assert.deepEqual([account.role, account.isAdmin], ['user', false], 'the account is put back');
});

test('nothing when the API refuses readOnly fields, or only echoes them without storing', async () => {
  assert.deepEqual((await scan('fixed')).findings, []);
  assert.deepEqual((await scan('echo')).findings, []);
});

test('safe mode sends no PATCH', async () => {
  const report = await scan('vulnerable', false);
  assert.deepEqual(report.findings, []);
  assert.equal(account.role, 'user');
});
