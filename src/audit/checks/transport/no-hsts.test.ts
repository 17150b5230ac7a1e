import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { noHstsCheck } from './no-hsts.js';

test('OpenAPI 3.0: no response declares Strict-Transport-Security', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok, headers: { X-Request-Id: { schema: { type: string } } } } }
`;
  const findings = runCheck(noHstsCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['']);
  assert.equal(findings[0]!.message, 'no response declares a Strict-Transport-Security header');
});

test('OpenAPI 3.1: declared once (any case), or in a reusable response, is enough', () => {
  const inline = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok, headers: { strict-transport-security: { schema: { type: string } } } } }
    post:
      responses: { '200': { description: ok } }
`;
  const reusable = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { $ref: '#/components/responses/Ok' } }
components:
  responses:
    Ok: { description: ok, headers: { Strict-Transport-Security: { $ref: '#/components/headers/Hsts' } } }
  headers:
    Hsts: { schema: { type: string } }
`;
  assert.deepEqual(findingPointers(noHstsCheck, inline), []);
  assert.deepEqual(findingPointers(noHstsCheck, reusable), []);
});

test('Swagger 2.0; a document without operations reports nothing', () => {
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
`;
  const empty = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
`;
  assert.deepEqual(findingPointers(noHstsCheck, swagger), ['']);
  assert.deepEqual(findingPointers(noHstsCheck, empty), []);
});
