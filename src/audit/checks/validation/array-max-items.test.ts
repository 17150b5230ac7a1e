import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { arrayMaxItemsCheck } from './array-max-items.js';

test('OpenAPI 3.0: arrays without maxItems in bodies, parameters and components', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /orders:
    post:
      parameters:
        - { name: ids, in: query, schema: { type: array, items: { type: integer } } }
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                lines: { type: array, maxItems: 50, items: { $ref: '#/components/schemas/Line' } }
      responses: { '204': { description: ok } }
components:
  schemas:
    Line:
      type: object
      properties:
        notes: { type: array, items: { type: string } }
`;
  const findings = runCheck(arrayMaxItemsCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer).sort(), [
    '/components/schemas/Line/properties/notes',
    '/paths/~1orders/post/parameters/0/schema',
  ]);
  assert.equal(findings.find((finding) => finding.pointer.endsWith('notes'))!.message, 'property `notes` is an array with no maxItems');
});

test('OpenAPI 3.1: type lists containing array', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    Maybe: { type: [array, 'null'], items: { type: string } }
    Bounded: { type: [array, 'null'], maxItems: 3 }
`;
  assert.deepEqual(findingPointers(arrayMaxItemsCheck, text), ['/components/schemas/Maybe']);
});

test('Swagger 2.0: array parameters are their own schema', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: tags, in: query, type: array, items: { type: string } }
        - { name: ok, in: query, type: array, maxItems: 5, items: { type: string } }
      responses:
        '200': { description: ok, schema: { type: array, items: { type: string } } }
`;
  const findings = runCheck(arrayMaxItemsCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer).sort(), ['/paths/~1a/get/parameters/0', '/paths/~1a/get/responses/200/schema']);
  assert.equal(findings.find((finding) => finding.pointer.endsWith('/schema'))!.message, 'the 200 response of GET /a is an array with no maxItems (in responses only)');
  assert.equal(findings.find((finding) => finding.pointer.endsWith('/0'))!.message, 'query parameter `tags` is an array with no maxItems');
});

test('bounded arrays report nothing', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    A: { type: array, maxItems: 1, items: { type: string } }
`;
  assert.deepEqual(findingPointers(arrayMaxItemsCheck, text), []);
});
