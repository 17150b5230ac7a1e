import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { freeFormRequestObjectCheck } from './free-form-request-object.js';

test('OpenAPI 3.0: request objects with no properties and nothing closing them', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /things:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                settings: { type: object }
                extra: { type: object, additionalProperties: true }
                closed: { type: object, additionalProperties: false }
                labels: { type: object, additionalProperties: { type: string } }
                either: { type: object, oneOf: [{ $ref: '#/components/schemas/A' }] }
                merged: { allOf: [{ $ref: '#/components/schemas/A' }, { type: object }] }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object }
components:
  schemas:
    A: { type: object, properties: { a: { type: string } } }
    Unused: { type: object }
`;
  const findings = runCheck(freeFormRequestObjectCheck, text);
  const body = '/paths/~1things/post/requestBody/content/application~1json/schema';
  assert.deepEqual(findings.map((finding) => finding.pointer).sort(), [`${body}/properties/extra`, `${body}/properties/settings`]);
  assert.equal(findings.find((finding) => finding.pointer.endsWith('settings'))!.message, 'property `settings` is an object with no properties that accepts any field');
});

test('OpenAPI 3.1: a nullable object type list, unevaluatedProperties: false closes it', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    put:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                loose: { type: [object, 'null'] }
                closed: { type: object, unevaluatedProperties: false }
      responses: { '204': { description: ok } }
`;
  assert.deepEqual(findingPointers(freeFormRequestObjectCheck, text), ['/paths/~1a/put/requestBody/content/application~1json/schema/properties/loose']);
});

test('Swagger 2.0: a body parameter of bare type object', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    post:
      parameters:
        - { name: body, in: body, schema: { type: object } }
      responses: { '200': { description: ok } }
    put:
      parameters:
        - { name: body, in: body, schema: { type: object, properties: { a: { type: string } } } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(freeFormRequestObjectCheck, text), ['/paths/~1a/post/parameters/0/schema']);
});
