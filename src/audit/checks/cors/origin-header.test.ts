import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { originHeaderCheck } from './origin-header.js';

test('OpenAPI 3.0: every headers map without Access-Control-Allow-Origin, once per definition', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          headers: { Access-Control-Allow-Origin: { schema: { type: string } } }
        '404': { $ref: '#/components/responses/NotFound' }
        '500': { description: no headers map at all is not reported }
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: { type: object, properties: { file: { type: string, format: binary } } }
            encoding: { file: { headers: { X-Part: { schema: { type: string } } } } }
      responses:
        '201': { description: ok, headers: { access-control-allow-origin: { schema: { type: string } } } }
        '404': { $ref: '#/components/responses/NotFound' }
components:
  responses:
    NotFound: { description: missing, headers: { X-Request-Id: { schema: { type: string } } } }
    Unused: { description: unused, headers: {} }
  headers:
    X-Request-Id: { schema: { type: string } }
  schemas:
    Envelope: { type: object, properties: { headers: { type: object } } }
`;
  const findings = runCheck(originHeaderCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/components/responses/NotFound/headers',
    '/components/responses/Unused/headers',
    '/components/headers',
  ]);
  assert.equal(findings[0]!.message, 'GET /a 404 response: declares headers but not Access-Control-Allow-Origin');
  assert.equal(findings[1]!.message, 'response Unused: declares headers but not Access-Control-Allow-Origin');
  assert.equal(findings[2]!.message, 'components/headers: no reusable Access-Control-Allow-Origin header is defined');
});

test('OpenAPI 3.1: webhooks and callbacks', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
webhooks:
  ping:
    post:
      responses: { '200': { description: ok, headers: { X-A: { schema: { type: string } } } } }
`;
  assert.deepEqual(findingPointers(originHeaderCheck, text), ['/webhooks/ping/post/responses/200/headers']);
});

test('Swagger 2.0: response headers and reusable responses', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, headers: { X-Total: { type: integer } } }
        '400': { description: bad, headers: { Access-Control-Allow-Origin: { type: string } } }
responses:
  Gone: { description: gone, headers: { X-A: { type: string } } }
`;
  assert.deepEqual(findingPointers(originHeaderCheck, text), ['/paths/~1a/get/responses/200/headers', '/responses/Gone/headers']);
});
