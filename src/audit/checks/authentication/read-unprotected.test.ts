import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { readUnprotectedCheck } from './read-unprotected.js';

test('OpenAPI 3.0: GET and HEAD without authentication; writes are not this check\'s', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get: { responses: { '200': { description: ok } } }
    head: { security: [{}], responses: { '200': { description: ok } } }
    post: { responses: { '201': { description: ok } } }
  /b:
    get: { security: [{}, { key: [] }], responses: { '200': { description: ok } } }
    head: { security: [{ key: [] }], responses: { '200': { description: ok } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
`;
  const findings = runCheck(readUnprotectedCheck, text);
  assert.deepEqual(findings, [
    { pointer: '/paths/~1a/get', message: 'GET /a: no security requirement applies' },
    { pointer: '/paths/~1a/head', message: 'HEAD /a: its `security` only allows anonymous calls (`{}`)' },
  ]);
});

test('OpenAPI 3.1: a document requirement protects reads; `security: []` opens one', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
security: [{ bearer: [] }]
paths:
  /a:
    get: { responses: { '200': { description: ok } } }
  /health:
    get: { security: [], responses: { '200': { description: ok } } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
`;
  assert.deepEqual(findingPointers(readUnprotectedCheck, text), ['/paths/~1health/get']);
});

test('Swagger 2.0: protected reads report nothing', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
security: [{ key: [] }]
paths:
  /a:
    get: { responses: { '200': { description: ok } } }
securityDefinitions:
  key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(findingPointers(readUnprotectedCheck, text), []);
});
