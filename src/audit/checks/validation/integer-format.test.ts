import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { integerFormatCheck } from './integer-format.js';

test('OpenAPI 3.0: integers without format', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: n, in: query, schema: { type: integer } }
        - { name: m, in: query, schema: { type: integer, format: int64 } }
      responses: { '200': { description: ok } }
components:
  schemas:
    Amount: { type: number }
`;
  const findings = runCheck(integerFormatCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/paths/~1a/get/parameters/0/schema']);
  assert.equal(findings[0]!.message, 'query parameter `n` is an integer with no format (int32 or int64)');
});

test('OpenAPI 3.1: type lists containing integer', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    A: { type: [integer, 'null'] }
    B: { type: [integer, 'null'], format: int32 }
`;
  assert.deepEqual(findingPointers(integerFormatCheck, text), ['/components/schemas/A']);
});

test('Swagger 2.0: parameters and response headers', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: n, in: query, type: integer, format: int32 }
      responses:
        '200':
          description: ok
          headers:
            X-Count: { type: integer }
`;
  assert.deepEqual(findingPointers(integerFormatCheck, text), ['/paths/~1a/get/responses/200/headers/X-Count']);
});
