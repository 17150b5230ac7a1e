import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { piiInResponseCheck } from './pii-in-response.js';

describe('sensitive-data.pii-in-response', () => {
  test('reports identity, card and bank numbers returned unmasked (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /customers/{id}:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Customer'}
components:
  schemas:
    Customer:
      type: object
      properties:
        email: {type: string}
        ssn: {type: string}
        cardNumber: {type: string, description: 'Masked: only the last 4 digits are shown.'}
        cvv: {type: string}
        iban: {type: string, x-masked: true}
        accountNumber: {type: string, maxLength: 4}
        cardLast4: {type: string}
        passportNumber: {type: string, writeOnly: true}
`;
      assert.deepEqual(findingPointers(piiInResponseCheck, text), ['/components/schemas/Customer/properties/ssn', '/components/schemas/Customer/properties/cvv']);
      assert.equal(runCheck(piiInResponseCheck, text)[0]?.message, 'property `ssn` of schema `Customer` returns a national identity or tax number with no sign of masking');
    }
  });

  test('reads Swagger 2.0 and ignores request-only schemas', () => {
    assert.deepEqual(findingPointers(piiInResponseCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /payments:
    post:
      parameters:
        - in: body
          name: body
          schema:
            type: object
            properties:
              creditCardNumber: {type: string}
      responses:
        '200':
          description: ok
          schema:
            type: object
            properties:
              bankAccountNumber: {type: string}
`), ['/paths/~1payments/post/responses/200/schema/properties/bankAccountNumber']);
  });
});
