import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { requestObjectWithoutRequiredCheck } from './request-object-without-required.js';

const openapi30 = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/NewUser' }
      responses: { '201': { description: ok } }
  /users/{id}:
    patch:
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/UserPatch' }
      responses: { '200': { description: ok } }
    put:
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Full' }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { a: { type: string } } }
components:
  schemas:
    NewUser:
      type: object
      properties:
        name: { type: string }
        address: { type: object, properties: { street: { type: string } } }
    UserPatch: { type: object, properties: { name: { type: string } } }
    Full: { type: object, required: [name], properties: { name: { type: string } } }
`;

test('OpenAPI 3.0: request objects with properties and no required list; PATCH-only bodies and responses are not read', () => {
  const findings = runCheck(requestObjectWithoutRequiredCheck, openapi30);
  assert.deepEqual(findings.map((finding) => finding.pointer).sort(), ['/components/schemas/NewUser', '/components/schemas/NewUser/properties/address']);
  assert.equal(findings.find((finding) => finding.pointer === '/components/schemas/NewUser')!.message, 'schema `NewUser` lists 2 properties and requires none');
});

test('OpenAPI 3.1 and Swagger 2.0', () => {
  const openapi31 = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: [object, 'null'], properties: { a: { type: string } }, required: [] }
      responses: { '204': { description: ok } }
`;
  assert.deepEqual(findingPointers(requestObjectWithoutRequiredCheck, openapi31), ['/paths/~1a/post/requestBody/content/application~1json/schema']);
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    post:
      parameters:
        - { name: body, in: body, schema: { $ref: '#/definitions/In' } }
      responses: { '200': { description: ok } }
definitions:
  In: { type: object, properties: { a: { type: string } } }
  Unused: { type: object, properties: { a: { type: string } } }
`;
  assert.deepEqual(findingPointers(requestObjectWithoutRequiredCheck, swagger), ['/definitions/In']);
});
