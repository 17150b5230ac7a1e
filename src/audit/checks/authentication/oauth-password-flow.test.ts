import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { oauthPasswordFlowCheck } from './oauth-password-flow.js';

const OAS3_FLOWS = `
paths: {}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        password: { tokenUrl: 'https://auth.example.com/token', scopes: { read: r } }
        clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { read: r } }
`;

test('OpenAPI 3.0 and 3.1: the password flow is reported at the flow', () => {
  for (const version of ['3.0.3', '3.1.0']) {
    const text = `openapi: ${version}\ninfo: { title: t, version: '1' }\n${OAS3_FLOWS}`;
    assert.deepEqual(runCheck(oauthPasswordFlowCheck, text), [
      { pointer: '/components/securitySchemes/oauth/flows/password', message: 'security scheme `oauth` offers the OAuth 2.0 password flow' },
    ]);
    assert.deepEqual(findingPointers(oauthPasswordFlowCheck, text.replace(/ {8}password:.*\n/, '')), []);
  }
});

test('Swagger 2.0: flow password is reported at the scheme', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
securityDefinitions:
  ropc: { type: oauth2, flow: password, tokenUrl: 'https://auth.example.com/token', scopes: {} }
  machine: { type: oauth2, flow: application, tokenUrl: 'https://auth.example.com/token', scopes: {} }
`;
  assert.deepEqual(findingPointers(oauthPasswordFlowCheck, text), ['/securityDefinitions/ropc']);
});
