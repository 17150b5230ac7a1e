import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { integerBoundsCheck } from './integer-bounds.js';

test('OpenAPI 3.0: minimum and maximum are both needed; a boolean exclusiveMinimum is no bound', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /items:
    get:
      parameters:
        - { name: limit, in: query, schema: { type: integer, minimum: 1 } }
        - { name: page, in: query, schema: { type: integer, minimum: 1, maximum: 1000 } }
        - { name: offset, in: query, schema: { type: integer, exclusiveMinimum: true, maximum: 10 } }
      responses: { '200': { description: ok } }
components:
  schemas:
    Count: { type: integer }
`;
  const findings = runCheck(integerBoundsCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer).sort(), [
    '/components/schemas/Count',
    '/paths/~1items/get/parameters/0/schema',
    '/paths/~1items/get/parameters/2/schema',
  ]);
  assert.equal(findings.find((finding) => finding.pointer.endsWith('/0/schema'))!.message, 'query parameter `limit` is an integer with no maximum');
  assert.match(findings.find((finding) => finding.pointer.endsWith('Count'))!.message, /no minimum and no maximum/);
});

test('OpenAPI 3.1: exclusive bounds count, both keywords on one side are reported, type lists are read', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    Exclusive: { type: integer, exclusiveMinimum: 0, exclusiveMaximum: 100 }
    Both: { type: integer, minimum: 0, exclusiveMinimum: 0, maximum: 5 }
    Listed: { type: [integer, 'null'], minimum: 0 }
    Fine: { type: [integer, 'null'], minimum: 0, maximum: 9 }
    Legacy: { type: integer, minimum: 0, maximum: 9, exclusiveMaximum: true }
    LegacyOnly: { type: integer, minimum: 0, exclusiveMaximum: true }
`;
  const findings = runCheck(integerBoundsCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/components/schemas/Both', '/components/schemas/Listed', '/components/schemas/Legacy', '/components/schemas/LegacyOnly']);
  assert.match(findings[0]!.message, /both minimum and exclusiveMinimum/);
  assert.match(findings[1]!.message, /no maximum or exclusiveMaximum/);
  assert.match(findings[2]!.message, /both maximum and exclusiveMaximum/);
  assert.match(findings[3]!.message, /a boolean exclusiveMaximum and no maximum/);
});

test('Swagger 2.0: integer parameters and their items', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: n, in: query, type: integer, format: int32 }
        - { name: ids, in: query, type: array, maxItems: 3, items: { type: integer, minimum: 1, maximum: 9 } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(integerBoundsCheck, text), ['/paths/~1a/get/parameters/0']);
});

test('bounded integers report nothing', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    A: { type: integer, minimum: 0, maximum: 10 }
    B: { type: number }
`;
  assert.deepEqual(findingPointers(integerBoundsCheck, text), []);
});
