import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { jwtBestPracticesCheck } from './jwt-best-practices.js';

test('OpenAPI 3.0: oauth2 and JWT bearer schemes must name RFC8725', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    jwt: { type: http, scheme: bearer, bearerFormat: JWT }
    spaced: { type: http, scheme: bearer, bearerFormat: jwt, description: 'Validated per RFC 8725.' }
    good: { type: http, scheme: bearer, bearerFormat: JWT, description: 'A JWS conforming to RFC8725.' }
    opaque: { type: http, scheme: bearer }
    key: { type: apiKey, in: header, name: X-Key }
    oauth:
      type: oauth2
      flows:
        clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: {} }
`;
  assert.deepEqual(runCheck(jwtBestPracticesCheck, text), [
    { pointer: '/components/securitySchemes/jwt', message: 'the JWT security scheme `jwt` has no description: it should state conformance to RFC8725 (JSON Web Token Best Current Practices)' },
    { pointer: '/components/securitySchemes/spaced', message: 'the JWT security scheme `spaced` does not mention RFC8725 in its description: it should state conformance to RFC8725 (JSON Web Token Best Current Practices)' },
    { pointer: '/components/securitySchemes/oauth', message: 'the OAuth 2.0 security scheme `oauth` has no description: it should state conformance to RFC8725 (JSON Web Token Best Current Practices)' },
  ]);
});

test('OpenAPI 3.1: a conforming oauth2 scheme reports nothing', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    oauth:
      type: oauth2
      description: Access tokens are JWTs validated as RFC8725 requires.
      flows:
        clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: {} }
`;
  assert.deepEqual(findingPointers(jwtBestPracticesCheck, text), []);
});

test('Swagger 2.0: oauth2 schemes too', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
securityDefinitions:
  oauth: { type: oauth2, flow: application, tokenUrl: 'https://a.example.com/token', scopes: {} }
  key: { type: apiKey, in: header, name: Authorization }
`;
  assert.deepEqual(findingPointers(jwtBestPracticesCheck, text), ['/securityDefinitions/oauth']);
});
