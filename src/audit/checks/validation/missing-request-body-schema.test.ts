import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { missingRequestBodySchemaCheck } from './missing-request-body-schema.js';

test('OpenAPI 3.0: structured media types without schema, bodies without content, shared bodies once', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /users:
    post:
      requestBody:
        content:
          application/json: {}
          application/xml: { schema: { type: object } }
          image/png: {}
      responses: { '201': { description: ok } }
    put:
      requestBody: { $ref: '#/components/requestBodies/Loose' }
      responses: { '200': { description: ok } }
    patch:
      requestBody: { $ref: '#/components/requestBodies/Loose' }
      responses: { '200': { description: ok } }
  /empty:
    post:
      requestBody: { description: anything }
      responses: { '200': { description: ok } }
components:
  requestBodies:
    Loose:
      content:
        application/x-www-form-urlencoded: {}
`;
  const findings = runCheck(missingRequestBodySchemaCheck, text);
  assert.deepEqual(findings, [
    { pointer: '/components/requestBodies/Loose/content/application~1x-www-form-urlencoded', message: 'PUT /users: the request body media type `application/x-www-form-urlencoded` has no schema' },
    { pointer: '/paths/~1users/post/requestBody/content/application~1json', message: 'POST /users: the request body media type `application/json` has no schema' },
    { pointer: '/paths/~1empty/post/requestBody', message: 'POST /empty: the request body has no media type and no schema' },
  ]);
});

test('OpenAPI 3.1: binary uploads without schema are fine', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /files:
    put:
      requestBody:
        content:
          application/octet-stream: {}
      responses: { '204': { description: ok } }
    post:
      requestBody:
        content:
          multipart/form-data: {}
      responses: { '204': { description: ok } }
`;
  assert.deepEqual(findingPointers(missingRequestBodySchemaCheck, text), ['/paths/~1files/post/requestBody/content/multipart~1form-data']);
});

test('Swagger 2.0: a body parameter without schema; form fields are not bodies', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
consumes: [application/json, application/xml]
paths:
  /a:
    post:
      parameters:
        - { name: payload, in: body }
      responses: { '200': { description: ok } }
    put:
      parameters:
        - { name: payload, in: body, schema: { type: object } }
      responses: { '200': { description: ok } }
  /form:
    post:
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - { name: f, in: formData, type: string }
      responses: { '200': { description: ok } }
`;
  const findings = runCheck(missingRequestBodySchemaCheck, text);
  assert.deepEqual(findings, [{ pointer: '/paths/~1a/post/parameters/0', message: 'POST /a: the body parameter `payload` has no schema' }]);
});
