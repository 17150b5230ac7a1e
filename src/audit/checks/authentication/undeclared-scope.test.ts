import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { undeclaredScopeCheck } from './undeclared-scope.js';

test('OpenAPI 3.0: scopes declared by any flow of the scheme count', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
security: [{ oauth: [read] }]
paths:
  /a:
    get:
      security: [{ oauth: [read, write] }, { oauth: [raed, admin], key: [] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: 'https://a.example.com/authorize'
          tokenUrl: 'https://a.example.com/token'
          scopes: { read: Read }
        clientCredentials:
          tokenUrl: 'https://a.example.com/token'
          scopes: { write: Write }
`;
  assert.deepEqual(runCheck(undeclaredScopeCheck, text), [
    { pointer: '/paths/~1a/get/security/1', message: 'GET /a: the requirement asks for scopes no flow declares: `raed`, `admin` of `oauth`' },
  ]);
});

test('OpenAPI 3.1: roles of non-OAuth schemes and OpenID Connect scopes are not checked', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
security: [{ key: [admin] }, { oidc: [openid, profile] }]
paths: {}
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
    oidc: { type: openIdConnect, openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' }
`;
  assert.deepEqual(findingPointers(undeclaredScopeCheck, text), []);
});

test('Swagger 2.0: scopes of the scheme itself', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
security: [{ oauth: [pets:read, pets:delete] }]
paths: {}
securityDefinitions:
  oauth: { type: oauth2, flow: application, tokenUrl: 'https://a.example.com/token', scopes: { pets:read: Read } }
`;
  assert.deepEqual(findingPointers(undeclaredScopeCheck, text), ['/security/0']);
});
