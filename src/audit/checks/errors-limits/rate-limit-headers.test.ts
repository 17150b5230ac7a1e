import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { rateLimitHeadersCheck } from './rate-limit-headers.js';

test('OpenAPI 3.0: 2XX and 4XX responses need one rate-limit convention, compared case-insensitively', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok }
        '404': { $ref: '#/components/responses/NotFound' }
        '500': { description: not checked }
        default: { description: not checked }
    post:
      responses:
        '201':
          description: ok
          headers: { RateLimit-Limit: { schema: { type: integer } } }
        '400':
          description: bad
          headers: { ratelimit: { schema: { type: string } } }
        '4XX':
          description: bad
          headers: { X-RateLimit-Limit: { schema: { type: integer } } }
        '2XX':
          description: ok
          headers:
            RateLimit-Limit: { schema: { type: integer } }
            RateLimit-Reset: { schema: { type: integer } }
    put:
      responses:
        '200':
          description: ok
          headers: { RateLimit-Policy: { schema: { type: string } }, X-Rate-Limit-Limit: { schema: { type: integer } } }
        '404': { $ref: '#/components/responses/NotFound' }
components:
  responses:
    NotFound: { description: missing, headers: { X-Request-Id: { schema: { type: string } } } }
`;
  const findings = runCheck(rateLimitHeadersCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1a/get/responses/200',
    '/components/responses/NotFound',
    '/paths/~1a/post/responses/201',
  ]);
  assert.equal(findings[0]!.message, 'GET /a 200 response: declares no rate-limit headers (RateLimit, RateLimit-Policy or X-RateLimit-Limit)');
  assert.equal(findings[1]!.message, 'GET /a 404 response (shared by 2 operations): declares no rate-limit headers (RateLimit, RateLimit-Policy or X-RateLimit-Limit)');
  assert.equal(findings[2]!.message, 'POST /a 201 response: declares RateLimit-Limit without RateLimit-Reset');
});

test('OpenAPI 3.1: callback responses are under paths, webhooks are not', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    post:
      responses:
        '202': { description: ok, headers: { RateLimit: { schema: { type: string } } } }
      callbacks:
        hook:
          '{$request.body#/url}':
            post:
              responses: { '204': { description: ok } }
webhooks:
  ping:
    post:
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(rateLimitHeadersCheck, text), ['/paths/~1a/post/callbacks/hook/{$request.body#~1url}/post/responses/204']);
});

test('Swagger 2.0: response headers are read too', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, headers: { X-RateLimit-Limit: { type: integer } } }
        '401': { description: no }
`;
  assert.deepEqual(findingPointers(rateLimitHeadersCheck, text), ['/paths/~1a/get/responses/401']);
});
