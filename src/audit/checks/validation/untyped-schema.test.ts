import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { untypedSchemaCheck } from './untyped-schema.js';

test('OpenAPI 3.0: untyped request values; compositions, branches, enums and responses are not', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    post:
      parameters:
        - { name: q, in: query, schema: { description: anything } }
      requestBody:
        content:
          application/json:
            schema:
              properties:
                note: {}
                kind: { enum: [a, b] }
                any: { oneOf: [{ type: string }, { type: integer }] }
                merged:
                  allOf:
                    - { $ref: '#/components/schemas/Base' }
                    - { required: [id] }
                none: { not: { type: string } }
                nullable: { nullable: true }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { description: untyped response }
components:
  schemas:
    Base: { type: object, properties: { id: { type: string } } }
`;
  const findings = runCheck(untypedSchemaCheck, text);
  const body = '/paths/~1a/post/requestBody/content/application~1json/schema';
  assert.deepEqual(findings.map((finding) => finding.pointer).sort(), [
    '/paths/~1a/post/parameters/0/schema',
    body,
    `${body}/properties/note`,
    `${body}/properties/nullable`,
  ]);
  assert.equal(findings.find((finding) => finding.pointer === body)!.message, 'the POST /a request body (application/json) has no type and accepts any JSON value (it lists properties: add type: object)');
});

test('OpenAPI 3.1: array items without type', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    put:
      requestBody:
        content:
          application/json:
            schema: { type: array, items: {}, maxItems: 3 }
      responses: { '204': { description: ok } }
`;
  assert.deepEqual(findingPointers(untypedSchemaCheck, text), ['/paths/~1a/put/requestBody/content/application~1json/schema/items']);
});

test('Swagger 2.0: an untyped body schema; untyped non-body parameters belong to parameter-without-schema', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    post:
      parameters:
        - { name: body, in: body, schema: { description: anything } }
        - { name: q, in: query }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(untypedSchemaCheck, text), ['/paths/~1a/post/parameters/0/schema']);
});
