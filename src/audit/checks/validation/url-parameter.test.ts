import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { isUrlName, nameWords } from './support/names.js';
import { urlParameterCheck } from './url-parameter.js';

test('names are split into words by separators, camelCase and acronyms', () => {
  assert.deepEqual(nameWords('imageURL'), ['image', 'url']);
  assert.deepEqual(nameWords('URLPath'), ['url', 'path']);
  assert.deepEqual(nameWords('redirect_uri'), ['redirect', 'uri']);
  assert.deepEqual(nameWords('s3-bucketUrl'), ['s3', 'bucket', 'url']);
  assert.deepEqual(nameWords('__'), []);
});

test('URL names: every name the Spectral rule matches, and more', () => {
  for (const name of ['callback', 'redirect', 'image_url', 'imageUrl', 'image-url', 'Url', 'ABUrl', 'url', 'redirect_uri', 'returnTo', 'webhook', 'target_href', 'tokenEndpoint', 'imageURL']) {
    assert.equal(isUrlName(name), true, name);
  }
  for (const name of ['curl', 'imageurl', 'callbackId', 'redirects_count', 'name', 'id', 'urlencoded']) {
    assert.equal(isUrlName(name), false, name);
  }
});

test('OpenAPI 3.0: by name and by format, path-level and shared parameters once', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /preview:
    parameters:
      - { name: redirect, in: query, schema: { type: string } }
    get:
      parameters:
        - { name: imageUrl, in: query, schema: { type: string } }
        - { name: source, in: query, schema: { type: string, format: uri } }
        - { name: page, in: query, schema: { type: integer } }
        - { $ref: '#/components/parameters/Callback' }
      responses: { '200': { description: ok } }
    post:
      parameters:
        - { $ref: '#/components/parameters/Callback' }
      responses: { '200': { description: ok } }
components:
  parameters:
    Callback: { name: callback, in: query, schema: { type: string } }
    NotInPaths: { name: next_url, in: query, schema: { type: string } }
`;
  const findings = runCheck(urlParameterCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1preview/parameters/0',
    '/paths/~1preview/get/parameters/0',
    '/paths/~1preview/get/parameters/1',
    '/components/parameters/Callback',
  ]);
  assert.equal(findings[1]!.message, 'GET /preview: query parameter `imageUrl` carries a URL (its name says it holds a URL): check how the server fetches or redirects to it');
  assert.match(findings[2]!.message, /its format is a URL/);
});

test('OpenAPI 3.1 and Swagger 2.0', () => {
  const openapi31 = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /hooks:
    post:
      parameters:
        - { name: webhook_url, in: header, schema: { type: [string, 'null'] } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(urlParameterCheck, openapi31), ['/paths/~1hooks/post/parameters/0']);
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /fetch:
    get:
      parameters:
        - { name: links, in: query, type: array, items: { type: string, format: url } }
        - { name: q, in: query, type: string }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(urlParameterCheck, swagger), ['/paths/~1fetch/get/parameters/0']);
});

test('extension members of paths are read like path items, as Spectral reads them', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  x-internal:
    get:
      parameters:
        - { name: callback, in: query, schema: { type: string } }
`;
  assert.deepEqual(findingPointers(urlParameterCheck, text), ['/paths/x-internal/get/parameters/0']);
});

test('no URL parameters, nothing reported', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: curl, in: query, schema: { type: string } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(urlParameterCheck, text), []);
});
