import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { missingOperationIdCheck } from './missing-operation-id.js';

describe('hygiene.missing-operation-id', () => {
  test('reports operations without an operationId (OpenAPI 3.0, 3.1 and Swagger 2.0)', () => {
    for (const header of ['openapi: 3.0.3', 'openapi: 3.1.0', "swagger: '2.0'"]) {
      const text = `
${header}
info: {title: t, version: '1'}
paths:
  /orders:
    get: {operationId: listOrders, responses: {'200': {description: ok}}}
    post: {responses: {'200': {description: ok}}}
    put: {operationId: ' ', responses: {'200': {description: ok}}}
`;
      assert.deepEqual(findingPointers(missingOperationIdCheck, text), ['/paths/~1orders/put', '/paths/~1orders/post']);
      assert.equal(runCheck(missingOperationIdCheck, text)[1]?.message, 'POST /orders has no operationId');
    }
  });
});
