import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { noSecurityDefinedCheck } from './no-security-defined.js';

test('OpenAPI 3.0: no scheme and no requirement', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get: { responses: { '200': { description: ok } } }
`;
  assert.deepEqual(runCheck(noSecurityDefinedCheck, text), [
    { pointer: '', message: 'the document defines no security scheme and no operation requires authentication' },
  ]);
});

test('OpenAPI 3.1: schemes defined but never required', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get: { security: [{}], responses: { '200': { description: ok } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
    bearer: { type: http, scheme: bearer }
`;
  assert.deepEqual(runCheck(noSecurityDefinedCheck, text), [
    { pointer: '/components/securitySchemes', message: 'security schemes `key`, `bearer` are defined but no operation requires any of them' },
  ]);
});

test('Swagger 2.0: one protected operation is enough; no operations, nothing to say', () => {
  const protectedOne = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get: { responses: { '200': { description: ok } } }
    post: { security: [{ key: [] }], responses: { '200': { description: ok } } }
securityDefinitions:
  key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(findingPointers(noSecurityDefinedCheck, protectedOne), []);
  const unused = protectedOne.replace("security: [{ key: [] }], ", '');
  assert.deepEqual(findingPointers(noSecurityDefinedCheck, unused), ['/securityDefinitions']);
  assert.deepEqual(findingPointers(noSecurityDefinedCheck, `swagger: '2.0'\ninfo: { title: t, version: '1' }\npaths: {}\n`), []);
});
