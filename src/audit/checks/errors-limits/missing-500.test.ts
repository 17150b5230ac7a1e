import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { missing500Check } from './missing-500.js';

test('OpenAPI 3.0: no 500, a 500 without content (once per definition), and 5XX/default alone', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
    post:
      responses: { '201': { description: ok }, '500': { $ref: '#/components/responses/Internal' } }
    put:
      responses: { '200': { description: ok }, '500': { $ref: '#/components/responses/Internal' } }
    patch:
      responses: { '200': { description: ok }, '5XX': { description: e }, default: { description: e } }
    delete:
      responses:
        '204': { description: ok }
        '500': { description: e, content: { application/json: { schema: { type: object } } } }
components:
  responses:
    Internal: { description: internal error }
`;
  const findings = runCheck(missing500Check, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1a/get/responses',
    '/paths/~1a/patch/responses',
    '/components/responses/Internal',
  ]);
  assert.equal(findings[0]!.message, 'GET /a: no 500 response');
  assert.match(findings[1]!.message, /^PATCH \/a: no 500 response of its own \(only `5XX` and `default`/);
  assert.equal(findings[2]!.message, 'PUT /a 500 response (shared by 2 operations): describes no body, so the error format of internal failures is undefined');
});

test('OpenAPI 3.1: a documented 500 reports nothing', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok }
        '500': { description: e, content: { application/problem+json: { schema: { type: object } } } }
`;
  assert.deepEqual(findingPointers(missing500Check, text), []);
});

test('Swagger 2.0: the body is the response schema', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok }, '500': { description: e } }
    post:
      responses: { '200': { description: ok }, '500': { description: e, schema: { type: object } } }
    put:
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(missing500Check, text).sort(), ['/paths/~1a/get/responses/500', '/paths/~1a/put/responses']);
});
