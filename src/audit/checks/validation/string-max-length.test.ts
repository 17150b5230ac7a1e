import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { stringMaxLengthCheck } from './string-max-length.js';

test('OpenAPI 3.0: strings without maxLength, enum or const are reported once per definition', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /users:
    post:
      parameters:
        - { name: q, in: query, schema: { type: string } }
        - { name: sort, in: query, schema: { type: string, enum: [asc, desc] } }
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/User' }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/User' }
components:
  schemas:
    User:
      type: object
      properties:
        name: { type: string }
        code: { type: string, maxLength: 10 }
        kind: { type: string, const: person }
        avatar: { type: string, format: binary }
        tags: { type: array, maxItems: 3, items: { type: string } }
    Unused:
      type: string
`;
  const findings = runCheck(stringMaxLengthCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer).sort(), [
    '/components/schemas/Unused',
    '/components/schemas/User/properties/avatar',
    '/components/schemas/User/properties/name',
    '/components/schemas/User/properties/tags/items',
    '/paths/~1users/post/parameters/0/schema',
  ]);
  assert.match(findings.find((finding) => finding.pointer.endsWith('/name'))!.message, /^property `name` is a string with no maxLength/);
  assert.match(findings.find((finding) => finding.pointer.endsWith('/avatar'))!.message, /format binary/);
  assert.match(findings.find((finding) => finding.pointer.endsWith('/parameters/0/schema'))!.message, /^query parameter `q`/);
  assert.match(findings.find((finding) => finding.pointer.endsWith('/Unused'))!.message, /in no operation's request or response/);
  assert.match(findings.find((finding) => finding.pointer.endsWith('/tags/items'))!.message, /^the items of property `tags` is a string/);
});

test('OpenAPI 3.1: a type list containing string counts; webhooks and unused reusable parameters are read too', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
webhooks:
  created:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { note: { type: [string, 'null'] } } }
      responses: { '200': { description: ok } }
components:
  parameters:
    Search: { name: s, in: query, schema: { type: string } }
    Filter: { name: f, in: query, content: { application/json: { schema: { type: string, maxLength: 9 } } } }
    Raw: { name: r, in: query, content: { text/plain: { schema: { type: string } } } }
  schemas:
    Fine: { type: [string, 'null'], maxLength: 5 }
`;
  const findings = runCheck(stringMaxLengthCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer).sort(), [
    '/components/parameters/Raw/content/text~1plain/schema',
    '/components/parameters/Search/schema',
    '/webhooks/created/post/requestBody/content/application~1json/schema/properties/note',
  ]);
  assert.match(findings.find((finding) => finding.pointer.includes('Raw'))!.message, /^query parameter `r` is a string/);
});

test('Swagger 2.0: non-body parameters and headers are their own schema', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /items/{id}:
    parameters:
      - { name: id, in: path, required: true, type: string }
    get:
      parameters:
        - { name: tags, in: query, type: array, maxItems: 2, items: { type: string } }
        - { name: lang, in: header, type: string, maxLength: 5 }
      responses:
        '200':
          description: ok
          headers:
            X-Trace: { type: string }
`;
  assert.deepEqual(findingPointers(stringMaxLengthCheck, text).sort(), [
    '/paths/~1items~1{id}/get/parameters/0/items',
    '/paths/~1items~1{id}/get/responses/200/headers/X-Trace',
    '/paths/~1items~1{id}/parameters/0',
  ]);
});

test('a schema pasted into an example is read too (Spectral matches every `type` in the document)', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    Tree:
      type: array
      maxItems: 5
      items: { type: string, maxLength: 9 }
      example:
        - { type: object, properties: { path: { type: string } } }
`;
  const findings = runCheck(stringMaxLengthCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/components/schemas/Tree/example/0/properties/path']);
  assert.match(findings[0]!.message, /^property `path` is a string with no maxLength, enum or const \(a schema-like object where no schema belongs/);
});

test('a document of bounded strings reports nothing', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: q, in: query, schema: { type: string, maxLength: 20 } }
      responses: { '200': { description: ok } }
components:
  schemas:
    S: { type: string, enum: [a] }
    N: { type: integer }
`;
  assert.deepEqual(findingPointers(stringMaxLengthCheck, text), []);
});
