import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { secretDefaultCheck } from './secret-default.js';

describe('sensitive-data.secret-default', () => {
  test('reports credential parameters and properties with a default (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /things:
    get:
      parameters:
        - {name: X-API-Key, in: header, schema: {type: string, default: special-key}}
        - {name: page, in: query, schema: {type: integer, default: 1}}
        - {name: token, in: query, schema: {type: string, default: ''}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Settings:
      type: object
      properties:
        adminPassword: {type: string, default: admin}
        passwordPolicy: {type: string, default: strict}
`;
      assert.deepEqual(findingPointers(secretDefaultCheck, text), ['/paths/~1things/get/parameters/0', '/components/schemas/Settings/properties/adminPassword']);
      assert.equal(runCheck(secretDefaultCheck, text)[0]?.message, 'GET /things: the header parameter `X-API-Key` has a default value');
    }
  });

  test('reads Swagger 2.0 inline parameters once', () => {
    assert.deepEqual(findingPointers(secretDefaultCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - {name: api_key, in: header, type: string, default: abc123}
      responses: {'200': {description: ok}}
`), ['/paths/~1pets/get/parameters/0']);
  });
});
