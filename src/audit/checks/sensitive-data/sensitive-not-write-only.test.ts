import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { sensitiveNotWriteOnlyCheck } from './sensitive-not-write-only.js';

describe('sensitive-data.sensitive-not-write-only', () => {
  test('reports request-side secrets without writeOnly (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /login:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                username: {type: string}
                password: {type: string}
                otpSecret: {type: string, writeOnly: true}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  passwordHint: {type: string}
                  secret: {type: string}
components:
  schemas:
    Unused:
      type: object
      properties:
        newPassword: {type: string}
`;
      assert.deepEqual(findingPointers(sensitiveNotWriteOnlyCheck, text), [
        '/paths/~1login/post/requestBody/content/application~1json/schema/properties/password',
        '/components/schemas/Unused/properties/newPassword',
      ]);
      assert.match(runCheck(sensitiveNotWriteOnlyCheck, text)[1]?.message ?? '', /^property `newPassword` of schema `Unused` is a secret/);
    }
  });

  test('does not apply to Swagger 2.0, which has no writeOnly', () => {
    assert.deepEqual(findingPointers(sensitiveNotWriteOnlyCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
paths: {}
definitions:
  Login:
    type: object
    properties:
      password: {type: string}
`), []);
  });
});
