import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import type { Identity } from '../../identity.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { excessiveDataExposure } from './excessive-data-exposure.js';

const publicUser = { type: 'object', additionalProperties: false, properties: { id: { type: 'integer' }, name: { type: 'string' } } };
const account = { type: 'object', properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' }, password: { type: 'string', writeOnly: true } } };
const json = (schema: unknown): Record<string, unknown> => ({ content: { 'application/json': { schema } } });
const document = {
  openapi: '3.1.0', info: { title: 'People', version: '1' }, security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/people': { post: { security: [], requestBody: { required: true, ...json(account) }, responses: { 201: { description: 'created', ...json(account) } } } },
    '/people/me': { get: { responses: { 200: { description: 'me', ...json(account) } } } },
    '/people/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: { 200: { description: 'one', ...json(publicUser) } } } },
    '/teams': { get: { responses: { 200: { description: 'a free-form map', ...json({ type: 'object', additionalProperties: { type: 'string' } }) } } } },
  },
};
const api = buildApiModel({ source: 'people.yaml', dialect: 'openapi-3.1', document });
const identities: Identity[] = ['alice', 'bob'].map((name) => ({ name, role: 'user', headers: { authorization: `Bearer ${name}` }, query: {} }));

let isFixed = false;
let server: Server;
let target: URL;
const people = new Map<number, Record<string, unknown>>([
  [1, { id: 1, name: 'alice', passwordHash: 'e3b0c44298fc1c149afbf4c8996fb924', taxIdNumber: '123-45-6789', nickname: 'al' }],
  [2, { id: 2, name: 'bob', passwordHash: '5e884898da28047151d0e56f8dc62927', taxIdNumber: '987-65-4321', nickname: 'bobby' }],
]);

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  const send = (status: number, body: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const caller = request.headers.authorization === 'Bearer bob' ? 2 : 1;
  if (request.method === 'POST') {
    const body = JSON.parse(text) as Record<string, unknown>;
    return send(201, isFixed ? { id: 9, name: body.name } : { id: 9, ...body });
  }
  if (request.url === '/people/me') return send(200, { id: caller, name: people.get(caller)?.name });
  if (request.url === '/teams') return send(200, { apiToken: 'not documented, but the map is free-form' });
  const person = people.get(Number(request.url?.split('/').at(-1)));
  if (person === undefined) return send(404, { title: 'no one' });
  // The nickname is undocumented too, but nothing sensitive: it must not be reported.
  return send(200, isFixed ? { id: person.id, name: person.name } : person);
}

before(async () => {
  server = createServer((request, response) => void handle(request, response)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  target = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
after(() => server.close());

function scan(fixed: boolean): Promise<ScanReport> {
  isFixed = fixed;
  return runScan({ api, spec: 'people.yaml', target, identities, checks: [excessiveDataExposure], rate: 1000, maxRequests: 100, timeoutMs: 2000, allowDestructive: false, signal: new AbortController().signal });
}

test('undocumented secrets in another user\'s record and an echoed writeOnly password: two distinct findings', async () => {
  const report = await scan(false);
  const summary = report.findings.map((finding) => [finding.operation, finding.severity, finding.confidence, finding.message.split(':')[0]]);
  assert.deepEqual(summary, [
    ['GET /people/{id}', 'high', 'confirmed', 'Undocumented sensitive fields in the 200 answer to alice (object 2, named by bob)'],
    ['POST /people', 'medium', 'confirmed', 'writeOnly fields echoed in the 201 answer to alice'],
  ]);
  assert.match(report.findings[0]?.message ?? '', /\/passwordHash \(by its name\), \/taxIdNumber \(by its name\)/);
  assert.doesNotMatch(report.findings[0]?.message ?? '', /nickname/);
  assert.match(report.findings[1]?.message ?? '', /\/password\b/);
});

test('nothing when answers keep to their schemas (a free-form map documents no field names)', async () => {
  assert.deepEqual((await scan(true)).findings, []);
});
