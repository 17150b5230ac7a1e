import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { unboundedCollectionCheck } from './unbounded-collection.js';

test('OpenAPI 3.0: arrays and pages without a bounded page size', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /users:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { type: object } } } } }
  /orders:
    get:
      parameters:
        - $ref: '#/components/parameters/Limit'
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/OrderPage' } } } }
  /invoices:
    get:
      parameters:
        - $ref: '#/components/parameters/Limit'
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { type: object } } } } }
  /tags:
    get:
      parameters:
        - { name: 'page[size]', in: query, schema: { type: integer, maximum: 100 } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { type: string } } } } }
  /events:
    get:
      parameters:
        - { name: cursor, in: query, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { type: string } } } } }
  /colours:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, maxItems: 16, items: { type: string } } } } }
  /documents/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: one document holding a list
          content:
            application/json:
              schema: { type: object, properties: { title: { type: string }, content: { type: array, items: { type: string } } } }
  /search:
    get:
      parameters:
        - { name: count, in: query, schema: { type: boolean } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                allOf:
                  - { type: object, properties: { total: { type: integer } } }
                  - { type: object, properties: { hits: { type: array, items: { type: object } } } }
components:
  parameters:
    Limit: { name: limit, in: query, schema: { type: integer, minimum: 1 } }
  schemas:
    OrderPage:
      type: object
      properties:
        items: { type: array, items: { type: object } }
        next: { type: string }
`;
  const findings = runCheck(unboundedCollectionCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1users/get',
    '/components/parameters/Limit',
    '/paths/~1search/get',
  ]);
  assert.equal(findings[0]!.message, 'GET /users: returns an array and takes no page-size or pagination parameter');
  assert.equal(findings[1]!.message, 'GET /orders: the page-size parameter `limit` has no maximum, so a client can ask for every item in one page');
  assert.equal(findings[2]!.message, 'GET /search: returns a page (`hits`) and takes no page-size or pagination parameter');
});

test('OpenAPI 3.1: type lists; only GET is read', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: [array, 'null'], items: { type: string } } } } }
    post:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { type: string } } } } }
`;
  assert.deepEqual(findingPointers(unboundedCollectionCheck, text), ['/paths/~1a/get']);
});

test('Swagger 2.0: the parameter carries its maximum inline', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: per_page, in: query, type: integer }
      responses:
        '200': { description: ok, schema: { type: array, items: { type: string } } }
  /b:
    get:
      parameters:
        - { name: per_page, in: query, type: integer, maximum: 100 }
      responses:
        '200': { description: ok, schema: { type: array, items: { type: string } } }
`;
  const findings = runCheck(unboundedCollectionCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/paths/~1a/get/parameters/0']);
  assert.equal(findings[0]!.message, 'GET /a: the page-size parameter `per_page` has no maximum, so a client can ask for the whole collection');
});
