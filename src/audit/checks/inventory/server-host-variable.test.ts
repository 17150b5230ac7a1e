import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { serverHostVariableCheck } from './server-host-variable.js';

describe('inventory.server-host-variable', () => {
  test('reports hosts set by variables without enum (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
servers:
  - url: https://{host}/v1
    variables: {host: {default: api.example.com}}
  - url: https://api.{domain}
    variables: {domain: {default: example.com}}
  - url: https://{tenant}.example.com
    variables: {tenant: {default: www}}
  - url: https://{region}.example.com:{port}
    variables: {region: {default: eu}, port: {default: '443'}}
  - url: https://{env}
    variables: {env: {default: api.example.com, enum: [api.example.com, staging.example.com]}}
  - url: '{baseUrl}/v2'
    variables: {baseUrl: {default: 'https://api.example.com'}}
  - url: '{basePath}/v3'
    variables: {basePath: {default: /api}}
  - url: /v1
paths: {}
`;
      assert.deepEqual(findingPointers(serverHostVariableCheck, text), ['/servers/0', '/servers/1', '/servers/5']);
      assert.equal(runCheck(serverHostVariableCheck, text)[0]?.message, 'the host of server `https://{host}/v1` is set by `{host}` with no enum: any host is allowed');
    }
  });

  test('does not apply to Swagger 2.0', () => {
    assert.deepEqual(findingPointers(serverHostVariableCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
host: api.example.com
paths: {}
`), []);
  });
});
