import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { pathParameterMismatchCheck } from './path-parameter-mismatch.js';

describe('hygiene.path-parameter-mismatch', () => {
  test('reports undeclared variables, extra and optional path parameters (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /orders/{orderId}/items/{itemId}:
    parameters:
      - {name: orderId, in: path, required: true, schema: {type: string}}
    get:
      responses: {'200': {description: ok}}
    delete:
      parameters:
        - {name: itemId, in: path, schema: {type: string}}
      responses: {'204': {description: ok}}
  /users/{id}:
    get:
      parameters:
        - $ref: '#/components/parameters/UserId'
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
  /teams/{id}:
    get:
      parameters:
        - $ref: '#/components/parameters/UserId'
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
components:
  parameters:
    UserId: {name: userId, in: path, required: true, schema: {type: string}}
`;
      assert.deepEqual(findingPointers(pathParameterMismatchCheck, text), [
        '/paths/~1orders~1{orderId}~1items~1{itemId}/get',
        '/paths/~1orders~1{orderId}~1items~1{itemId}/delete/parameters/0',
        '/components/parameters/UserId',
      ]);
      assert.deepEqual(runCheck(pathParameterMismatchCheck, text).map((finding) => finding.message), [
        'GET /orders/{orderId}/items/{itemId}: the path variable `{itemId}` has no path parameter',
        'DELETE /orders/{orderId}/items/{itemId}: the path parameter `itemId` is not marked required: true',
        'GET /users/{id}: the path parameter `userId` is not in the path template',
      ]);
    }
  });

  test('reads Swagger 2.0 and reports nothing for a consistent path', () => {
    assert.deepEqual(findingPointers(pathParameterMismatchCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /pets/{petId}:
    get:
      parameters:
        - {name: petId, in: path, required: true, type: integer}
      responses: {'200': {description: ok}}
  /owners/{ownerId}:
    get:
      responses: {'200': {description: ok}}
`), ['/paths/~1owners~1{ownerId}/get']);
  });
});
