import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { unresolvedRefCheck } from './unresolved-ref.js';

describe('hygiene.unresolved-ref', () => {
  test('reports missing nodes, missing files and cycles, including under unused components (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters:
        - $ref: '#/components/parameters/Missing'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'other.yaml#/Thing'}
              example: {$ref: '#/not/a/reference'}
components:
  schemas:
    Unused:
      type: object
      properties:
        example: {$ref: '#/components/schemas/Nowhere'}
        loop: {$ref: '#/components/schemas/Loop1'}
        remote: {$ref: 'https://schemas.example.com/x.json'}
    Loop1: {$ref: '#/components/schemas/Loop2'}
    Loop2: {$ref: '#/components/schemas/Loop1'}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Unused'}]
      discriminator:
        propertyName: kind
        mapping: {cat: '#/components/schemas/Cat', unused: Unused}
`;
      assert.deepEqual(findingPointers(unresolvedRefCheck, text).sort(), [
        '/components/schemas/Loop1',
        '/components/schemas/Loop2',
        '/components/schemas/Pet/discriminator/mapping/cat',
        '/components/schemas/Unused/properties/example',
        '/paths/~1a/get/parameters/0',
        '/paths/~1a/get/responses/200/content/application~1json/schema',
      ]);
      const messages = runCheck(unresolvedRefCheck, text).map((finding) => finding.message);
      assert.ok(messages.includes('`$ref: #/components/parameters/Missing` cannot be followed: nothing is defined there (nothing at /components/parameters/Missing in /audit-test/openapi.yaml)'), messages.join('\n'));
    }
  });

  test('reports broken references inside other files, and nothing when all resolve (Swagger 2.0)', () => {
    const text = `
swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          schema: {$ref: 'defs.yaml#/Thing'}
`;
    assert.deepEqual(findingPointers(unresolvedRefCheck, text, { 'defs.yaml': 'Thing:\n  properties:\n    part: {$ref: "#/Part"}\n' }), ['defs.yaml#/Thing/properties/part']);
    assert.deepEqual(findingPointers(unresolvedRefCheck, text, { 'defs.yaml': 'Thing:\n  properties:\n    part: {$ref: "#/Part"}\nPart: {type: string}\n' }), []);
  });
});
