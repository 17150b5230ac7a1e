import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { numericIdsCheck } from './numeric-ids.js';

test('OpenAPI 3.0: integer ids, reported at their schema, a shared schema once', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /users/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: integer, format: int64 } }
    get:
      parameters:
        - { name: account_id, in: query, schema: { $ref: '#/components/schemas/Serial' } }
        - { name: X-Tenant-Id, in: header, schema: { $ref: '#/components/schemas/Serial' } }
        - { name: sessionId, in: cookie, schema: { type: string, format: uuid } }
        - { name: page, in: query, schema: { type: integer } }
      responses: { '200': { description: ok } }
      callbacks:
        done:
          '{$request.query.url}':
            post:
              parameters:
                - { name: eventId, in: query, content: { application/json: { schema: { type: integer } } } }
              responses: { '200': { description: ok } }
components:
  schemas:
    Serial: { type: integer }
`;
  const findings = runCheck(numericIdsCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1users~1{id}/parameters/0/schema',
    '/components/schemas/Serial',
    '/paths/~1users~1{id}/get/callbacks/done/{$request.query.url}/post/parameters/0/content/application~1json/schema',
  ]);
  assert.equal(findings[1]!.message, 'the query parameter `account_id` is an integer id, which can be guessed and enumerated');
});

test('OpenAPI 3.1: type lists containing integer; string ids are fine', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /orders/{orderId}:
    get:
      parameters:
        - { name: orderId, in: path, required: true, schema: { type: [integer, 'null'] } }
        - { name: customerId, in: query, schema: { type: string, format: uuid } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(numericIdsCheck, text), ['/paths/~1orders~1{orderId}/get/parameters/0/schema']);
});

test('Swagger 2.0: inline types and body schemas', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /items/{itemId}:
    parameters:
      - { name: itemId, in: path, required: true, type: integer }
    post:
      parameters:
        - { name: id, in: body, schema: { type: integer } }
        - { name: ownerId, in: query, type: string }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(numericIdsCheck, text), ['/paths/~1items~1{itemId}/parameters/0', '/paths/~1items~1{itemId}/post/parameters/0/schema']);
});
