import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditDocument } from '../../../document.js';
import { buildAuditApi } from '../../../model.js';
import { parseSourceText } from '../../../source-file.js';
import { responseCatalog } from './response-sites.js';

function catalogOf(text: string): ReturnType<typeof responseCatalog> {
  return responseCatalog(buildAuditApi(AuditDocument.fromFiles([parseSourceText('/t/openapi.yaml', text)])));
}

test('sites: operations, nested and self-referencing callbacks, webhooks, unused component path items', () => {
  const catalog = catalogOf(`
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    post:
      responses: { '200': { description: ok } }
      callbacks:
        loop: { $ref: '#/components/callbacks/Loop' }
webhooks:
  ping:
    post:
      responses: { '200': { description: ok } }
components:
  callbacks:
    Loop:
      '{$url}':
        post:
          responses: { '200': { description: ok } }
          callbacks:
            again: { $ref: '#/components/callbacks/Loop' }
  pathItems:
    Spare:
      get:
        responses: { '200': { description: ok, headers: { X-A: { schema: { type: string } } } } }
  headers:
    X-B: { schema: { type: string } }
`);
  assert.deepEqual(catalog.sites.map((site) => [site.label, site.kind, site.underPaths]), [
    ['POST /a', 'operation', true],
    ['callback loop POST {$url} of POST /a', 'callback', true],
    ['webhook ping POST', 'webhook', false],
    ['components/pathItems/Spare GET', 'component', false],
  ]);
  assert.deepEqual(catalog.headerMaps.map((map) => [map.label, map.at.pointer]), [
    ['components/pathItems/Spare GET 200 response', '/components/pathItems/Spare/get/responses/200/headers'],
    ['components/headers', '/components/headers'],
  ]);
});

test('reusable responses: components/responses and Swagger 2.0 responses', () => {
  const swagger = catalogOf(`
swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
responses:
  '429': { description: slow, headers: { Retry-After: { type: integer } }, schema: { type: object } }
`);
  assert.equal(swagger.reusable.length, 1);
  assert.equal(swagger.reusable[0]!.response.headers[0]!.name, 'Retry-After');
  assert.equal(swagger.reusable[0]!.response.content[0]!.mediaType, 'application/json');
  assert.deepEqual(swagger.headerMaps.map((map) => map.at.pointer), ['/responses/429/headers']);
});

test('headers named x-... are headers, not extensions; webhooks are read in document order', () => {
  const catalog = catalogOf(`
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
webhooks:
  first:
    post:
      responses: { '200': { description: ok, headers: { x-request-id: { schema: { type: string } } } } }
  second:
    post:
      responses: { '200': { description: ok } }
`);
  assert.deepEqual(catalog.sites.map((site) => site.label), ['webhook first POST', 'webhook second POST']);
  assert.deepEqual(catalog.headerMaps[0]!.headers.map((header) => header.name), ['x-request-id']);
});
