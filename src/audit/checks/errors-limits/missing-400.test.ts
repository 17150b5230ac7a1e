import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { missing400Check } from './missing-400.js';

test('OpenAPI 3.0: operations without 400, 422 or 4XX, callbacks included', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok }, default: { description: error } }
    post:
      responses: { '201': { description: ok }, '422': { description: invalid } }
    put:
      responses: { '200': { description: ok }, '4XX': { description: invalid } }
    delete:
      responses: { '204': { description: ok }, '400': { $ref: '#/components/responses/Bad' } }
  /b:
    post:
      responses: { '202': { description: ok }, '400': { description: bad } }
      callbacks:
        done:
          '{$request.body#/url}':
            post:
              responses: { '200': { description: ok } }
    patch:
      description: no responses object at all (no-responses reports it)
components:
  responses:
    Bad: { description: bad }
`;
  const findings = runCheck(missing400Check, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1a/get/responses',
    '/paths/~1b/post/callbacks/done/{$request.body#~1url}/post/responses',
  ]);
  assert.equal(findings[0]!.message, 'GET /a: no 400, 422 or 4XX response');
  assert.match(findings[1]!.message, /^callback done POST \{\$request.body#\/url\} of POST \/b: /);
});

test('OpenAPI 3.1: an empty responses object; webhooks are not paths', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: {}
webhooks:
  ping:
    post:
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(missing400Check, text), ['/paths/~1a/get/responses']);
});

test('Swagger 2.0: responses without a 400', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok }, '404': { description: missing } }
    post:
      responses: { '200': { description: ok }, '400': { description: bad } }
`;
  assert.deepEqual(findingPointers(missing400Check, text), ['/paths/~1a/get/responses']);
});

test('a path item shared by reference is reported once', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a: { $ref: '#/x-items/item' }
  /b: { $ref: '#/x-items/item' }
x-items:
  item:
    get:
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(missing400Check, text), ['/x-items/item/get/responses']);
});
