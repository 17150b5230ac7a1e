import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { uploadWithoutSizeLimitCheck } from './upload-without-size-limit.js';

test('OpenAPI 3.0: multipart files, raw binary bodies and base64 fields without maxLength or 413', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /avatar:
    put:
      requestBody:
        content:
          image/png: {}
          application/octet-stream: { schema: { type: string, format: binary, maxLength: 1048576 } }
      responses: { '204': { description: ok } }
  /documents:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                title: { type: string }
                file: { $ref: '#/components/schemas/File' }
                attachments: { type: array, items: { type: string, format: binary } }
      responses: { '201': { description: ok } }
    put:
      requestBody:
        content:
          multipart/form-data:
            schema: { type: object, properties: { file: { $ref: '#/components/schemas/File' } } }
      responses: { '200': { description: ok } }
  /limited:
    post:
      requestBody:
        content:
          application/octet-stream: { schema: { type: string, format: binary } }
      responses: { '201': { description: ok }, '413': { description: too large } }
components:
  schemas:
    File: { type: string, format: binary }
`;
  const findings = runCheck(uploadWithoutSizeLimitCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1avatar/put/requestBody/content/image~1png',
    '/components/schemas/File',
    '/paths/~1documents/post/requestBody/content/multipart~1form-data/schema/properties/attachments/items',
  ]);
  assert.equal(findings[0]!.message, 'PUT /avatar: the `image/png` body has no maxLength and the operation declares no 413 response');
  assert.equal(findings[1]!.message, 'PUT /documents: the binary field `file` has no maxLength and the operation declares no 413 response');
});

test('OpenAPI 3.1: contentMediaType marks a binary string; JSON bodies without one report nothing', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { photo: { type: string, contentEncoding: base64 }, name: { type: string } } }
      responses: { '201': { description: ok } }
    put:
      requestBody:
        content:
          application/json: { schema: { type: object, properties: { name: { type: string } } } }
      responses: { '201': { description: ok } }
`;
  assert.deepEqual(findingPointers(uploadWithoutSizeLimitCheck, text), ['/paths/~1a/post/requestBody/content/application~1json/schema/properties/photo']);
});

test('Swagger 2.0: file form fields and binary bodies', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    post:
      consumes: [multipart/form-data]
      parameters:
        - { name: upload, in: formData, type: file }
        - { name: note, in: formData, type: string }
      responses: { '201': { description: ok } }
    put:
      consumes: [application/octet-stream]
      parameters:
        - { name: body, in: body, schema: { type: string, format: binary } }
      responses: { '201': { description: ok } }
    patch:
      consumes: [multipart/form-data]
      parameters:
        - { name: upload, in: formData, type: file }
      responses: { '201': { description: ok }, '413': { description: too large } }
`;
  assert.deepEqual(findingPointers(uploadWithoutSizeLimitCheck, text).sort(), ['/paths/~1a/post/parameters/0', '/paths/~1a/put/parameters/0/schema']);
});
