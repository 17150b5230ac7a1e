import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { missing401Check } from './missing-401.js';

test('OpenAPI 3.0: no 401, a 401 without content, a shared 401 reported once, callbacks', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok }
        '4XX': { description: client error }
    post:
      responses:
        '201': { description: ok }
        '401': { description: no body }
    put:
      responses:
        '200': { description: ok }
        '401': { $ref: '#/components/responses/Unauthorized' }
    delete:
      responses:
        '204': { description: ok }
        '401': { $ref: '#/components/responses/Unauthorized' }
    patch:
      responses:
        '200': { description: ok }
        '401': { description: denied, content: { application/json: { schema: { type: object } } } }
      callbacks:
        done:
          '{$request.query.url}':
            post:
              responses: { '200': { description: ok } }
components:
  responses:
    Unauthorized: { description: denied }
`;
  assert.deepEqual(runCheck(missing401Check, text), [
    { pointer: '/paths/~1a/get/responses', message: 'GET /a: no 401 response' },
    { pointer: '/components/responses/Unauthorized', message: 'PUT /a: the 401 response has no content describing its error body' },
    { pointer: '/paths/~1a/post/responses/401', message: 'POST /a: the 401 response has no content describing its error body' },
    { pointer: '/paths/~1a/patch/callbacks/done/{$request.query.url}/post/responses', message: 'callback done {$request.query.url} POST: no 401 response' },
  ]);
});

test('OpenAPI 3.1: a path item shared through components is read once, at its definition', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a: { $ref: '#/components/pathItems/A' }
  /b:
    get:
      responses:
        '200': { description: ok }
        '401': { description: denied, content: { application/problem+json: { schema: { type: object } } } }
  /c:
    get:
      responses:
        '401': { $ref: '#/components/responses/Missing' }
components:
  pathItems:
    A:
      get:
        responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(missing401Check, text), ['/components/pathItems/A/get/responses', '/paths/~1c/get/responses/401']);
});

test('Swagger 2.0: the 401 needs a schema', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok }
        '401': { description: denied }
    post:
      responses:
        '201': { description: ok }
        '401': { description: denied, schema: { $ref: '#/definitions/Error' } }
    put:
      responses: { '200': { description: ok } }
definitions:
  Error: { type: object }
`;
  assert.deepEqual(findingPointers(missing401Check, text), ['/paths/~1a/get/responses/401', '/paths/~1a/put/responses']);
});
