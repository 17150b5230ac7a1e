import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { noVersioningCheck } from './no-versioning.js';

const document = (servers: string, paths: string): string => `
openapi: 3.0.3
info: {title: t, version: 1.4.0}
${servers}
paths:
${paths}
`;
const plainPaths = `
  /orders:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {type: object}}`;

describe('inventory.no-versioning', () => {
  test('reports a document where no request carries a version', () => {
    const text = document('servers: [{url: https://api.example.com}]', plainPaths);
    assert.deepEqual(findingPointers(noVersioningCheck, text), ['/info']);
    assert.match(runCheck(noVersioningCheck, text)[0]?.message ?? '', /no request carries an API version.*\(info.version is `1.4.0`\)$/);
  });

  test('accepts a version in server paths or hosts, paths, headers, query parameters and media types', () => {
    const accepted = [
      document('servers: [{url: https://api.example.com/v2}]', plainPaths),
      document('servers: [{url: "https://api.example.com/{version}", variables: {version: {default: v1}}}]', plainPaths),
      document('servers: [{url: https://api-v3.example.com}]', plainPaths),
      document('servers: [{url: https://api.example.com/api/2024-01-15}]', plainPaths),
      document('', plainPaths.replace('/orders:', '/1.0/orders:')),
      document('', plainPaths.replace('get:', 'get:\n      parameters: [{name: X-API-Version, in: header, schema: {type: string}}]')),
      document('', plainPaths.replace('get:', 'get:\n      parameters: [{name: api-version, in: query, schema: {type: string}}]')),
      document('', plainPaths.replace('application/json:', 'application/vnd.shop.v2+json:')),
      document('', plainPaths.replace('application/json:', "'application/json; version=2':")),
    ];
    for (const text of accepted) assert.deepEqual(findingPointers(noVersioningCheck, text), [], text);
  });

  test('reads Swagger 2.0 basePath and OpenAPI 3.1', () => {
    const swagger = (basePath: string): string => `
swagger: '2.0'
info: {title: t, version: '1'}
host: api.example.com
basePath: ${basePath}
paths:
  /orders:
    get: {responses: {'200': {description: ok}}}
`;
    assert.deepEqual(findingPointers(noVersioningCheck, swagger('/v1')), []);
    assert.deepEqual(findingPointers(noVersioningCheck, swagger('/api')), ['/info']);
    assert.deepEqual(findingPointers(noVersioningCheck, `
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /v1/orders:
    get: {responses: {'200': {description: ok}}}
`), []);
  });
});
