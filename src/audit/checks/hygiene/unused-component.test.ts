import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { unusedComponentCheck } from './unused-component.js';

describe('hygiene.unused-component', () => {
  test('reports components nothing reachable references (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      parameters: [{$ref: '#/components/parameters/Limit'}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'shared.yaml#/Pets'}
              examples:
                one: {$ref: '#/components/examples/OnePet'}
        default: {$ref: '#/components/responses/Error'}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
    Offset: {name: offset, in: query, schema: {type: integer}}
  examples:
    OnePet: {value: [{$ref: '#/components/schemas/NotReally'}]}
  responses:
    Error:
      description: error
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
  schemas:
    Error: {type: object}
    Pet:
      type: object
      discriminator:
        propertyName: kind
        mapping: {cat: Cat, dog: '#/components/schemas/Dog'}
      properties:
        owner: {$ref: '#/components/schemas/Owner'}
    Cat: {type: object}
    Dog: {type: object}
    Owner: {type: object}
    NotReally: {type: object}
    Legacy:
      type: object
      properties:
        old: {$ref: '#/components/schemas/LegacyPart'}
    LegacyPart: {type: object}
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
`;
      const files = { 'shared.yaml': 'Pets:\n  type: array\n  items: {$ref: "openapi.yaml#/components/schemas/Pet"}\n' };
      assert.deepEqual(findingPointers(unusedComponentCheck, text, files), [
        '/components/parameters/Offset',
        '/components/schemas/NotReally',
        '/components/schemas/Legacy',
        '/components/schemas/LegacyPart',
      ]);
      assert.equal(runCheck(unusedComponentCheck, text, files)[0]?.message, 'the parameter `Offset` (components/parameters) is defined but never referenced');
    }
  });

  test('reads Swagger 2.0 definitions, parameters and responses', () => {
    const text = `
swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters: [{$ref: '#/parameters/Page'}]
      responses:
        '200': {description: ok, schema: {$ref: '#/definitions/A'}}
parameters:
  Page: {name: page, in: query, type: integer}
  Size: {name: size, in: query, type: integer}
responses:
  NotFound: {description: gone}
definitions:
  A: {type: object, properties: {b: {$ref: '#/definitions/B'}}}
  B: {type: object}
  default: {type: object}
`;
    assert.deepEqual(findingPointers(unusedComponentCheck, text), ['/parameters/Size', '/responses/NotFound', '/definitions/default']);
    assert.equal(runCheck(unusedComponentCheck, text)[2]?.message, 'the schema `default` (definitions) is defined but never referenced');
  });
});
