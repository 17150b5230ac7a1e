import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { noServersCheck } from './no-servers.js';

test('OpenAPI 3.0: no servers anywhere is one finding at the document', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
`;
  const findings = runCheck(noServersCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['']);
  assert.equal(findings[0]!.message, 'no `servers`: the API is assumed to be where the document is served from');
});

test('OpenAPI 3.1: when some operations name servers, the others are reported', () => {
  const text = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    servers: [{ url: 'https://a.example.com' }]
    get:
      responses: { '200': { description: ok } }
  /b:
    get:
      responses: { '200': { description: ok } }
`;
  const findings = runCheck(noServersCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer), ['/paths/~1b/get']);
  assert.equal(findings[0]!.message, 'GET /b: no server, while other operations name theirs');
  assert.deepEqual(findingPointers(noServersCheck, text.replace("paths:\n", "servers: [{ url: 'https://api.example.com' }]\npaths:\n")), []);
});

test('Swagger 2.0: no host', () => {
  const text = `
swagger: '2.0'
info: { title: t, version: '1' }
basePath: /v1
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(noServersCheck, text), ['']);
  assert.deepEqual(findingPointers(noServersCheck, text.replace('basePath: /v1', 'host: api.example.com')), []);
});
