import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { retryAfterCheck } from './retry-after.js';

test('OpenAPI 3.0: 429 responses without headers or without Retry-After; reusable ones named 429', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok }
        '429': { description: slow down }
    post:
      responses:
        '429': { description: slow down, headers: { RateLimit: { schema: { type: string } } } }
    put:
      responses:
        '429': { $ref: '#/components/responses/TooMany' }
    delete:
      responses:
        '429': { description: ok, headers: { retry-after: { schema: { type: integer } } } }
components:
  responses:
    TooMany: { description: slow down, headers: { Retry-After: { schema: { type: integer } } } }
    '429': { description: unused, headers: {} }
`;
  const findings = runCheck(retryAfterCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1a/get/responses/429',
    '/paths/~1a/post/responses/429',
    '/components/responses/429',
  ]);
  assert.equal(findings[0]!.message, 'GET /a 429 response: declares no headers, so no Retry-After');
  assert.equal(findings[1]!.message, 'POST /a 429 response: declares no Retry-After header');
  assert.equal(findings[2]!.message, 'response 429: declares no Retry-After header');
});

test('OpenAPI 3.1: webhooks and callbacks are read', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
webhooks:
  ping:
    post:
      responses: { '429': { description: slow } }
`;
  assert.deepEqual(findingPointers(retryAfterCheck, text), ['/webhooks/ping/post/responses/429']);
});

test('Swagger 2.0', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '429': { description: slow, headers: { Retry-After: { type: integer } } }
    post:
      responses:
        '429': { description: slow }
`;
  assert.deepEqual(findingPointers(retryAfterCheck, text), ['/paths/~1a/post/responses/429']);
});
