import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { nullOriginCheck } from './null-origin.js';

test('OpenAPI 3.0: the `null` origin as a value, not a JSON null', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, headers: { Access-Control-Allow-Origin: { schema: { type: string, enum: ['https://a.example.com', 'null'] } } } }
        '201': { description: ok, headers: { Access-Control-Allow-Origin: { schema: { type: string, nullable: true, default: null } } } }
        '202': { description: ok, headers: { Access-Control-Allow-Origin: { example: 'NULL', schema: { type: string } } } }
`;
  const findings = runCheck(nullOriginCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1a/get/responses/200/headers/Access-Control-Allow-Origin',
    '/paths/~1a/get/responses/202/headers/Access-Control-Allow-Origin',
  ]);
  assert.equal(findings[0]!.message, 'GET /a 200 response: Access-Control-Allow-Origin allows the `null` origin');
});

test('OpenAPI 3.1 and Swagger 2.0', () => {
  const openapi = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, headers: { Access-Control-Allow-Origin: { schema: { const: 'null' } } } }
`;
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, headers: { Access-Control-Allow-Origin: { type: string, default: 'null' } } }
        '201': { description: ok, headers: { Access-Control-Allow-Origin: { type: string, default: 'https://a.example.com' } } }
`;
  assert.deepEqual(findingPointers(nullOriginCheck, openapi), ['/paths/~1a/get/responses/200/headers/Access-Control-Allow-Origin']);
  assert.deepEqual(findingPointers(nullOriginCheck, swagger), ['/paths/~1a/get/responses/200/headers/Access-Control-Allow-Origin']);
});
