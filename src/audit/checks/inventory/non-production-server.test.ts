import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { nonProductionServerCheck } from './non-production-server.js';

describe('inventory.non-production-server', () => {
  test('reports loopback, private, internal, bare-IP and staging hosts next to production (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
servers:
  - url: https://api.example.com
  - url: http://localhost:8080
  - url: http://10.1.2.3/api
  - url: https://billing.internal
  - url: http://{host}:3000
    variables: {host: {default: 127.0.0.1}}
  - url: https://203.0.113.7
  - url: https://staging.example.com
  - url: https://dev-api.example.com
    x-internal: true
  - url: https://sandbox.example.com
  - url: http://[::1]:8080
  - url: http://backend/v1
  - url: /relative
paths: {}
`;
      assert.deepEqual(findingPointers(nonProductionServerCheck, text), ['/servers/1', '/servers/2', '/servers/3', '/servers/4', '/servers/5', '/servers/6', '/servers/9', '/servers/10']);
      const messages = runCheck(nonProductionServerCheck, text).map((finding) => finding.message);
      assert.equal(messages[0], 'server `http://localhost:8080` points at the loopback host');
      assert.equal(messages[5], 'server `https://staging.example.com` points at a development or pre-production host, listed next to production servers');
    }
  });

  test('a document describing only staging is not reported for it', () => {
    assert.deepEqual(findingPointers(nonProductionServerCheck, `
openapi: 3.0.3
info: {title: t, version: '1'}
servers:
  - url: https://api.staging.example.com
paths: {}
`), []);
  });

  test('reads the Swagger 2.0 host once for all schemes', () => {
    assert.deepEqual(findingPointers(nonProductionServerCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
host: localhost:8080
schemes: [http, https]
basePath: /v1
paths: {}
`), ['/schemes']);
    assert.deepEqual(findingPointers(nonProductionServerCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
host: api.example.com
paths: {}
`), []);
  });
});
