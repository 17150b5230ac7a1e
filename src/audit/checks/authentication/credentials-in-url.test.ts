import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { credentialsInUrlCheck, isCredentialName } from './credentials-in-url.js';

test('names that carry credentials', () => {
  for (const name of ['token', 'access_token', 'refreshToken', 'id_token', 'client_secret', 'clientSecret', 'password', 'api-key', 'apiKey', 'api_key', 'X-API-KEY', 'sessionId', 'auth', 'pwd']) {
    assert.equal(isCredentialName(name), true, name);
  }
  for (const name of ['id', 'author', 'page', 'keyword', 'sort', 'session', 'url']) assert.equal(isCredentialName(name), false, name);
});

test('OpenAPI 3.0: query and path parameters, at path, operation, component and callback level', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a/{token}:
    parameters:
      - { name: token, in: path, required: true, schema: { type: string } }
    get:
      parameters:
        - { name: access_token, in: query, schema: { type: string } }
        - { name: Authorization, in: header, schema: { type: string } }
        - { name: password, in: cookie, schema: { type: string } }
        - $ref: '#/components/parameters/Secret'
        - { name: page, in: query, schema: { type: integer } }
      responses: { '200': { description: ok } }
      callbacks:
        done:
          '{$request.query.url}':
            post:
              parameters:
                - { name: apiKey, in: query, schema: { type: string } }
              responses: { '200': { description: ok } }
    post:
      parameters:
        - $ref: '#/components/parameters/Secret'
      responses: { '200': { description: ok } }
components:
  parameters:
    Secret: { name: client_secret, in: query, schema: { type: string } }
    Unused: { name: refresh_token, in: query, schema: { type: string } }
`;
  const findings = runCheck(credentialsInUrlCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/paths/~1a~1{token}/parameters/0',
    '/paths/~1a~1{token}/get/parameters/0',
    '/components/parameters/Secret',
    '/paths/~1a~1{token}/get/callbacks/done/{$request.query.url}/post/parameters/0',
    '/components/parameters/Unused',
  ]);
  assert.equal(findings[1]!.message, 'the query parameter `access_token` carries a credential in the URL');
});

test('OpenAPI 3.1: webhooks; a clean document reports nothing', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
webhooks:
  ping:
    post:
      parameters:
        - { name: secret, in: query, schema: { type: string } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(credentialsInUrlCheck, text), ['/webhooks/ping/post/parameters/0']);
  assert.deepEqual(findingPointers(credentialsInUrlCheck, text.replace('name: secret', 'name: event')), []);
});

test('Swagger 2.0: query parameters and reusable parameters; formData is not the URL', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /login:
    post:
      parameters:
        - { name: password, in: formData, type: string }
        - { name: token, in: query, type: string }
        - $ref: '#/parameters/Key'
      responses: { '200': { description: ok } }
parameters:
  Key: { name: api_key, in: query, type: string }
`;
  assert.deepEqual(findingPointers(credentialsInUrlCheck, text), ['/paths/~1login/post/parameters/1', '/parameters/Key']);
});
