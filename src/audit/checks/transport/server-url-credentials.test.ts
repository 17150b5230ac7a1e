import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { serverUrlCredentialsCheck } from './server-url-credentials.js';

test('OpenAPI 3.0: user information and secret query parameters, masked in the message', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
servers:
  - url: https://admin:s3cret@api.example.com/v1
  - url: https://api.example.com/v1?api_key=abc123&region=eu
  - url: https://api.example.com/users/@me
  - url: https://api.example.com/v1?region=eu
paths:
  /a:
    get:
      servers: [{ url: 'https://{user}@files.example.com' }]
      responses: { '200': { description: ok } }
`;
  const findings = runCheck(serverUrlCredentialsCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/servers/0', '/servers/1', '/paths/~1a/get/servers/0']);
  assert.equal(findings[0]!.message, 'server `https://***@api.example.com/v1` carries credentials before the host');
  assert.equal(findings[1]!.message, 'server `https://api.example.com/v1?***` carries a secret in the query parameter `api_key`');
});

test('OpenAPI 3.1: clean servers report nothing', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
servers: [{ url: 'https://api.example.com' }, { url: '/v1' }]
paths: {}
`;
  assert.deepEqual(findingPointers(serverUrlCredentialsCheck, text), []);
});

test('Swagger 2.0: a user in the host', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
host: 'deploy:token@api.example.com'
paths: {}
`;
  assert.deepEqual(findingPointers(serverUrlCredentialsCheck, text), ['/host']);
});
