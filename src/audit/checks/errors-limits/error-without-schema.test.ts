import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { errorWithoutSchemaCheck } from './error-without-schema.js';

test('OpenAPI 3.0: 4XX, 5XX and default responses without a body schema', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok }
        '400': { description: bad }
        '404': { $ref: '#/components/responses/NotFound' }
        '429': { description: left to missing-429 }
        '500': { description: e, content: { text/plain: {} } }
        '5XX': { description: e, content: { application/json: { schema: { $ref: '#/components/schemas/Error' } } } }
        default: { description: e }
    post:
      responses:
        '404': { $ref: '#/components/responses/NotFound' }
    head:
      responses:
        '404': { description: a HEAD response has no body }
components:
  responses:
    NotFound: { description: missing }
  schemas:
    Error: { type: object }
`;
  const findings = runCheck(errorWithoutSchemaCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1a/get/responses/400',
    '/components/responses/NotFound',
    '/paths/~1a/get/responses/500',
    '/paths/~1a/get/responses/default',
  ]);
  assert.equal(findings[0]!.message, 'GET /a 400 response: describes no body');
  assert.equal(findings[1]!.message, 'GET /a 404 response (shared by 2 operations): describes no body');
  assert.equal(findings[2]!.message, 'GET /a 500 response: describes a body without a schema');
});

test('OpenAPI 3.1: error responses with schemas report nothing', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '401': { description: e, content: { application/problem+json: { schema: { type: object } } } }
`;
  assert.deepEqual(findingPointers(errorWithoutSchemaCheck, text), []);
});

test('Swagger 2.0: a response schema is the body', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '403': { description: no }
        '404': { description: no, schema: { type: object } }
        '500': { description: left to missing-500 }
`;
  assert.deepEqual(findingPointers(errorWithoutSchemaCheck, text), ['/paths/~1a/get/responses/403']);
});
