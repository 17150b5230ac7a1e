import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPathCache } from './path-cache.js';

test('holds recent entries, promotes hits from the old generation, stays bounded', () => {
  const cache = createPathCache<number>(4);
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('c', 3);
  assert.equal(cache.get('a'), 1, 'promoted from the old generation');
  cache.set('d', 4);
  cache.set('e', 5);
  assert.equal(cache.get('b'), undefined, 'dropped with its generation');
  assert.equal(cache.get('a'), 1);
  for (let index = 0; index < 10_000; index++) cache.set(`k${index}`, index);
  assert.ok(cache.size <= 4, `${cache.size} entries`);
  cache.clear();
  assert.equal(cache.size, 0);
  assert.equal(cache.get('k9999'), undefined);
});
