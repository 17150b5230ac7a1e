import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { unboundedPathParameterCheck } from './unbounded-path-parameter.js';

test('OpenAPI 3.0: string path parameters without pattern, format, enum or maxLength', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /files/{name}:
    parameters:
      - { name: name, in: path, required: true, schema: { type: string } }
    get:
      responses: { '200': { description: ok } }
    delete:
      responses: { '204': { description: ok } }
  /users/{id}/{section}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string, format: uuid } }
        - { name: section, in: path, required: true, schema: { type: string, enum: [a, b] } }
        - { name: q, in: query, schema: { type: string } }
      responses: { '200': { description: ok } }
  /orders/{n}:
    get:
      parameters:
        - { name: n, in: path, required: true, schema: { type: integer } }
      responses: { '200': { description: ok } }
`;
  const findings = runCheck(unboundedPathParameterCheck, text);
  assert.deepEqual(findings, [{ pointer: '/paths/~1files~1{name}/parameters/0', message: '/files/{name}: path parameter `name` accepts any string (no pattern, format, enum or maxLength)' }]);
});

test('OpenAPI 3.1: type lists and a shared parameter reported once', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a/{slug}:
    get:
      parameters: [{ $ref: '#/components/parameters/Slug' }]
      responses: { '200': { description: ok } }
  /b/{slug}:
    get:
      parameters: [{ $ref: '#/components/parameters/Slug' }]
      responses: { '200': { description: ok } }
components:
  parameters:
    Slug: { name: slug, in: path, required: true, schema: { type: [string] } }
`;
  const findings = runCheck(unboundedPathParameterCheck, text);
  assert.deepEqual(findings, [{ pointer: '/components/parameters/Slug', message: 'GET /a/{slug}: path parameter `slug` accepts any string (no pattern, format, enum or maxLength)' }]);
});

test('Swagger 2.0: path parameters carry their type inline', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a/{key}/{code}:
    get:
      parameters:
        - { name: key, in: path, required: true, type: string }
        - { name: code, in: path, required: true, type: string, pattern: '^[a-z]{2}$' }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(unboundedPathParameterCheck, text), ['/paths/~1a~1{key}~1{code}/get/parameters/0']);
});
