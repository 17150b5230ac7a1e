import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { serverEnvironmentCheck } from './server-environment.js';

describe('inventory.server-environment', () => {
  test('reports servers whose description names no environment (OpenAPI 3.0 and 3.1)', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info: {title: t, version: '1'}
servers:
  - url: https://api.example.com
    description: Production
  - url: https://staging-api.example.com
    description: 'Pre-production (test data only)'
  - url: https://eu.example.com
  - url: https://products.example.com
    description: Product catalogue
  - url: https://sandbox.example.com
    description: the sandbox
paths:
  /a:
    get:
      servers:
        - {url: https://files.example.com, description: file host}
      responses: {'200': {description: ok}}
`;
      assert.deepEqual(findingPointers(serverEnvironmentCheck, text), ['/servers/2', '/servers/3', '/paths/~1a/get/servers/0']);
      const messages = runCheck(serverEnvironmentCheck, text).map((finding) => finding.message);
      assert.equal(messages[0], 'server `https://eu.example.com` has no description naming its environment');
      assert.equal(messages[1], 'the description of server `https://products.example.com` ("Product catalogue") names no environment such as production, staging or sandbox');
    }
  });

  test('reports a server entry without url, and nothing for Swagger 2.0', () => {
    assert.deepEqual(findingPointers(serverEnvironmentCheck, `
openapi: 3.0.3
info: {title: t, version: '1'}
servers:
  - description: nothing useful
paths: {}
`), ['/servers/0']);
    assert.deepEqual(findingPointers(serverEnvironmentCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
host: api.example.com
paths: {}
`), []);
  });
});
