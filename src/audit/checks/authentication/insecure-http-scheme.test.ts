import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { insecureHttpSchemeCheck } from './insecure-http-scheme.js';

test('OpenAPI 3.0: negotiate, oauth (1.0), digest and ntlm; basic and bearer are not this check\'s', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    kerberos: { type: http, scheme: negotiate }
    oauth1: { type: http, scheme: OAuth }
    digest: { type: http, scheme: digest }
    ntlm: { type: http, scheme: NTLM }
    basic: { type: http, scheme: basic }
    bearer: { type: http, scheme: bearer }
    notHttp: { type: apiKey, in: header, name: X-Key, scheme: negotiate }
`;
  const findings = runCheck(insecureHttpSchemeCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/components/securitySchemes/kerberos', '/components/securitySchemes/oauth1', '/components/securitySchemes/digest', '/components/securitySchemes/ntlm',
  ]);
  assert.equal(findings[1]!.message, 'security scheme `oauth1` uses the HTTP `oauth` scheme: OAuth 1.0, superseded by OAuth 2.0');
});

test('OpenAPI 3.1: scram-sha-1 is weak, scram-sha-256 is not', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    old: { type: http, scheme: SCRAM-SHA-1 }
    new: { type: http, scheme: SCRAM-SHA-256 }
`;
  assert.deepEqual(findingPointers(insecureHttpSchemeCheck, text), ['/components/securitySchemes/old']);
});

test('Swagger 2.0: only basic, apiKey and oauth2 exist, none of them this check\'s', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
securityDefinitions:
  basic: { type: basic }
  key: { type: apiKey, in: header, name: X-Key }
`;
  assert.deepEqual(findingPointers(insecureHttpSchemeCheck, text), []);
});
