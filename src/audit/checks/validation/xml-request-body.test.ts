import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { xmlRequestBodyCheck } from './xml-request-body.js';

test('OpenAPI 3.0: XML media types of request bodies; responses are not read', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json: { schema: { type: object } }
          application/xml: { schema: { type: object } }
          application/soap+xml; charset=utf-8: { schema: { type: object } }
      responses:
        '200':
          description: ok
          content:
            text/xml: { schema: { type: object } }
`;
  const findings = runCheck(xmlRequestBodyCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1orders/post/requestBody/content/application~1xml',
    '/paths/~1orders/post/requestBody/content/application~1soap+xml; charset=utf-8',
  ]);
  assert.equal(findings[0]!.message, 'POST /orders accepts `application/xml` request bodies: the XML parser must refuse DTDs and external entities');
});

test('OpenAPI 3.1: a shared XML body is reported once; JSON only reports nothing', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    put:
      requestBody: { $ref: '#/components/requestBodies/Doc' }
      responses: { '204': { description: ok } }
    post:
      requestBody: { $ref: '#/components/requestBodies/Doc' }
      responses: { '204': { description: ok } }
  /b:
    post:
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { '204': { description: ok } }
components:
  requestBodies:
    Doc: { content: { text/xml: { schema: { type: object } } } }
`;
  assert.deepEqual(findingPointers(xmlRequestBodyCheck, text), ['/components/requestBodies/Doc/content/text~1xml']);
});

test('Swagger 2.0: a body parameter under an XML consumes; form fields are not XML bodies', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
consumes: [application/json, application/xml]
paths:
  /a:
    post:
      parameters:
        - { name: body, in: body, schema: { type: object } }
      responses: { '200': { description: ok } }
  /form:
    post:
      parameters:
        - { name: f, in: formData, type: string }
      responses: { '200': { description: ok } }
  /json:
    post:
      consumes: [application/json]
      parameters:
        - { name: body, in: body, schema: { type: object } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(xmlRequestBodyCheck, text), ['/paths/~1a/post/parameters/0']);
});
