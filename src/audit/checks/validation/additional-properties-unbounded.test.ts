import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { additionalPropertiesUnboundedCheck } from './additional-properties-unbounded.js';

test('OpenAPI 3.0: schema-valued additionalProperties without maxProperties', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    put:
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Labels' }
      responses: { '204': { description: ok } }
components:
  schemas:
    Labels: { type: object, additionalProperties: { type: string } }
    Empty: { type: object, additionalProperties: {} }
    Bounded: { type: object, maxProperties: 20, additionalProperties: { type: string } }
    Open: { type: object, additionalProperties: true }
`;
  const findings = runCheck(additionalPropertiesUnboundedCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/components/schemas/Labels', '/components/schemas/Empty']);
  assert.equal(findings[0]!.message, 'schema `Labels` takes additional properties by schema with no maxProperties');
  assert.match(findings[1]!.message, /in no operation's request or response/);
});

test('OpenAPI 3.1 and Swagger 2.0', () => {
  const openapi31 = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    Map: { type: [object, 'null'], additionalProperties: { type: integer } }
`;
  assert.deepEqual(findingPointers(additionalPropertiesUnboundedCheck, openapi31), ['/components/schemas/Map']);
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
definitions:
  Map: { type: object, additionalProperties: { type: string } }
  Fine: { type: object, maxProperties: 3, additionalProperties: { type: string } }
`;
  assert.deepEqual(findingPointers(additionalPropertiesUnboundedCheck, swagger), ['/definitions/Map']);
});
