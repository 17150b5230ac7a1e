import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { unevaluatedPropertiesUnboundedCheck } from './unevaluated-properties-unbounded.js';

test('OpenAPI 3.1: schema-valued unevaluatedProperties without maxProperties', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    Map: { type: object, unevaluatedProperties: { type: string } }
    Listed: { type: [object, 'null'], unevaluatedProperties: {} }
    Bounded: { type: object, unevaluatedProperties: { type: string }, maxProperties: 4 }
    Open: { type: object, unevaluatedProperties: true }
`;
  const findings = runCheck(unevaluatedPropertiesUnboundedCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/components/schemas/Map', '/components/schemas/Listed']);
  assert.match(findings[0]!.message, /^schema `Map` takes unevaluated properties by schema with no maxProperties/);
});

test('bounded or closed objects report nothing', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    A: { type: object, unevaluatedProperties: false }
    B: { type: object, unevaluatedProperties: { type: string }, maxProperties: 1 }
`;
  assert.deepEqual(findingPointers(unevaluatedPropertiesUnboundedCheck, text), []);
});
