import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildApiModel, loadApiDocument, type ApiModel } from '../../contract/index.js';
import { compareWithDocuments, type SchemaDifference } from './compare-documents.js';
import type { JsonSchema, OperationView } from './operation-view.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-compare-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CURRENT = `
openapi: 3.1.0
info: { title: Users, version: '2' }
servers: [{ url: https://api.example.com/v2 }]
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer } }
        - { name: fields, in: query, schema: { type: string } }
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: object, properties: { id: { type: integer } } } } }
  /users/me:
    get: { operationId: getMe, responses: { '200': { description: ok } } }
  /users:
    post: { operationId: createUser, responses: { '201': { description: created } } }
  /legacy:
    get: { operationId: legacy, deprecated: true, responses: { '200': { description: ok } } }
`;
const PREVIOUS = `
openapi: 3.0.3
info: { title: Users, version: '1' }
servers: [{ url: /v2 }]
paths:
  /old-report:
    get: { operationId: oldReport, responses: { '200': { description: ok } } }
`;

let current: ApiModel;
let previous: ApiModel;
before(async () => {
  writeFileSync(join(dir, 'current.yaml'), CURRENT);
  writeFileSync(join(dir, 'previous.yaml'), PREVIOUS);
  current = buildApiModel(await loadApiDocument(join(dir, 'current.yaml')));
  previous = buildApiModel(await loadApiDocument(join(dir, 'previous.yaml')));
});

function view(method: string, template: string, overrides: Partial<OperationView> = {}): OperationView {
  return {
    host: 'api.example.com', method, template, firstSeen: '2026-11-20T10:00:00.000Z', lastSeen: '2026-11-20T11:00:00.000Z', calls: 4, statuses: { 200: 4 },
    consumers: 1, consumersCapped: false, unauthenticatedCalls: 0, auth: [], parameters: [], requestBodies: [], responses: [], sensitive: [], ...overrides,
  };
}

/** A stand-in comparison that reports differing top-level types, to see drift wired to the right places. */
function typesDiffer(documented: JsonSchema, observed: JsonSchema): SchemaDifference[] {
  return documented.type === observed.type ? [] : [{ pointer: '', kind: 'type-mismatch', documented: String(documented.type), observed: String(observed.type) }];
}

test('documented, shadow, zombie (deprecated and removed) operations, and the documented ones never called', () => {
  const views = [
    view('GET', '/v2/users/{userId}'),
    view('GET', '/v2/users/me'),
    view('GET', '/v2/legacy', { calls: 7 }),
    view('GET', '/v2/old-report', { calls: 2 }),
    view('GET', '/v2/admin/export'),
  ];
  const result = compareWithDocuments(views, [current], { previous: [previous] });
  assert.deepEqual(result.operations.map((each) => [each.view.template, each.status, each.zombieReason ?? '', each.documented?.operationId ?? '']), [
    ['/v2/users/{userId}', 'documented', '', 'getUser'],
    ['/v2/users/me', 'documented', '', 'getMe'],
    ['/v2/legacy', 'zombie', 'deprecated', 'legacy'],
    ['/v2/old-report', 'zombie', 'removed', 'oldReport'],
    ['/v2/admin/export', 'shadow', '', ''],
  ]);
  assert.deepEqual(result.unused.map((each) => each.operationId), ['createUser']);
});

test('shadow parameters: undocumented ones, not path parameters, credentials or ignored headers', () => {
  const [compared] = compareWithDocuments([view('GET', '/v2/users/{userId}', {
    auth: [{ kind: 'api-key', in: 'query', name: 'api_key', calls: 4, issuers: [], scopes: [] }],
    parameters: [
      { in: 'path', name: 'userId', required: true, schema: { type: 'integer' }, calls: 4 },
      { in: 'query', name: 'fields', required: false, schema: { type: 'string' }, calls: 1 },
      { in: 'query', name: 'debug', required: false, schema: { type: 'boolean' }, calls: 2 },
      { in: 'query', name: 'api_key', required: true, schema: { type: 'string' }, calls: 4 },
      { in: 'header', name: 'user-agent', required: true, schema: { type: 'string' }, calls: 4 },
      { in: 'header', name: 'x-internal-user', required: false, schema: { type: 'string' }, calls: 1 },
    ],
  })], [current], { ignoredHeaders: new Set(['user-agent']) }).operations;
  assert.deepEqual(compared!.shadowParameters, [{ in: 'query', name: 'debug', calls: 2 }, { in: 'header', name: 'x-internal-user', calls: 1 }]);
});

test('drift is reported where documented and observed schemas differ, named by place', () => {
  const [compared] = compareWithDocuments([view('GET', '/v2/users/{userId}', {
    parameters: [{ in: 'query', name: 'fields', required: false, schema: { type: 'array' }, calls: 1 }],
    responses: [{ status: '200', contentType: 'application/json', calls: 4, schema: { type: 'array' } }],
  })], [current], { compareSchemas: typesDiffer }).operations;
  assert.deepEqual(compared!.drift.map((each) => `${each.where}: ${each.documented ?? ''} → ${each.observed ?? ''}`), ['response 200 application/json: object → array', 'query fields: string → array']);
});
