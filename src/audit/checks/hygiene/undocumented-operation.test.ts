import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { undocumentedOperationCheck } from './undocumented-operation.js';

describe('hygiene.undocumented-operation', () => {
  test('reports operations with neither summary nor description (OpenAPI 3.0, 3.1 and Swagger 2.0)', () => {
    for (const header of ['openapi: 3.0.3', 'openapi: 3.1.0', "swagger: '2.0'"]) {
      const text = `
${header}
info: {title: t, version: '1'}
paths:
  /orders:
    get: {summary: List orders, responses: {'200': {description: ok}}}
    post: {description: Creates an order., responses: {'200': {description: ok}}}
    delete: {summary: '  ', responses: {'200': {description: ok}}}
`;
      assert.deepEqual(findingPointers(undocumentedOperationCheck, text), ['/paths/~1orders/delete']);
      assert.equal(runCheck(undocumentedOperationCheck, text)[0]?.message, 'DELETE /orders has neither a summary nor a description');
    }
  });
});
