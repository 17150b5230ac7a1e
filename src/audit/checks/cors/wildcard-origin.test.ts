import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { wildcardOriginCheck } from './wildcard-origin.js';

test('OpenAPI 3.0: `*` as enum, default, example, header example or named example; shared headers once', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, headers: { Access-Control-Allow-Origin: { $ref: '#/components/headers/Any' } } }
        '201': { description: ok, headers: { access-control-allow-origin: { schema: { type: string, enum: ['https://app.example.com', '*'] } } } }
        '202': { description: ok, headers: { Access-Control-Allow-Origin: { example: '*', schema: { type: string } } } }
        '203':
          description: ok
          headers:
            Access-Control-Allow-Origin:
              schema: { type: string }
              examples: { any: { $ref: '#/components/examples/Star' } }
        '204': { description: ok, headers: { Access-Control-Allow-Origin: { schema: { type: string, example: 'https://app.example.com' } } } }
    post:
      responses:
        '200': { description: ok, headers: { Access-Control-Allow-Origin: { $ref: '#/components/headers/Any' } } }
components:
  headers:
    Any: { schema: { type: string, default: '*' } }
  examples:
    Star: { value: '*' }
`;
  const findings = runCheck(wildcardOriginCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/components/headers/Any',
    '/paths/~1a/get/responses/201/headers/access-control-allow-origin',
    '/paths/~1a/get/responses/202/headers/Access-Control-Allow-Origin',
    '/paths/~1a/get/responses/203/headers/Access-Control-Allow-Origin',
  ]);
  assert.equal(findings[0]!.message, 'GET /a 200 response: Access-Control-Allow-Origin allows any origin (`*`)');
});

test('OpenAPI 3.1: const and examples arrays', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, headers: { Access-Control-Allow-Origin: { schema: { const: '*' } } } }
        '201': { description: ok, headers: { Access-Control-Allow-Origin: { schema: { type: string, examples: ['*'] } } } }
`;
  assert.deepEqual(findingPointers(wildcardOriginCheck, text), [
    '/paths/~1a/get/responses/200/headers/Access-Control-Allow-Origin',
    '/paths/~1a/get/responses/201/headers/Access-Control-Allow-Origin',
  ]);
});

test('Swagger 2.0: the header carries default, enum and x-example inline', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, headers: { Access-Control-Allow-Origin: { type: string, default: '*' } } }
        '201': { description: ok, headers: { Access-Control-Allow-Origin: { type: string, x-example: ' * ' } } }
        '202': { description: ok, headers: { Access-Control-Allow-Origin: { type: string, enum: ['https://a.example.com'] } } }
`;
  assert.deepEqual(findingPointers(wildcardOriginCheck, text), [
    '/paths/~1a/get/responses/200/headers/Access-Control-Allow-Origin',
    '/paths/~1a/get/responses/201/headers/Access-Control-Allow-Origin',
  ]);
});
