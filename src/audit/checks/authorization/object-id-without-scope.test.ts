import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { objectIdWithoutScopeCheck } from './object-id-without-scope.js';
import { isIdName, templateNames } from './support/ids.js';

test('id names and path templates', () => {
  for (const name of ['id', 'ID', 'userId', 'user_id', 'user-id', 'accountID', 'uuid', 'orderUuid', 'XId']) assert.equal(isIdName(name), true, name);
  for (const name of ['name', 'VOID', 'valid', 'paid', 'slug', 'identity']) assert.equal(isIdName(name), false, name);
  assert.deepEqual(templateNames('/users/{userId}/orders/{order_id}.{format}'), ['userId', 'order_id', 'format']);
  assert.deepEqual(templateNames('/broken/{open'), []);
});

test('OpenAPI 3.0: object ids with no scope, or no authentication', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /users/{userId}:
    get:
      security: [{ key: [] }]
      responses: { '200': { description: ok } }
    delete:
      responses: { '204': { description: ok } }
    put:
      security: [{ oauth: [users:write] }]
      responses: { '200': { description: ok } }
  /users:
    get: { responses: { '200': { description: ok } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
    oauth:
      type: oauth2
      flows:
        clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: { users:write: w } }
`;
  assert.deepEqual(runCheck(objectIdWithoutScopeCheck, text), [
    { pointer: '/paths/~1users~1{userId}/get', message: 'GET /users/{userId}: addresses an object by `userId` and requires no scope or role: make sure the caller\'s access to that object is checked' },
    { pointer: '/paths/~1users~1{userId}/delete', message: 'DELETE /users/{userId}: addresses an object by `userId` and requires no authentication: make sure the caller\'s access to that object is checked' },
  ]);
});

test('OpenAPI 3.1 and Swagger 2.0: roles count as scopes; names that are not ids are not asked', () => {
  const oas31 = `
openapi: 3.1.0
info: { title: t, version: '1' }
security: [{ bearer: [owner] }]
paths:
  /orgs/{org_id}/files/{name}:
    get: { responses: { '200': { description: ok } } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
`;
  assert.deepEqual(findingPointers(objectIdWithoutScopeCheck, oas31), []);
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /files/{name}:
    get: { responses: { '200': { description: ok } } }
  /orders/{id}:
    get: { responses: { '200': { description: ok } } }
`;
  assert.deepEqual(findingPointers(objectIdWithoutScopeCheck, swagger), ['/paths/~1orders~1{id}/get']);
});
