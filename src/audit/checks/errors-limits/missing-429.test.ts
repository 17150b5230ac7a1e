import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { missing429Check } from './missing-429.js';

test('OpenAPI 3.0: no 429, a 429 without content; 4XX does not name it', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok }, '4XX': { description: e } }
    post:
      responses: { '201': { description: ok }, '429': { description: slow down } }
    put:
      responses:
        '200': { description: ok }
        '429': { $ref: '#/components/responses/TooMany' }
components:
  responses:
    TooMany:
      description: slow down
      content: { application/json: { schema: { type: object } } }
`;
  const findings = runCheck(missing429Check, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/paths/~1a/get/responses', '/paths/~1a/post/responses/429']);
  assert.equal(findings[0]!.message, 'GET /a: no 429 response');
  assert.equal(findings[1]!.message, 'POST /a 429 response: describes no body');
});

test('OpenAPI 3.1: callbacks under paths are read', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    post:
      responses:
        '200': { description: ok }
        '429': { description: e, content: { application/json: {} } }
      callbacks:
        hook:
          $ref: '#/components/callbacks/Hook'
components:
  callbacks:
    Hook:
      '{$request.body#/url}':
        post:
          responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(missing429Check, text), ['/components/callbacks/Hook/{$request.body#~1url}/post/responses']);
});

test('Swagger 2.0: a 429 with a schema passes', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok }, '429': { description: e, schema: { type: object } } }
    post:
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(missing429Check, text), ['/paths/~1a/post/responses']);
});
