import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { undefinedSchemeCheck } from './undefined-scheme.js';

test('OpenAPI 3.0: document and operation requirements naming undefined schemes, at their own index', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
security: [{ Bearer: [] }]
paths:
  /a:
    get:
      security: ['not an object', { key: [] }, { key: [], missing: [], other: [] }, {}]
      responses: { '200': { description: ok } }
    post:
      responses: { '201': { description: ok } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
    key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(runCheck(undefinedSchemeCheck, text), [
    { pointer: '/security/0', message: 'the document\'s security: the requirement names a scheme that is not defined: `Bearer`' },
    { pointer: '/paths/~1a/get/security/2', message: 'GET /a: the requirement names schemes that are not defined: `missing`, `other`' },
  ]);
});

test('OpenAPI 3.1: no schemes at all; callbacks are read too', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    post:
      responses: { '201': { description: ok } }
      callbacks:
        done:
          '{$request.query.url}':
            post:
              security: [{ hmac: [] }]
              responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(undefinedSchemeCheck, text), ['/paths/~1a/post/callbacks/done/{$request.query.url}/post/security/0']);
});

test('Swagger 2.0: securityDefinitions are the defined names', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
security: [{ key: [] }]
paths:
  /a:
    get: { security: [{ oauth: [] }], responses: { '200': { description: ok } } }
securityDefinitions:
  key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(findingPointers(undefinedSchemeCheck, text), ['/paths/~1a/get/security/0']);
  assert.deepEqual(findingPointers(undefinedSchemeCheck, text.replace('oauth: []', 'key: []')), []);
});
