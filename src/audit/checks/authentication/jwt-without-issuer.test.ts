import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { jwtWithoutIssuerCheck } from './jwt-without-issuer.js';

test('OpenAPI 3.0: JWT schemes that name no issuer', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    jwt: { type: http, scheme: bearer, bearerFormat: JWT }
    extension: { type: http, scheme: bearer, bearerFormat: JWT, x-issuer: 'https://id.example.com/' }
    described: { type: http, scheme: bearer, bearerFormat: JWT, description: 'Issued by https://id.example.com/' }
    opaque: { type: http, scheme: bearer }
    oauthJwt:
      type: oauth2
      description: Access tokens are JWTs.
      flows:
        clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: {} }
    oauthOpaque:
      type: oauth2
      flows:
        clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: {} }
`;
  assert.deepEqual(runCheck(jwtWithoutIssuerCheck, text), [
    { pointer: '/components/securitySchemes/jwt', message: 'security scheme `jwt` accepts JWTs but names no issuer or key set' },
    { pointer: '/components/securitySchemes/oauthJwt', message: 'security scheme `oauthJwt` accepts JWTs but names no issuer or key set' },
  ]);
});

test('OpenAPI 3.1: an OpenID Connect scheme gives the issuer through discovery', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    jwt: { type: http, scheme: bearer, bearerFormat: JWT }
    oidc: { type: openIdConnect, openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' }
`;
  assert.deepEqual(findingPointers(jwtWithoutIssuerCheck, text), []);
});

test('Swagger 2.0: an oauth2 scheme saying JWT, with a jwks extension, is fine', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
securityDefinitions:
  oauth: { type: oauth2, flow: application, tokenUrl: 'https://a.example.com/token', scopes: {}, description: 'JWT access tokens', x-jwks-uri: 'https://a.example.com/jwks' }
  plain: { type: oauth2, flow: application, tokenUrl: 'https://a.example.com/token', scopes: {}, description: 'JWT access tokens' }
`;
  assert.deepEqual(findingPointers(jwtWithoutIssuerCheck, text), ['/securityDefinitions/plain']);
});
