import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExclusions } from './exclusions.js';

const anyOperation = {};

test('a rule glob at a location glob excludes just that', () => {
  const exclusions = compileExclusions([{ rules: ['xss.*'], locations: ['body.$.*.html', 'body.$.html'] }]);
  assert.equal(exclusions.excludes('xss.event-handler', 'body.$.html', anyOperation), true);
  assert.equal(exclusions.excludes('xss.event-handler', 'body.$.posts[0].html', anyOperation), true);
  assert.equal(exclusions.excludes('sqli.union-select', 'body.$.html', anyOperation), false);
  assert.equal(exclusions.excludes('xss.event-handler', 'body.$.title', anyOperation), false);
  assert.equal(exclusions.excludesAll('body.$.html', anyOperation), false);
});

test('every rule at a location lets the engine skip the field', () => {
  const exclusions = compileExclusions([{ rules: ['*'], locations: ['header.x-signature'] }]);
  assert.equal(exclusions.excludesAll('header.x-signature', anyOperation), true);
  assert.equal(exclusions.excludesAll('header.user-agent', anyOperation), false);
});

test('an exclusion without locations applies everywhere', () => {
  const exclusions = compileExclusions([{ rules: ['protocol.get-with-body'] }]);
  assert.equal(exclusions.excludes('protocol.get-with-body', 'request', anyOperation), true);
});

test('operations narrow an exclusion by operationId or by method and template', () => {
  const exclusions = compileExclusions([{ rules: ['xss.*'], locations: ['body.$.content'], operations: ['createPost', 'put /posts/{id}'] }]);
  assert.equal(exclusions.excludes('xss.script-tag', 'body.$.content', { operationId: 'createPost' }), true);
  assert.equal(exclusions.excludes('xss.script-tag', 'body.$.content', { template: 'PUT /posts/{id}' }), true);
  assert.equal(exclusions.excludes('xss.script-tag', 'body.$.content', { operationId: 'createComment', template: 'POST /comments' }), false);
  assert.equal(exclusions.excludes('xss.script-tag', 'body.$.content', anyOperation), false, 'no operation known: an operation-bound exclusion does not apply');
});
