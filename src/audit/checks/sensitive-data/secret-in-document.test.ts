import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { secretInDocumentCheck } from './secret-in-document.js';

describe('sensitive-data.secret-in-document', () => {
  test('reports credentials in examples, defaults and descriptions of every file', () => {
    const text = `
openapi: 3.0.3
info: {title: t, version: '1', description: 'Use the key AKIAJ5Q7RT2ZKWV3M8NP to try it.'}
paths:
  /things:
    get:
      parameters:
        - name: Authorization
          in: header
          schema: {type: string}
          example: Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'schemas.yaml#/Thing'}
              examples:
                one:
                  value: {keys: [ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A]}
`;
    const files = { 'schemas.yaml': 'Thing:\n  type: string\n  example: AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q\n' };
    assert.deepEqual(findingPointers(secretInDocumentCheck, text, files).sort(), [
      '/info/description',
      '/paths/~1things/get/parameters/0/example',
      '/paths/~1things/get/responses/200/content/application~1json/examples/one/value/keys/0',
      'schemas.yaml#/Thing/example',
    ]);
    const messages = runCheck(secretInDocumentCheck, text, files).map((finding) => finding.message);
    assert.ok(messages.includes('the value at `/info/description` looks like an AWS access key ID (AKIA…)'));
    assert.ok(messages.every((message) => !message.includes('4eC39HqLyjWDarjtT1zdp7dc')));
  });

  test('reports nothing for placeholders (Swagger 2.0 and OpenAPI 3.1)', () => {
    assert.deepEqual(findingPointers(secretInDocumentCheck, `
swagger: '2.0'
info: {title: t, version: '1', description: 'Keys look like AKIAIOSFODNN7EXAMPLE.'}
paths:
  /things:
    get:
      parameters:
        - {name: api_key, in: header, type: string, x-example: '<your-api-key>'}
      responses: {'200': {description: ok}}
`), []);
    assert.deepEqual(findingPointers(secretInDocumentCheck, `
openapi: 3.1.0
info: {title: t, version: '1'}
components:
  schemas:
    Token:
      type: string
      examples: ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c']
`), []);
  });
});
