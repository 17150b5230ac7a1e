import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { unevaluatedPropertiesOpenCheck } from './unevaluated-properties-open.js';

test('OpenAPI 3.1: unevaluatedProperties true or a schema', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema:
              allOf: [{ $ref: '#/components/schemas/Base' }]
              unevaluatedProperties: true
      responses: { '204': { description: ok } }
components:
  schemas:
    Base: { type: object, properties: { a: { type: string } } }
    Map: { type: object, unevaluatedProperties: { type: string }, maxProperties: 4 }
    Closed: { type: object, unevaluatedProperties: false }
`;
  const findings = runCheck(unevaluatedPropertiesOpenCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1a/post/requestBody/content/application~1json/schema/unevaluatedProperties',
    '/components/schemas/Map/unevaluatedProperties',
  ]);
  assert.match(findings[0]!.message, /allows any unevaluated property \(unevaluatedProperties: true\)$/);
  assert.match(findings[1]!.message, /^schema `Map` accepts unevaluated properties of any name/);
});

test('closed objects report nothing', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    A: { type: object, unevaluatedProperties: false }
    B: { type: object }
`;
  assert.deepEqual(findingPointers(unevaluatedPropertiesOpenCheck, text), []);
});
