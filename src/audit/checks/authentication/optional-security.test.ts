import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { optionalSecurityCheck } from './optional-security.js';

test('OpenAPI 3.0: a write offering `{}` next to a scheme', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    post: { security: [{ key: [] }, {}], responses: { '201': { description: ok } } }
    put: { security: [{}], responses: { '200': { description: ok } } }
    get: { security: [{}, { key: [] }], responses: { '200': { description: ok } } }
    delete: { security: [{ key: [] }], responses: { '204': { description: ok } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(runCheck(optionalSecurityCheck, text), [
    { pointer: '/paths/~1a/post', message: 'POST /a: the security requirement allows anonymous calls (`{}`) besides authenticated ones' },
  ]);
});

test('OpenAPI 3.1 and Swagger 2.0: an inherited optional requirement is reported on each write', () => {
  const oas31 = `
openapi: 3.1.0
info: { title: t, version: '1' }
security: [{ key: [] }, {}]
paths:
  /a:
    get: { responses: { '200': { description: ok } } }
    patch: { responses: { '200': { description: ok } } }
  /b:
    delete: { responses: { '204': { description: ok } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(findingPointers(optionalSecurityCheck, oas31), ['/paths/~1a/patch', '/paths/~1b/delete']);
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
security: [{ key: [] }]
paths:
  /a:
    post: { responses: { '201': { description: ok } } }
securityDefinitions:
  key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(findingPointers(optionalSecurityCheck, swagger), []);
});
