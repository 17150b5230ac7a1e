import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { functionLevelScopeReuseCheck } from './function-level-scope-reuse.js';

const SCHEMES = `
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: { orders:read: r, orders:write: w } }
`;

test('OpenAPI 3.0: writes requiring exactly the read scopes of the same path', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
security: [{ oauth: [orders:read] }]
paths:
  /orders:
    get: { responses: { '200': { description: ok } } }
    post: { responses: { '201': { description: ok } } }
  /orders/{id}:
    get: { responses: { '200': { description: ok } } }
    delete: { security: [{ oauth: [orders:write] }], responses: { '204': { description: ok } } }
    put: { security: [{ oauth: [orders:read, orders:write] }], responses: { '200': { description: ok } } }
${SCHEMES}`;
  assert.deepEqual(runCheck(functionLevelScopeReuseCheck, text), [
    { pointer: '/paths/~1orders/post', message: 'POST /orders: requires the same scopes as GET /orders (`orders:read`)' },
  ]);
});

test('OpenAPI 3.1: alternatives compared in any order', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /orders:
    get: { security: [{ oauth: [orders:read] }, { key: [] }], responses: { '200': { description: ok } } }
    patch: { security: [{ key: [] }, { oauth: [orders:read] }], responses: { '200': { description: ok } } }
${SCHEMES}    key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(findingPointers(functionLevelScopeReuseCheck, text), ['/paths/~1orders/patch']);
});

test('Swagger 2.0: without scopes there is nothing to compare', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
security: [{ key: [] }]
paths:
  /orders:
    get: { responses: { '200': { description: ok } } }
    post: { responses: { '201': { description: ok } } }
securityDefinitions:
  key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(findingPointers(functionLevelScopeReuseCheck, text), []);
});
