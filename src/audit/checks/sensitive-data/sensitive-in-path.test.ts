import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { sensitiveInPathCheck } from './sensitive-in-path.js';

describe('sensitive-data.sensitive-in-path', () => {
  test('reports personal data in path parameters (OpenAPI 3.0 and 3.1), path-level ones once', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /users/{email}:
    parameters:
      - {name: email, in: path, required: true, schema: {type: string}}
    get:
      responses: {'200': {description: ok}}
    delete:
      responses: {'204': {description: gone}}
  /users/{userId}:
    get:
      parameters:
        - {name: userId, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
`;
      assert.deepEqual(findingPointers(sensitiveInPathCheck, text), ['/paths/~1users~1{email}/parameters/0']);
      assert.match(runCheck(sensitiveInPathCheck, text)[0]?.message ?? '', /path parameter `email` puts an email address in the URL/);
    }
  });

  test('reads Swagger 2.0', () => {
    assert.deepEqual(findingPointers(sensitiveInPathCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /citizens/{ssn}:
    get:
      parameters:
        - {name: ssn, in: path, required: true, type: string}
      responses: {'200': {description: ok}}
  /citizens/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, type: string}
      responses: {'200': {description: ok}}
`), ['/paths/~1citizens~1{ssn}/get/parameters/0']);
  });
});
