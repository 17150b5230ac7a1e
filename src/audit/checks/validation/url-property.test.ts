import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { urlPropertyCheck } from './url-property.js';

test('OpenAPI 3.0: request properties named or formatted as URLs; read-only, objects and responses are not', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /subscriptions:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Subscription' }
      responses:
        '201':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { selfUrl: { type: string } } }
components:
  schemas:
    Subscription:
      type: object
      properties:
        callbackUrl: { $ref: '#/components/schemas/Link' }
        avatar: { type: string, format: uri }
        href: { type: string, readOnly: true }
        callback: { type: object, properties: { method: { type: string } } }
        name: { type: string }
    Link: { type: string, maxLength: 2000 }
`;
  const findings = runCheck(urlPropertyCheck, text);
  assert.deepEqual(findings, [
    { pointer: '/components/schemas/Subscription/properties/callbackUrl', message: 'schema `Subscription`: property `callbackUrl` carries a URL (its name says it holds a URL): check how the server fetches or redirects to it' },
    { pointer: '/components/schemas/Subscription/properties/avatar', message: 'schema `Subscription`: property `avatar` carries a URL (its format is a URL): check how the server fetches or redirects to it' },
  ]);
});

test('OpenAPI 3.1 and Swagger 2.0', () => {
  const openapi31 = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /import:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                sources: { type: [array, 'null'], items: { type: string, format: iri } }
      responses: { '202': { description: ok } }
`;
  assert.deepEqual(findingPointers(urlPropertyCheck, openapi31), ['/paths/~1import/post/requestBody/content/application~1json/schema/properties/sources']);
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    post:
      parameters:
        - { name: body, in: body, schema: { type: object, properties: { redirect_uri: { type: string } } } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(urlPropertyCheck, swagger), ['/paths/~1a/post/parameters/0/schema/properties/redirect_uri']);
});
