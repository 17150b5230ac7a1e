import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { deprecatedWithoutSunsetCheck } from './deprecated-without-sunset.js';

describe('inventory.deprecated-without-sunset', () => {
  test('reports deprecated operations with no Sunset header or date (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /old:
    get:
      deprecated: true
      responses: {'200': {description: ok}}
    put:
      deprecated: true
      x-sunset: '2025-06-30'
      responses: {'200': {description: ok}}
    post:
      deprecated: true
      responses:
        '200':
          description: ok
          headers:
            Sunset: {$ref: '#/components/headers/Sunset'}
    delete:
      deprecated: true
      x-deprecated: true
      responses: {'204': {description: ok}}
  /new:
    get:
      responses: {'200': {description: ok}}
components:
  headers:
    Sunset: {schema: {type: string}}
`;
      assert.deepEqual(findingPointers(deprecatedWithoutSunsetCheck, text), ['/paths/~1old/get', '/paths/~1old/delete']);
      assert.equal(runCheck(deprecatedWithoutSunsetCheck, text)[0]?.message, 'GET /old is deprecated with no Sunset header or sunset date');
    }
  });

  test('reads Swagger 2.0', () => {
    assert.deepEqual(findingPointers(deprecatedWithoutSunsetCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /old:
    get:
      deprecated: true
      responses: {'200': {description: ok, headers: {sunset: {type: string}}}}
    put:
      deprecated: true
      responses: {'200': {description: ok}}
`), ['/paths/~1old/put']);
  });
});
