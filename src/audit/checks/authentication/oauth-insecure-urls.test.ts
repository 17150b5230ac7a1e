import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { oauthInsecureUrlsCheck } from './oauth-insecure-urls.js';

test('OpenAPI 3.0: flow URLs over http, one finding per flow; https and relative URLs are fine', () => {
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
          authorizationUrl: 'http://auth.example.com/authorize'
          tokenUrl: 'HTTP://auth.example.com/token'
          refreshUrl: 'https://auth.example.com/refresh'
          scopes: {}
        clientCredentials: { tokenUrl: '/oauth/token', scopes: {} }
`;
  assert.deepEqual(runCheck(oauthInsecureUrlsCheck, text), [{
    pointer: '/components/securitySchemes/oauth/flows/authorizationCode',
    message: 'the authorizationCode flow of `oauth` does not use HTTPS: authorizationUrl http://auth.example.com/authorize, tokenUrl HTTP://auth.example.com/token',
  }]);
});

test('OpenAPI 3.1: openIdConnectUrl over http', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    oidc: { type: openIdConnect, openIdConnectUrl: 'http://id.example.com/.well-known/openid-configuration' }
    good: { type: openIdConnect, openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' }
`;
  assert.deepEqual(runCheck(oauthInsecureUrlsCheck, text), [{
    pointer: '/components/securitySchemes/oidc',
    message: 'security scheme `oidc` has its openIdConnectUrl over http: http://id.example.com/.well-known/openid-configuration',
  }]);
});

test('Swagger 2.0: the flow is the scheme', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
securityDefinitions:
  oauth: { type: oauth2, flow: accessCode, authorizationUrl: 'https://a.example.com/authorize', tokenUrl: 'http://a.example.com/token', scopes: {} }
  safe: { type: oauth2, flow: application, tokenUrl: 'https://a.example.com/token', scopes: {} }
`;
  assert.deepEqual(findingPointers(oauthInsecureUrlsCheck, text), ['/securityDefinitions/oauth']);
});
