import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildApiModel, loadApiDocument } from '../../contract/index.js';
import type { OperationView } from '../inventory/operation-view.js';
import { exportOpenApi } from './export-openapi.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function view(overrides: Partial<OperationView>): OperationView {
  return {
    host: 'api.example.com', method: 'GET', template: '/users/{userId}', firstSeen: '2026-11-20T10:00:00.000Z', lastSeen: '2026-11-20T11:00:00.000Z',
    calls: 10, statuses: { 200: 9, 404: 1 }, consumers: 3, consumersCapped: false, unauthenticatedCalls: 0, auth: [], parameters: [], requestBodies: [], responses: [], sensitive: [],
    ...overrides,
  };
}

const views: OperationView[] = [
  view({
    auth: [{ kind: 'bearer-jwt', in: 'header', name: 'authorization', calls: 10, issuers: ['https://id.example.com/'], scopes: ['users:read'] }],
    parameters: [
      { in: 'path', name: 'userId', required: true, schema: { type: 'integer' }, calls: 10 },
      { in: 'query', name: 'fields', required: false, schema: { type: 'string' }, calls: 4 },
      { in: 'header', name: 'user-agent', required: true, schema: { type: 'string' }, calls: 10 },
      { in: 'header', name: 'x-tenant', required: true, schema: { type: 'string' }, calls: 10 },
    ],
    responses: [
      { status: '200', contentType: 'application/json', calls: 9, schema: { type: 'object', properties: { id: { type: 'integer' }, email: { type: 'string', format: 'email' } }, required: ['id'] } },
      { status: '404', contentType: '', calls: 1 },
    ],
    sensitive: [{ direction: 'response', in: 'body', name: '/email', types: ['email'], masked: 'a***@e***.com', calls: 9 }],
  }),
  view({
    method: 'POST', template: '/users', unauthenticatedCalls: 2,
    auth: [{ kind: 'api-key', in: 'header', name: 'x-api-key', calls: 3, issuers: [], scopes: [] }],
    parameters: [{ in: 'header', name: 'x-api-key', required: false, schema: { type: 'string' }, calls: 3 }],
    requestBodies: [{ contentType: 'application/json', calls: 5, schema: { type: 'object', properties: { name: { type: 'string' } } } }],
    responses: [{ status: '201', contentType: 'application/json', calls: 5, schema: { type: 'object' } }],
    calls: 5,
  }),
  view({ method: 'GET', template: '/users', calls: 0, responses: [] }),
];

test('the export is OpenAPI 3.1 that the gateway\'s own loader validates, with the learned operations', async () => {
  const document = exportOpenApi(views, { title: 'Users', version: '1' });
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const model = buildApiModel(await loadApiDocument(file));
  assert.equal(model.dialect, 'openapi-3.1');
  const ids = model.operations.map((operation) => `${operation.method} ${operation.pathTemplate} ${operation.operationId ?? ''}`).sort();
  assert.deepEqual(ids, ['GET /users getUsers', 'GET /users/{userId} getUsersByUserId', 'POST /users postUsers']);
  const getUser = model.operations.find((operation) => operation.operationId === 'getUsersByUserId')!;
  assert.deepEqual(getUser.parameters.map((parameter) => `${parameter.in}:${parameter.name}:${String(parameter.required)}`), ['path:userId:true', 'query:fields:false', 'header:x-tenant:true'], 'transport headers are not parameters');
  assert.deepEqual(getUser.security, [{ bearerJwt: ['users:read'] }]);
  assert.deepEqual(model.securitySchemes.bearerJwt, { type: 'http', scheme: 'bearer' });
});

test('credentials are security, not parameters; anonymous calls add the {} alternative; optional bodies are optional', () => {
  const document = exportOpenApi(views) as { paths: Record<string, Record<string, Record<string, unknown>>>; servers: unknown };
  const post = document.paths['/users']!.post!;
  assert.equal(post.parameters, undefined);
  assert.deepEqual(post.security, [{ 'apiKeyHeader_x-api-key': [] }, {}]);
  assert.deepEqual(post.requestBody, { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } });
  assert.deepEqual(document.servers, [{ url: 'https://api.example.com' }]);
  assert.deepEqual(document.paths['/users']!.get!.responses, { default: { description: 'Not observed.' } });
});

test('traffic facts name sensitive fields but carry no masked or raw value; they can be left out', () => {
  const text = JSON.stringify(exportOpenApi(views));
  assert.ok(text.includes('"sensitive":[{"direction":"response","in":"body","name":"/email","types":["email"]}]'));
  assert.ok(!text.includes('a***@e***.com'));
  assert.ok(!JSON.stringify(exportOpenApi(views, { withTrafficFacts: false })).includes('x-bulwark-discovery'));
});

test('operation ids are unique', () => {
  const twins = [view({ template: '/a-b' }), view({ template: '/a_b' }), view({ template: '/' })];
  const paths = (exportOpenApi(twins) as { paths: Record<string, { get: { operationId: string } }> }).paths;
  assert.deepEqual(Object.values(paths).map((item) => item.get.operationId).sort(), ['getAB', 'getAB2', 'getRoot']);
});
