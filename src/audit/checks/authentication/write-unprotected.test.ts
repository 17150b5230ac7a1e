import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../check-harness.js';
import { writeUnprotectedCheck } from './write-unprotected.js';

test('OpenAPI 3.0: writes with no requirement, an empty list or only `{}`', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    post: { responses: { '201': { description: ok } } }
    put: { security: [], responses: { '200': { description: ok } } }
    patch: { security: [{}], responses: { '200': { description: ok } } }
    delete: { security: [{ key: [] }], responses: { '204': { description: ok } } }
    get: { responses: { '200': { description: ok } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
`;
  const findings = runCheck(writeUnprotectedCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/paths/~1a/put', '/paths/~1a/post', '/paths/~1a/patch']);
  assert.deepEqual(findings.map((finding) => finding.message), [
    'PUT /a: its `security` is an empty list, which turns authentication off',
    'POST /a: no security requirement applies',
    'PATCH /a: its `security` only allows anonymous calls (`{}`)',
  ]);
});

test('OpenAPI 3.1: the document requirement protects, an override with [] does not', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
security: [{ key: [] }]
paths:
  /a:
    post: { responses: { '201': { description: ok } } }
  /b:
    delete: { security: [], responses: { '204': { description: ok } } }
    put: { security: ['key'], responses: { '200': { description: ok } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(runCheck(writeUnprotectedCheck, text), [
    { pointer: '/paths/~1b/put', message: 'PUT /b: its `security` holds no requirement object' },
    { pointer: '/paths/~1b/delete', message: 'DELETE /b: its `security` is an empty list, which turns authentication off' },
  ]);
});

test('Swagger 2.0: an empty document requirement leaves writes open', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
security: []
paths:
  /a:
    post: { responses: { '201': { description: ok } } }
    put: { security: [{ key: [] }], responses: { '200': { description: ok } } }
securityDefinitions:
  key: { type: apiKey, in: header, name: X-Key }
`;
  const findings = runCheck(writeUnprotectedCheck, text);
  assert.deepEqual(findings, [{ pointer: '/paths/~1a/post', message: 'POST /a: the document\'s `security` is an empty list, which turns authentication off' }]);
});
