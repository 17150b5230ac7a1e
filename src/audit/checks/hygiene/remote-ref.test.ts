import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { remoteRefCheck } from './remote-ref.js';

describe('hygiene.remote-ref', () => {
  test('reports remote references, used or not (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'https://schemas.example.com/thing.json#/Thing'}
components:
  schemas:
    Unused: {$ref: 'http://schemas.example.com/old.json'}
    Local: {$ref: '#/components/schemas/Missing'}
`;
      assert.deepEqual(findingPointers(remoteRefCheck, text), ['/paths/~1a/get/responses/200/content/application~1json/schema', '/components/schemas/Unused']);
      assert.equal(runCheck(remoteRefCheck, text)[0]?.message, '`$ref: https://schemas.example.com/thing.json#/Thing` points to a remote document, which was not fetched or checked');
    }
  });

  test('reads Swagger 2.0', () => {
    assert.deepEqual(findingPointers(remoteRefCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
paths: {}
definitions:
  Money: {$ref: 'https://example.com/money.yaml'}
`), ['/definitions/Money']);
  });
});
