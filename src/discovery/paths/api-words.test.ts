import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_WORDS } from './api-words.js';
import { isWordToken } from './word-list.js';

test('API words are lowercase tokens without separators, so lookups can lowercase and match', () => {
  for (const word of API_WORDS) assert.match(word, /^[a-z0-9]{2,24}$/, word);
});

test('every API word reads as a word', () => {
  assert.deepEqual([...API_WORDS].filter((word) => !isWordToken(word)), []);
});

test('the vocabulary names endpoints that must stay visible: auth, health and debug surfaces', () => {
  for (const word of ['api', 'graphql', 'oauth', 'jwks', 'healthz', 'metrics', 'actuator', 'heapdump', 'webhooks', 'swagger', 'openapi']) {
    assert.ok(API_WORDS.has(word), word);
  }
});
