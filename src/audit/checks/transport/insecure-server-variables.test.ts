import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { insecureServerVariablesCheck } from './insecure-server-variables.js';

test('OpenAPI 3.0: variables at the start of the URL whose values make it plain HTTP', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
servers:
  - url: '{scheme}://api.example.com'
    variables: { scheme: { default: https, enum: [https, http] } }
  - url: '{base}/v1'
    variables: { base: { default: 'http://api.example.com' } }
  - url: '{protocol}://stream.example.com'
    variables: { protocol: { default: ws, enum: [ws, wss, http] } }
  - url: 'https://{host}/v1'
    variables: { host: { default: 'http.example.com' } }
  - url: '{scheme}://safe.example.com'
    variables: { scheme: { default: https, enum: [https, wss] } }
  - url: 'http{s}://{host}/v1'
    variables: { s: { default: s, enum: [s, ''] }, host: { default: api.example.com, enum: [api.example.com, http.example.com] } }
paths: {}
`;
  const findings = runCheck(insecureServerVariablesCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), [
    '/servers/0/variables/scheme',
    '/servers/1/variables/base',
    '/servers/2/variables/protocol',
    '/servers/5/variables/s',
  ]);
  assert.equal(findings[0]!.message, 'server `{scheme}://api.example.com`: variable `scheme` allows `http`, making the URL plain HTTP or WebSocket');
  assert.equal(findings[1]!.message, 'server `{base}/v1`: variable `base` defaults to `http://api.example.com`, making the URL plain HTTP or WebSocket');
  assert.equal(findings[2]!.message, 'server `{protocol}://stream.example.com`: variable `protocol` defaults to `ws` and allows `http`, making the URL plain HTTP or WebSocket');
  assert.equal(findings[3]!.message, 'server `http{s}://{host}/v1`: variable `s` allows the empty value, making the URL plain HTTP or WebSocket');
});

test('OpenAPI 3.1: operation-level servers are read', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      servers:
        - url: '{s}://x.example.com'
          variables: { s: { default: http } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(insecureServerVariablesCheck, text), ['/paths/~1a/get/servers/0/variables/s']);
});

test('Swagger 2.0 has no server variables', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
host: api.example.com
schemes: [http]
paths: {}
`;
  assert.deepEqual(findingPointers(insecureServerVariablesCheck, text), []);
});
