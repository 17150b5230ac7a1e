import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { parameterWithoutSchemaCheck } from './parameter-without-schema.js';

test('OpenAPI 3.0: parameters with neither schema nor content, shared ones once, overridden path-level ones too', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /items/{id}:
    parameters:
      - { name: id, in: path, required: true }
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { $ref: '#/components/parameters/Trace' }
        - { name: filter, in: query, content: { application/json: {} } }
        - { name: ok, in: query, content: { application/json: { schema: { type: object } } } }
      responses: { '200': { description: ok } }
    delete:
      parameters:
        - { $ref: '#/components/parameters/Trace' }
      responses: { '204': { description: ok } }
components:
  parameters:
    Trace: { name: X-Trace, in: header }
    Unused: { name: lang, in: cookie }
`;
  const findings = runCheck(parameterWithoutSchemaCheck, text);
  assert.deepEqual(findings, [
    { pointer: '/paths/~1items~1{id}/parameters/0', message: '/items/{id}: path parameter `id` has no schema' },
    { pointer: '/components/parameters/Trace', message: 'GET /items/{id}: header parameter `X-Trace` has no schema' },
    { pointer: '/paths/~1items~1{id}/get/parameters/2', message: 'GET /items/{id}: query parameter `filter` has no schema for `application/json`' },
    { pointer: '/components/parameters/Unused', message: 'cookie parameter `lang` has no schema' },
  ]);
});

test('OpenAPI 3.1: a parameter with a schema reports nothing', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: q, in: query, schema: { type: [string, 'null'] } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(parameterWithoutSchemaCheck, text), []);
});

test('Swagger 2.0: non-body parameters without type, arrays without items; body parameters are not read', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    post:
      parameters:
        - { name: q, in: query }
        - { name: tags, in: query, type: array }
        - { name: n, in: query, type: integer }
        - { name: body, in: body }
      responses: { '200': { description: ok } }
parameters:
  Loose: { name: h, in: header }
`;
  assert.deepEqual(findingPointers(parameterWithoutSchemaCheck, text), ['/paths/~1a/post/parameters/0', '/paths/~1a/post/parameters/1', '/parameters/Loose']);
});
