import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { missingExampleCheck } from './missing-example.js';

describe('hygiene.missing-example', () => {
  test('reports bodies with no example on the media type or in the schema tree (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewOrder'}
          application/xml:
            schema: {$ref: '#/components/schemas/Bare'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Bare'}
              example: {id: 1}
        '400':
          description: bad
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Bare'}
        '204':
          description: none
components:
  schemas:
    NewOrder:
      type: object
      properties:
        item: {allOf: [{$ref: '#/components/schemas/Item'}]}
    Item: {type: string, example: apple}
    Bare: {type: object, properties: {id: {type: integer}}}
`;
      assert.deepEqual(findingPointers(missingExampleCheck, text), [
        '/paths/~1orders/post/requestBody/content/application~1xml',
        '/paths/~1orders/post/responses/400/content/application~1json',
      ]);
      assert.equal(runCheck(missingExampleCheck, text)[0]?.message, 'POST /orders: the request body (application/xml) has no example');
    }
  });

  test('reads Swagger 2.0 bodies and responses once each', () => {
    assert.deepEqual(findingPointers(missingExampleCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
produces: [application/json, application/xml]
paths:
  /orders:
    post:
      parameters:
        - {in: body, name: body, schema: {type: object}}
      responses:
        '200': {description: ok, schema: {type: object}}
        '201': {description: ok, schema: {type: object}, examples: {application/json: {id: 1}}}
`), ['/paths/~1orders/post/parameters/0', '/paths/~1orders/post/responses/200']);
  });
});
