import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { shortLivedTokensCheck } from './short-lived-tokens.js';

test('OpenAPI 3.0: every flow without a refreshUrl', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: 'https://a.example.com/authorize'
          tokenUrl: 'https://a.example.com/token'
          scopes: {}
        password:
          tokenUrl: 'https://a.example.com/token'
          refreshUrl: 'https://a.example.com/refresh'
          scopes: {}
        implicit: { authorizationUrl: 'https://a.example.com/authorize', scopes: {} }
        x-vendor: { note: not a flow }
`;
  assert.deepEqual(runCheck(shortLivedTokensCheck, text), [
    { pointer: '/components/securitySchemes/oauth/flows/authorizationCode', message: 'the authorizationCode flow of `oauth` declares no refreshUrl' },
    {
      pointer: '/components/securitySchemes/oauth/flows/implicit',
      message: 'the implicit flow of `oauth` declares no refreshUrl (the implicit flow cannot issue refresh tokens: move to the authorization code flow with PKCE)',
    },
  ]);
});

test('OpenAPI 3.1: a referenced flow object is reported at its definition; an empty refreshUrl counts as none', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials: { $ref: '#/x-flows/machine' }
x-flows:
  machine: { tokenUrl: 'https://a.example.com/token', refreshUrl: '', scopes: {} }
`;
  assert.deepEqual(findingPointers(shortLivedTokensCheck, text), ['/x-flows/machine']);
});

test('Swagger 2.0 cannot declare a refreshUrl: nothing is asked', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
securityDefinitions:
  oauth: { type: oauth2, flow: accessCode, authorizationUrl: 'https://a.example.com/authorize', tokenUrl: 'https://a.example.com/token', scopes: {} }
`;
  assert.deepEqual(findingPointers(shortLivedTokensCheck, text), []);
});
