import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTokenCache, tokenDigest } from './token-cache.js';

test('entries live until their expiry, and the least recently used goes first', () => {
  const cache = createTokenCache<string>(2);
  cache.set('t1', 'a', 1000);
  cache.set('t2', 'b', 1000);
  assert.equal(cache.get('t1', 500), 'a'); // t1 is now the most recent
  cache.set('t3', 'c', 1000);
  assert.equal(cache.get('t2', 500), undefined, 't2 was the least recently used');
  assert.equal(cache.get('t1', 500), 'a');
  assert.equal(cache.get('t1', 1000), undefined, 'never at or past expiry');
  assert.equal(cache.size, 1);
});

test('purge and a zero-sized cache', () => {
  const cache = createTokenCache<{ id: string }>(10);
  cache.set('x', { id: 'alice' }, 10);
  cache.set('y', { id: 'bob' }, 10);
  assert.equal(cache.purge((v) => v.id === 'alice'), 1);
  assert.equal(cache.get('x', 0), undefined);
  const none = createTokenCache<string>(0);
  none.set('t', 'v', 10);
  assert.equal(none.get('t', 0), undefined);
});

test('tokens are kept by digest only', () => {
  assert.equal(tokenDigest('abc'), tokenDigest('abc'));
  assert.notEqual(tokenDigest('abc'), tokenDigest('abd'));
  assert.ok(!tokenDigest('secret-token').includes('secret'));
});
