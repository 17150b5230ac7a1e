import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { serverBannerHeaderCheck } from './server-banner-header.js';

describe('sensitive-data.server-banner-header', () => {
  test('reports documented banner headers once per definition (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          headers:
            X-Powered-By: {schema: {type: string}}
            X-Request-Id: {schema: {type: string}}
            Server: {$ref: '#/components/headers/Server'}
  /b:
    get:
      responses:
        '200':
          description: ok
          headers:
            Server: {$ref: '#/components/headers/Server'}
components:
  headers:
    Server: {schema: {type: string}}
`;
      assert.deepEqual(findingPointers(serverBannerHeaderCheck, text), ['/paths/~1a/get/responses/200/headers/X-Powered-By', '/components/headers/Server']);
      assert.equal(runCheck(serverBannerHeaderCheck, text)[0]?.message, 'GET /a: the 200 response declares the header `X-Powered-By`, which names the server software');
    }
  });

  test('reads Swagger 2.0 headers', () => {
    assert.deepEqual(findingPointers(serverBannerHeaderCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          headers:
            X-AspNet-Version: {type: string}
            ETag: {type: string}
`), ['/paths/~1a/get/responses/200/headers/X-AspNet-Version']);
  });
});
