import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { numericSequentialIdPropertyCheck } from './numeric-sequential-id-property.js';

test('OpenAPI 3.0: integer id properties in request and response schemas; unused schemas and UUIDs are not', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                customer_id: { type: integer, format: int64 }
                paid: { type: integer }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Order' }
components:
  schemas:
    Order:
      type: object
      properties:
        id: { $ref: '#/components/schemas/Serial' }
        ownerID: { type: number, format: int64 }
        trackingId: { type: string, format: uuid }
    Serial: { type: integer }
    Unused: { type: object, properties: { id: { type: integer } } }
`;
  const findings = runCheck(numericSequentialIdPropertyCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer).sort(), [
    '/components/schemas/Order/properties/id',
    '/components/schemas/Order/properties/ownerID',
    '/paths/~1orders/post/requestBody/content/application~1json/schema/properties/customer_id',
  ]);
  assert.equal(findings.find((finding) => finding.pointer.endsWith('/id'))!.message, 'schema `Order`: property `id` is an integer identifier, which is easy to guess');
});

test('OpenAPI 3.1 and Swagger 2.0', () => {
  const openapi31 = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { userId: { type: [integer, 'null'] }, name: { type: integer } } }
`;
  assert.deepEqual(findingPointers(numericSequentialIdPropertyCheck, openapi31), ['/paths/~1a/get/responses/200/content/application~1json/schema/properties/userId']);
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, schema: { $ref: '#/definitions/Pet' } }
definitions:
  Pet: { type: object, properties: { id: { type: integer, format: int64 }, tag-id: { type: string } } }
`;
  assert.deepEqual(findingPointers(numericSequentialIdPropertyCheck, swagger), ['/definitions/Pet/properties/id']);
});
