import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { secretInResponseCheck } from './secret-in-response.js';

const document = (version: string, user: string): string => `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/User'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/User'}
components:
  schemas:
    User:
${user}
`;

describe('sensitive-data.secret-in-response', () => {
  test('reports secrets in response schemas that are not writeOnly (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = document(version, `
      type: object
      properties:
        name: {type: string}
        password: {type: string}
        pin: {type: string, format: password}
        clientSecret: {type: string, writeOnly: true}
        passwordChangedAt: {type: string, format: date-time}
        hasPassword: {type: boolean}
        accessToken: {type: string}`);
      assert.deepEqual(findingPointers(secretInResponseCheck, text), ['/components/schemas/User/properties/password', '/components/schemas/User/properties/pin']);
      assert.equal(runCheck(secretInResponseCheck, text)[0]?.message, 'property `password` of schema `User` is a secret in a response schema and is not writeOnly');
    }
  });

  test('follows references to the property definition and reads writeOnly beside a 3.1 $ref', () => {
    const text = `
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /keys:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  privateKey: {$ref: '#/components/schemas/Pem'}
                  signingKey: {$ref: '#/components/schemas/Pem2', writeOnly: true}
components:
  schemas:
    Pem: {type: string}
    Pem2: {type: string}
`;
    assert.deepEqual(findingPointers(secretInResponseCheck, text), ['/components/schemas/Pem']);
  });

  test('reads Swagger 2.0 response schemas and ignores request-only schemas', () => {
    assert.deepEqual(findingPointers(secretInResponseCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /login:
    post:
      parameters:
        - in: body
          name: body
          schema: {$ref: '#/definitions/Login'}
      responses:
        '200':
          description: ok
          schema: {$ref: '#/definitions/Account'}
definitions:
  Login:
    type: object
    properties:
      password: {type: string}
  Account:
    type: object
    properties:
      passwd: {type: string}
`), ['/definitions/Account/properties/passwd']);
  });
});
