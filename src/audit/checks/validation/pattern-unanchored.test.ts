import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingPointers, runCheck } from '../check-harness.js';
import { isAnchored, patternUnanchoredCheck, topLevelAlternatives } from './pattern-unanchored.js';

test('anchoring is read per top-level alternative, outside groups, classes and escapes', () => {
  assert.deepEqual(topLevelAlternatives('^a|b$'), ['^a', 'b$']);
  assert.deepEqual(topLevelAlternatives('^(a|b)$'), ['^(a|b)$']);
  assert.deepEqual(topLevelAlternatives('^[|]\\|x$'), ['^[|]\\|x$']);
  for (const pattern of ['^[a-z]+$', '^(?:a|b)$', '^a$|^b$', '^\\d{3}$']) assert.equal(isAnchored(pattern), true, pattern);
  for (const pattern of ['[a-z]+', '^[a-z]+', '[a-z]+$', '^a|b$', '^a\\$', '^a$|b', '']) assert.equal(isAnchored(pattern), false, pattern);
  assert.equal(isAnchored('^a\\\\$'), true);
});

test('OpenAPI 3.0: request patterns only', () => {
  const text = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    post:
      parameters:
        - { name: code, in: query, schema: { type: string, pattern: '[A-Z]{3}' } }
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                kind: { type: string, pattern: '^cat|dog$' }
                ok: { type: string, pattern: '^[a-z]+$' }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: string, pattern: 'x' }
`;
  const findings = runCheck(patternUnanchoredCheck, text);
  assert.deepEqual(findings.map((finding) => finding.pointer).sort(), [
    '/paths/~1a/post/parameters/0/schema',
    '/paths/~1a/post/requestBody/content/application~1json/schema/properties/kind',
  ]);
  assert.equal(findings.find((finding) => finding.pointer.endsWith('/0/schema'))!.message, 'query parameter `code`: the pattern `[A-Z]{3}` is not anchored with ^ and $, so it matches anywhere in the value');
  assert.match(findings.find((finding) => finding.pointer.endsWith('kind'))!.message, /has alternatives that are not each anchored/);
});

test('OpenAPI 3.1 and Swagger 2.0', () => {
  const openapi31 = `
openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a/{slug}:
    get:
      parameters:
        - { name: slug, in: path, required: true, schema: { type: [string], pattern: '^[a-z-]+' } }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(patternUnanchoredCheck, openapi31), ['/paths/~1a~1{slug}/get/parameters/0/schema']);
  const swagger = `
swagger: '2.0'
info: { title: t, version: '1' }
paths:
  /a:
    get:
      parameters:
        - { name: q, in: query, type: string, pattern: '\\d+' }
        - { name: r, in: query, type: string, pattern: '^\\d+$' }
      responses: { '200': { description: ok } }
`;
  assert.deepEqual(findingPointers(patternUnanchoredCheck, swagger), ['/paths/~1a/get/parameters/0']);
});
