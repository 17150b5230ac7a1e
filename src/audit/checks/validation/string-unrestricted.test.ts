import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { stringUnrestrictedCheck } from './string-unrestricted.js';

test('OpenAPI 3.0: strings with no format, pattern, enum or const', () => {
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
              properties:
                name: { type: string, maxLength: 20 }
                email: { type: string, format: email }
                code: { type: string, pattern: '^[A-Z]{3}$' }
                role: { type: string, enum: [admin, user] }
                kind: { type: string, const: person }
      responses:
        '200':
          description: ok
          headers:
            X-Id: { schema: { type: string } }
`;
  const findings = runCheck(stringUnrestrictedCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1users/post/requestBody/content/application~1json/schema/properties/name',
    '/paths/~1users/post/responses/200/headers/X-Id/schema',
  ]);
  assert.equal(findings[0]!.message, 'property `name` is a string with no format, pattern, enum or const');
  assert.equal(findings[1]!.message, 'header `X-Id` is a string with no format, pattern, enum or const (in responses only)');
});

test('OpenAPI 3.1: type lists, and callbacks outside the operations', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /subscribe:
    post:
      callbacks:
        onEvent:
          '{$request.body#/url}':
            post:
              requestBody:
                content:
                  application/json:
                    schema: { type: [string, 'null'] }
              responses: { '200': { description: ok } }
      responses: { '200': { description: ok } }
components:
  schemas:
    Ok: { type: [string, 'null'], format: uuid }
    Plain: { type: [integer, string] }
`;
  assert.deepEqual(findingPointers(stringUnrestrictedCheck, text).sort(), [
    '/components/schemas/Plain',
    '/paths/~1subscribe/post/callbacks/onEvent/{$request.body#~1url}/post/requestBody/content/application~1json/schema',
  ]);
});

test('Swagger 2.0: parameters, definitions and unused root parameters', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: q, in: query, type: string, maxLength: 9 }
        - { name: d, in: query, type: string, format: date }
      responses: { '200': { description: ok } }
parameters:
  Unused: { name: u, in: header, type: string }
definitions:
  Thing: { type: object, properties: { label: { type: string } } }
`;
  assert.deepEqual(findingPointers(stringUnrestrictedCheck, text).sort(), [
    '/definitions/Thing/properties/label',
    '/parameters/Unused',
    '/paths/~1a/get/parameters/0',
  ]);
});

test('restricted strings report nothing', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    A: { type: string, format: uuid }
    B: { type: string, pattern: '^x$' }
    C: { type: integer }
`;
  assert.deepEqual(findingPointers(stringUnrestrictedCheck, text), []);
});
