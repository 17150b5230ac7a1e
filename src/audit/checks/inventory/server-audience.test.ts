import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { serverAudienceCheck } from './server-audience.js';

describe('inventory.server-audience', () => {
  test('reports servers without a boolean x-internal (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
servers:
  - {url: https://api.example.com, x-internal: false}
  - {url: https://ops.example.com, x-internal: true}
  - {url: https://eu.example.com}
  - {url: https://us.example.com, x-internal: 'no'}
paths:
  /a:
    servers:
      - {url: https://files.example.com}
    get:
      responses: {'200': {description: ok}}
    put:
      responses: {'200': {description: ok}}
`;
      assert.deepEqual(findingPointers(serverAudienceCheck, text), ['/servers/2', '/servers/3', '/paths/~1a/servers/0']);
      assert.deepEqual(runCheck(serverAudienceCheck, text).map((finding) => finding.message).slice(0, 2), [
        'server `https://eu.example.com` does not declare x-internal: true or false',
        'server `https://us.example.com` has x-internal set to "no", not true or false',
      ]);
    }
  });

  test('does not apply to Swagger 2.0', () => {
    assert.deepEqual(findingPointers(serverAudienceCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
host: api.example.com
paths: {}
`), []);
  });
});
