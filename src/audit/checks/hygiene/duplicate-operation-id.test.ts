import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { duplicateOperationIdCheck } from './duplicate-operation-id.js';

describe('hygiene.duplicate-operation-id', () => {
  test('reports every later operation reusing an operationId (OpenAPI 3.0, 3.1 and Swagger 2.0)', () => {
    for (const header of ['openapi: 3.0.3', 'openapi: 3.1.0', "swagger: '2.0'"]) {
      const text = `
${header}
info: {title: t, version: '1'}
paths:
  /orders:
    get: {operationId: getOrders, responses: {'200': {description: ok}}}
    post: {operationId: getOrders, responses: {'200': {description: ok}}}
  /orders/{id}:
    get: {operationId: getOrder, responses: {'200': {description: ok}}}
    delete: {operationId: getOrders, responses: {'200': {description: ok}}}
  /items:
    get: {operationId: listItems, responses: {'200': {description: ok}}}
`;
      assert.deepEqual(findingPointers(duplicateOperationIdCheck, text), ['/paths/~1orders/post', '/paths/~1orders~1{id}/delete']);
      assert.equal(runCheck(duplicateOperationIdCheck, text)[0]?.message, 'POST /orders: operationId `getOrders` is already used by GET /orders');
    }
  });

  test('reports an operation shared by two paths through a path item reference', () => {
    const text = `
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a: {$ref: '#/components/pathItems/Shared'}
  /b: {$ref: '#/components/pathItems/Shared'}
components:
  pathItems:
    Shared:
      get: {operationId: shared, responses: {'200': {description: ok}}}
`;
    assert.deepEqual(findingPointers(duplicateOperationIdCheck, text), ['/components/pathItems/Shared/get']);
    assert.match(runCheck(duplicateOperationIdCheck, text)[0]?.message ?? '', /shared with GET \/a/);
  });
});
