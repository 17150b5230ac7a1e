import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { oauthImplicitFlowCheck } from './oauth-implicit-flow.js';

const OAS3_FLOWS = `
paths: {}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        implicit: { authorizationUrl: 'https://auth.example.com/authorize', scopes: { read: r } }
        authorizationCode: { authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: 'https://auth.example.com/token', scopes: { read: r } }
`;

test('OpenAPI 3.0 and 3.1: the implicit flow is reported at the flow', () => {
  for (const version of ['3.0.3', '3.1.0']) {
    const text = `openapi: ${version}\ninfo: { title: t, version: '1' }\n${OAS3_FLOWS}`;
    assert.deepEqual(runCheck(oauthImplicitFlowCheck, text), [
      { pointer: '/components/securitySchemes/oauth/flows/implicit', message: 'security scheme `oauth` offers the OAuth 2.0 implicit flow' },
    ]);
    assert.deepEqual(findingPointers(oauthImplicitFlowCheck, text.replace(/ {8}implicit:.*\n/, '')), []);
  }
});

test('Swagger 2.0: flow implicit is reported at the scheme', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
securityDefinitions:
  browser: { type: oauth2, flow: implicit, authorizationUrl: 'https://auth.example.com/authorize', scopes: {} }
  server: { type: oauth2, flow: accessCode, authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: 'https://auth.example.com/token', scopes: {} }
`;
  assert.deepEqual(findingPointers(oauthImplicitFlowCheck, text), ['/securityDefinitions/browser']);
});
