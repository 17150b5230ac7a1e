import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { noResponsesCheck } from './no-responses.js';

test('OpenAPI 3.0: missing, empty, extension-only and non-object responses', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get: { summary: none }
    post:
      responses: {}
    put:
      responses: { x-note: nothing }
    delete:
      responses: []
    patch:
      responses: { '204': { description: ok } }
`;
  const findings = runCheck(noResponsesCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1a/get',
    '/paths/~1a/put/responses',
    '/paths/~1a/post/responses',
    '/paths/~1a/delete/responses',
  ]);
  assert.equal(findings[0]!.message, 'GET /a: no responses object');
  assert.equal(findings[1]!.message, 'PUT /a: the responses object lists no status');
  assert.equal(findings[3]!.message, 'DELETE /a: `responses` is not an object');
});

test('OpenAPI 3.1 and Swagger 2.0: documented operations report nothing', () => {
  const openapi = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { default: { description: any } }
`;
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
    post: {}
`;
  assert.deepEqual(findingPointers(noResponsesCheck, openapi), []);
  assert.deepEqual(findingPointers(noResponsesCheck, swagger), ['/paths/~1a/post']);
});
