import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { missing403Check } from './missing-403.js';

test('OpenAPI 3.0: scoped operations need a 403 or 4XX; unscoped ones are not asked', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
security: [{ oauth: [read] }]
paths:
  /a:
    get: { responses: { '200': { description: ok } } }
    put: { responses: { '200': { description: ok }, '403': { description: forbidden } } }
    post: { responses: { '200': { description: ok }, '4xx': { description: client error } } }
    delete: { security: [{ key: [] }], responses: { '204': { description: ok } } }
    patch: { security: [{ key: [] }, { oauth: [write] }] }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
    oauth:
      type: oauth2
      flows:
        clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: { read: r, write: w } }
`;
  assert.deepEqual(runCheck(missing403Check, text), [
    { pointer: '/paths/~1a/get/responses', message: 'GET /a: requires scopes but has no 403 response' },
    { pointer: '/paths/~1a/patch', message: 'PATCH /a: requires scopes but has no 403 response' },
  ]);
});

test('OpenAPI 3.1: roles on a bearer scheme count as scopes', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      security: [{ bearer: [admin] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
`;
  assert.deepEqual(findingPointers(missing403Check, text), ['/paths/~1a/get/responses']);
});

test('Swagger 2.0', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      security: [{ oauth: [read] }]
      responses: { '200': { description: ok }, '403': { description: forbidden } }
    post:
      security: [{ oauth: [write] }]
      responses: { '200': { description: ok } }
securityDefinitions:
  oauth: { type: oauth2, flow: application, tokenUrl: 'https://a.example.com/token', scopes: { read: r, write: w } }
`;
  assert.deepEqual(findingPointers(missing403Check, text), ['/paths/~1a/post/responses']);
});
