import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { credentialsWithWildcardCheck } from './credentials-with-wildcard.js';

test('OpenAPI 3.0: credentials `true` with origin `*` in the same response, reported at the response once', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { $ref: '#/components/responses/Cors' }
        '201':
          description: ok
          headers:
            Access-Control-Allow-Origin: { schema: { type: string, enum: ['https://app.example.com'] } }
            Access-Control-Allow-Credentials: { schema: { type: boolean, enum: [true] } }
        '202':
          description: ok
          headers:
            access-control-allow-origin: { schema: { type: string, default: '*' } }
            access-control-allow-credentials: { schema: { type: string, example: 'false' } }
    post:
      responses:
        '200': { $ref: '#/components/responses/Cors' }
components:
  responses:
    Cors:
      description: ok
      headers:
        Access-Control-Allow-Origin: { schema: { type: string, example: '*' } }
        Access-Control-Allow-Credentials: { schema: { type: boolean, default: true } }
`;
  const findings = runCheck(credentialsWithWildcardCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/components/responses/Cors']);
  assert.equal(findings[0]!.message, 'GET /a 200 response: Access-Control-Allow-Credentials `true` together with Access-Control-Allow-Origin `*`');
});

test('OpenAPI 3.1: const values', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          headers:
            Access-Control-Allow-Origin: { schema: { const: '*' } }
            Access-Control-Allow-Credentials: { schema: { const: 'true' } }
`;
  assert.deepEqual(findingPointers(credentialsWithWildcardCheck, text), ['/paths/~1a/get/responses/200']);
});

test('Swagger 2.0: inline header values', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          headers:
            Access-Control-Allow-Origin: { type: string, default: '*' }
            Access-Control-Allow-Credentials: { type: string, enum: ['true'] }
        '201':
          description: ok
          headers:
            Access-Control-Allow-Origin: { type: string, default: '*' }
`;
  assert.deepEqual(findingPointers(credentialsWithWildcardCheck, text), ['/paths/~1a/get/responses/200']);
});
