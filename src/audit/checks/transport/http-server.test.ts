import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { httpServerCheck } from './http-server.js';

test('OpenAPI 3.0: plain HTTP and WebSocket servers at every level, once each', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
servers:
  - url: https://api.example.com
  - url: http://api.example.com
  - url: HTTP://LEGACY.example.com
  - url: http://localhost:8080
  - url: '{scheme}://api.example.com'
    variables: { scheme: { default: http } }
  - url: /relative
paths:
  /a:
    servers:
      - url: ws://stream.example.com
    get:
      responses: { '200': { description: ok } }
    post:
      responses: { '200': { description: ok } }
  /b:
    get:
      servers:
        - url: wss://stream.example.com
      responses: { '200': { description: ok } }
`;
  const findings = runCheck(httpServerCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/servers/1', '/servers/2', '/servers/3', '/paths/~1a/servers/0']);
  assert.equal(findings[0]!.message, 'server `http://api.example.com` uses plain HTTP');
  assert.equal(findings[2]!.message, 'server `http://localhost:8080` uses plain HTTP (a loopback address: keep it out of the published document)');
  assert.equal(findings[3]!.message, 'server `ws://stream.example.com` uses plain WebSocket');
});

test('OpenAPI 3.1: HTTPS servers report nothing', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
servers: [{ url: 'https://api.example.com/v1' }]
paths: {}
`;
  assert.deepEqual(findingPointers(httpServerCheck, text), []);
});

test('Swagger 2.0: every scheme but https and wss, in the document and operations', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
host: api.example.com
schemes: [https, http, ws, HTTPS]
paths:
  /a:
    get:
      schemes: [http]
      responses: { '200': { description: ok } }
    post:
      schemes: [wss]
      responses: { '200': { description: ok } }
`;
  const findings = runCheck(httpServerCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/schemes/1', '/schemes/2', '/schemes/3', '/paths/~1a/get/schemes/0']);
  assert.equal(findings[0]!.message, 'the document allows the plain-text scheme `http`');
  assert.equal(findings[2]!.message, 'the document lists the scheme "HTTPS", which is not `https` or `wss`');
  assert.equal(findings[3]!.message, 'GET /a allows the plain-text scheme `http`');
});
