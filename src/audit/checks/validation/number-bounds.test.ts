import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { numberBoundsCheck } from './number-bounds.js';

const openapi30 = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /transfers:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                amount: { type: number, minimum: 0 }
                rate: { type: number, minimum: 0, maximum: 1 }
                fee: { type: number, enum: [0.5, 1] }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { balance: { type: number } } }
`;

test('OpenAPI 3.0: request numbers without both bounds; response numbers are not read', () => {
  const findings = runCheck(numberBoundsCheck, openapi30);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/paths/~1transfers/post/requestBody/content/application~1json/schema/properties/amount']);
  assert.equal(findings[0]!.message, 'property `amount` is a number with no maximum');
});

test('OpenAPI 3.1: numeric exclusive bounds count', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: x, in: query, schema: { type: [number, 'null'], exclusiveMinimum: 0, exclusiveMaximum: 1 } }
        - { name: y, in: query, schema: { type: number, exclusiveMinimum: 0 } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(numberBoundsCheck, text), ['/paths/~1a/get/parameters/1/schema']);
});

test('Swagger 2.0: number parameters', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: lat, in: query, type: number, minimum: -90, maximum: 90 }
        - { name: zoom, in: query, type: number }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(numberBoundsCheck, text), ['/paths/~1a/get/parameters/1']);
});
