import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { httpBasicCheck } from './http-basic.js';

test('OpenAPI 3.0: http basic, whatever the case; bearer is fine', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    basicAuth: { type: http, scheme: basic }
    loud: { type: http, scheme: Basic }
    bearer: { type: http, scheme: bearer }
    odd: { type: apiKey, in: header, name: X-Key, scheme: basic }
`;
  assert.deepEqual(runCheck(httpBasicCheck, text), [
    { pointer: '/components/securitySchemes/basicAuth', message: 'security scheme `basicAuth` uses HTTP Basic authentication' },
    { pointer: '/components/securitySchemes/loud', message: 'security scheme `loud` uses HTTP Basic authentication' },
    { pointer: '/components/securitySchemes/odd', message: 'security scheme `odd` names `basic` as its scheme (HTTP Basic authentication)' },
  ]);
});

test('OpenAPI 3.1: a referenced scheme is reported at its definition', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    user: { $ref: '#/components/securitySchemes/shared' }
    shared: { type: http, scheme: basic }
`;
  assert.deepEqual(findingPointers(httpBasicCheck, text), ['/components/securitySchemes/shared']);
});

test('Swagger 2.0: type basic', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
securityDefinitions:
  basic: { type: basic }
  key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(findingPointers(httpBasicCheck, text), ['/securityDefinitions/basic']);
});
