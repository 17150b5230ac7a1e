import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { sensitiveInQueryCheck } from './sensitive-in-query.js';

describe('sensitive-data.sensitive-in-query', () => {
  test('reports personal data in query parameters (OpenAPI 3.0), once per shared definition', () => {
    const text = `
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /users:
    get:
      parameters:
        - {name: email, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}}
        - {name: emailVerified, in: query, schema: {type: boolean}}
        - $ref: '#/components/parameters/Phone'
      responses: {'200': {description: ok}}
  /accounts:
    get:
      parameters:
        - $ref: '#/components/parameters/Phone'
        - {name: ssn, in: header, schema: {type: string}}
      responses: {'200': {description: ok}}
components:
  parameters:
    Phone: {name: phone_number, in: query, schema: {type: string}}
`;
    assert.deepEqual(findingPointers(sensitiveInQueryCheck, text), ['/paths/~1users/get/parameters/0', '/components/parameters/Phone']);
    assert.equal(runCheck(sensitiveInQueryCheck, text)[0]?.message, 'GET /users: the query parameter `email` puts an email address in the URL');
  });

  test('reads Swagger 2.0 and OpenAPI 3.1 parameters', () => {
    assert.deepEqual(findingPointers(sensitiveInQueryCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /cards:
    get:
      parameters:
        - {name: cardNumber, in: query, type: string}
        - {name: cardLast4, in: query, type: string}
      responses: {'200': {description: ok}}
`), ['/paths/~1cards/get/parameters/0']);
    assert.deepEqual(findingPointers(sensitiveInQueryCheck, `
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /people:
    parameters:
      - {name: dateOfBirth, in: query, schema: {type: string, format: date}}
    get:
      responses: {'200': {description: ok}}
`), ['/paths/~1people/parameters/0']);
  });

  test('reports nothing for a compliant document', () => {
    assert.deepEqual(findingPointers(sensitiveInQueryCheck, `
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /users:
    get:
      parameters:
        - {name: userId, in: query, schema: {type: string}}
        - {name: ipAddress, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
`), []);
  });
});
