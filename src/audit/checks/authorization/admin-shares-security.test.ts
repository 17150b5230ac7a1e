import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { adminSharesSecurityCheck } from './admin-shares-security.js';

test('OpenAPI 3.0: admin requirements equal to ordinary ones, whatever the scope order', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /users:
    get:
      security: [{ oauth: [read, write] }]
      responses: { '200': { description: ok } }
  /admin/users:
    get:
      security: [{ oauth: [admin] }, { oauth: [write, read] }]
      responses: { '200': { description: ok } }
    delete:
      security: [{ oauth: [admin] }]
      responses: { '204': { description: ok } }
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: { read: r, write: w, admin: a } }
`;
  assert.deepEqual(runCheck(adminSharesSecurityCheck, text), [{
    pointer: '/paths/~1admin~1users/get/security/1',
    message: 'GET /admin/users: the requirement `oauth` (write, read) is also accepted by non-admin operations (GET /users)',
  }]);
});

test('OpenAPI 3.1: an admin operation inheriting the document requirement that others use', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
security: [{ bearer: [] }]
paths:
  /items:
    get: { responses: { '200': { description: ok } } }
  /v1/administration/reset:
    post: { responses: { '204': { description: ok } } }
  /v1/admin/stats:
    get:
      security: [{ mtls: [] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
    mtls: { type: mutualTLS }
`;
  assert.deepEqual(runCheck(adminSharesSecurityCheck, text), [{
    pointer: '/paths/~1v1~1administration~1reset/post',
    message: 'POST /v1/administration/reset: inherits the document\'s security requirement, which non-admin operations accept too (GET /items)',
  }]);
});

test('Swagger 2.0: an admin path alone, or with its own scheme, reports nothing', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /admin/items:
    get: { security: [{ basic: [] }], responses: { '200': { description: ok } } }
  /items:
    get: { security: [{ key: [] }], responses: { '200': { description: ok } } }
securityDefinitions:
  basic: { type: basic }
  key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(findingPointers(adminSharesSecurityCheck, text), []);
  assert.deepEqual(findingPointers(adminSharesSecurityCheck, text.replace('[{ key: [] }]', '[{ basic: [] }]')), ['/paths/~1admin~1items/get/security/0']);
});
