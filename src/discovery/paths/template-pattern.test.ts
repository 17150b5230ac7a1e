import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeLiteral, parseTemplate, renderTemplate } from './template-pattern.js';

test('parses literals, parameters and partial-segment parameters', () => {
  assert.deepEqual(parseTemplate('/repos/{owner}/{repo}/contents/{path}.json'), [
    { type: 'static', value: 'repos' }, { type: 'param', name: 'owner', suffix: '' }, { type: 'param', name: 'repo', suffix: '' },
    { type: 'static', value: 'contents' }, { type: 'param', name: 'path', suffix: '.json' },
  ]);
  assert.deepEqual(parseTemplate('/'), []);
  assert.deepEqual(parseTemplate('/caf%C3%A9/'), [{ type: 'static', value: 'café' }]);
  assert.deepEqual(parseTemplate('/v1/{name}:cancel?x=1'), [{ type: 'static', value: 'v1' }, { type: 'param', name: 'name', suffix: ':cancel' }]);
});

test('other OpenAPI segment forms read as one whole-segment parameter', () => {
  assert.deepEqual(parseTemplate('/files/{name}.{ext}'), [{ type: 'static', value: 'files' }, { type: 'param', name: 'name', suffix: '' }]);
  assert.deepEqual(parseTemplate('/v{major}'), [{ type: 'param', name: 'major', suffix: '' }]);
});

test('renders back; literals are percent-encoded where they could be misread', () => {
  const template = '/repos/{owner}/{repo}/contents/{path}.json';
  assert.equal(renderTemplate(parseTemplate(template)), template);
  assert.equal(renderTemplate([]), '/');
  assert.equal(renderTemplate([{ type: 'static', value: 'a/b {c}' }]), '/a%2Fb%20%7Bc%7D');
  assert.equal(encodeLiteral("ok-._~!$&'()*+,;=:@"), "ok-._~!$&'()*+,;=:@");
  assert.equal(encodeLiteral('café%'), 'caf%C3%A9%25');
  assert.equal(encodeLiteral('\ud800'), '%EF%BF%BD', 'a lone surrogate does not throw');
});
