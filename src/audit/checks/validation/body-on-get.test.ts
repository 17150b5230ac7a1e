import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { bodyOnGetCheck } from './body-on-get.js';

const operations = (version: string): string => `
openapi: ${version}
info: { title: t, version: '1' }
paths:
  /search:
    get:
      requestBody: { $ref: '#/components/requestBodies/Filter' }
      responses: { '200': { description: ok } }
    post:
      requestBody: { $ref: '#/components/requestBodies/Filter' }
      responses: { '200': { description: ok } }
    delete:
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { '204': { description: ok } }
    head:
      responses: { '200': { description: ok } }
components:
  requestBodies:
    Filter: { content: { application/json: { schema: { type: object } } } }
`;

test('OpenAPI 3.0 and 3.1: the operation\'s requestBody, even when shared with a POST', () => {
  for (const version of ['3.0.3', '3.1.0']) {
    const findings = runCheck(bodyOnGetCheck, operations(version));
    assert.deepEqual(findings, [
      { pointer: '/paths/~1search/get/requestBody', message: 'GET /search declares a request body' },
      { pointer: '/paths/~1search/delete/requestBody', message: 'DELETE /search declares a request body' },
    ]);
  }
});

test('Swagger 2.0: body and form parameters on GET; the path-level body counts for each method', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: body, in: body, schema: { type: object } }
      responses: { '200': { description: ok } }
  /b:
    parameters:
      - { name: f, in: formData, type: string }
    get:
      responses: { '200': { description: ok } }
    post:
      responses: { '200': { description: ok } }
  /c:
    get:
      parameters:
        - { name: q, in: query, type: string }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(bodyOnGetCheck, text), ['/paths/~1a/get', '/paths/~1b/get']);
});
