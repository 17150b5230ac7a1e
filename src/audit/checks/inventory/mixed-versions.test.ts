import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { mixedVersionsCheck } from './mixed-versions.js';

describe('inventory.mixed-versions', () => {
  test('reports paths and servers of older major versions (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
servers:
  - url: https://api.example.com/v1
  - url: https://api.example.com/v2
paths:
  /v1/orders:
    get: {responses: {'200': {description: ok}}}
    post: {responses: {'200': {description: ok}}}
  /v2/orders:
    get: {responses: {'200': {description: ok}}}
  /v2.1/orders/{id}:
    get: {responses: {'200': {description: ok}}}
  /health:
    get: {responses: {'200': {description: ok}}}
`;
      assert.deepEqual(findingPointers(mixedVersionsCheck, text), ['/paths/~1v1~1orders', '/servers/0']);
      assert.equal(runCheck(mixedVersionsCheck, text)[0]?.message, 'the path /v1/orders is version 1, but version 2 is published in the same document');
    }
  });

  test('reports nothing for a single version (Swagger 2.0)', () => {
    assert.deepEqual(findingPointers(mixedVersionsCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
basePath: /v3
paths:
  /orders:
    get: {responses: {'200': {description: ok}}}
  /videos:
    get: {responses: {'200': {description: ok}}}
`), []);
  });
});
