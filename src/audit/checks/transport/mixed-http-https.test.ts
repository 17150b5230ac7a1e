import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { mixedHttpHttpsCheck } from './mixed-http-https.js';

test('OpenAPI 3.0: path and operation servers that downgrade HTTPS documents', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
servers: [{ url: 'https://api.example.com' }]
paths:
  /login:
    servers: [{ url: 'http://auth.example.com' }]
    get:
      responses: { '200': { description: ok } }
    post:
      servers: [{ url: 'https://auth.example.com' }]
      responses: { '200': { description: ok } }
  /upload:
    put:
      servers: [{ url: 'https://files.example.com' }, { url: 'http://files.example.com' }]
      responses: { '200': { description: ok } }
  /plain:
    get:
      responses: { '200': { description: ok } }
`;
  const findings = runCheck(mixedHttpHttpsCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/paths/~1login/get', '/paths/~1upload/put']);
  assert.equal(findings[0]!.message, 'GET /login: its path servers include `http://auth.example.com` although the document\'s servers all use TLS');
  assert.equal(findings[1]!.message, 'PUT /upload: its operation servers include `http://files.example.com` although the document\'s servers all use TLS');
});

test('OpenAPI 3.1: a document already on HTTP is left to http-server', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
servers: [{ url: 'http://api.example.com' }]
paths:
  /a:
    get:
      servers: [{ url: 'http://other.example.com' }]
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(mixedHttpHttpsCheck, text), []);
});

test('Swagger 2.0: operation schemes', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
host: api.example.com
schemes: [https]
paths:
  /a:
    get:
      schemes: [https, http]
      responses: { '200': { description: ok } }
    post:
      schemes: [https]
      responses: { '200': { description: ok } }
`;
  const findings = runCheck(mixedHttpHttpsCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/paths/~1a/get']);
  assert.equal(findings[0]!.message, 'GET /a: allows `http` although the document uses only https');
});
