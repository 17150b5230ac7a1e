import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { additionalPropertiesOpenCheck } from './additional-properties-open.js';

test('OpenAPI 3.0: additionalProperties true, {} or a schema, reported at the value; false and absent are fine', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              additionalProperties: true
              properties:
                meta: { type: object, additionalProperties: {} }
                labels: { type: object, additionalProperties: { type: string, maxLength: 9 } }
                strict: { type: object, additionalProperties: false }
                plain: { type: object }
      responses: { '204': { description: ok } }
components:
  schemas:
    Untyped: { additionalProperties: true }
    NotObject: { type: string, additionalProperties: true }
`;
  const findings = runCheck(additionalPropertiesOpenCheck, text);
  const body = '/paths/~1users/post/requestBody/content/application~1json/schema';
  assert.deepEqual(findings.map((finding) => finding.pointer).sort(), [
    '/components/schemas/Untyped/additionalProperties',
    `${body}/additionalProperties`,
    `${body}/properties/labels/additionalProperties`,
    `${body}/properties/meta/additionalProperties`,
  ]);
  assert.equal(findings.find((finding) => finding.pointer === `${body}/additionalProperties`)!.message, 'the POST /users request body (application/json) allows any additional property (additionalProperties: true)');
  assert.match(findings.find((finding) => finding.pointer.includes('labels'))!.message, /^property `labels` accepts properties of any name/);
});

test('a referenced additionalProperties schema is reported at its definition, once per object using it', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    Value: { type: integer }
    A: { type: object, additionalProperties: { $ref: '#/components/schemas/Value' } }
    B: { type: object, additionalProperties: { $ref: '#/components/schemas/Value' } }
`;
  assert.deepEqual(runCheck(additionalPropertiesOpenCheck, text), [
    { pointer: '/components/schemas/Value', message: 'schema `A` accepts properties of any name beyond those listed (additionalProperties is a schema) (this schema, referenced from `/components/schemas/A/additionalProperties`) (in no operation\'s request or response)' },
    { pointer: '/components/schemas/Value', message: 'schema `B` accepts properties of any name beyond those listed (additionalProperties is a schema) (this schema, referenced from `/components/schemas/B/additionalProperties`) (in no operation\'s request or response)' },
  ]);
});

test('OpenAPI 3.1 and Swagger 2.0 are read the same way', () => {
  const openapi31 = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    Map: { type: [object, 'null'], additionalProperties: { type: integer } }
`;
  assert.deepEqual(findingPointers(additionalPropertiesOpenCheck, openapi31), ['/components/schemas/Map/additionalProperties']);
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    post:
      parameters:
        - { name: body, in: body, schema: { type: object, additionalProperties: true } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(additionalPropertiesOpenCheck, swagger), ['/paths/~1a/post/parameters/0/schema/additionalProperties']);
});

test('closed objects report nothing', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    A: { type: object, additionalProperties: false, properties: { a: { type: string } } }
`;
  assert.deepEqual(findingPointers(additionalPropertiesOpenCheck, text), []);
});
