import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { apiKeyInUrlCheck } from './api-key-in-url.js';

test('OpenAPI 3.0: keys in the query and the path; header and cookie are fine', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    queryKey: { type: apiKey, in: query, name: api_key }
    pathKey: { type: apiKey, in: path, name: key }
    headerKey: { type: apiKey, in: header, name: X-API-Key }
    cookieKey: { type: apiKey, in: cookie, name: session }
`;
  assert.deepEqual(runCheck(apiKeyInUrlCheck, text), [
    { pointer: '/components/securitySchemes/queryKey', message: 'security scheme `queryKey` sends its API key in the query string as `api_key`' },
    { pointer: '/components/securitySchemes/pathKey', message: 'security scheme `pathKey` sends its API key in the path as `key`' },
  ]);
});

test('OpenAPI 3.1: a scheme in another file is reported there', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    key: { $ref: 'schemes.yaml#/QueryKey' }
`;
  const schemes = `
QueryKey: { type: apiKey, in: query, name: key }
`;
  assert.deepEqual(findingPointers(apiKeyInUrlCheck, text, { 'schemes.yaml': schemes }), ['schemes.yaml#/QueryKey']);
});

test('Swagger 2.0: in query', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
securityDefinitions:
  key: { type: apiKey, in: query, name: key }
  header: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(findingPointers(apiKeyInUrlCheck, text), ['/securityDefinitions/key']);
});
