import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { internalEndpointCheck } from './internal-endpoint.js';

describe('inventory.internal-endpoint', () => {
  test('reports debug, test and internal paths once per path item (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /debug/vars:
    get: {responses: {'200': {description: ok}}}
    post: {responses: {'200': {description: ok}}}
  /internal/jobs:
    x-internal: true
    get: {responses: {'200': {description: ok}}}
  /actuator/env:
    get: {x-internal: true, responses: {'200': {description: ok}}}
    put: {responses: {'200': {description: ok}}}
  /tests/{id}:
    get: {x-internal: true, responses: {'200': {description: ok}}}
  /contests:
    get: {responses: {'200': {description: ok}}}
`;
      assert.deepEqual(findingPointers(internalEndpointCheck, text), ['/paths/~1debug~1vars', '/paths/~1actuator~1env']);
      assert.deepEqual(runCheck(internalEndpointCheck, text).map((finding) => finding.message), [
        'the path /debug/vars has a `debug` segment: GET, POST are published as part of the API',
        'the path /actuator/env has a `actuator` segment: PUT is published as part of the API',
      ]);
    }
  });

  test('reads Swagger 2.0', () => {
    assert.deepEqual(findingPointers(internalEndpointCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /_internal/cache:
    delete: {responses: {'204': {description: ok}}}
  /users:
    get: {responses: {'200': {description: ok}}}
`), ['/paths/~1_internal~1cache']);
  });
});
