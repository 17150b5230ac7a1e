import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LimitSpec } from './algorithms.js';
import { createMemoryStore } from './memory-store.js';

const spec: LimitSpec = { algorithm: 'gcra', limit: 5, periodMs: 1000, burst: 5 };

test('the memory store counts per key and refuses past the limit', async () => {
  let now = 10_000;
  const store = createMemoryStore({ now: () => now });
  const results = Array.from({ length: 8 }, () => store.check([{ key: 'a', spec, cost: 1 }])[0]!.allowed);
  assert.deepEqual(results, [true, true, true, true, true, false, false, false]);
  assert.equal(store.check([{ key: 'b', spec, cost: 1 }])[0]!.allowed, true, 'another key has its own allowance');
  now += 200;
  assert.equal(store.check([{ key: 'a', spec, cost: 1 }])[0]!.allowed, true, 'one unit back after one interval');
  await store.close();
});

test('the memory store is all or nothing across limits', async () => {
  const store = createMemoryStore({ now: () => 0 });
  const narrow: LimitSpec = { algorithm: 'sliding-window', limit: 1, periodMs: 60_000, burst: 1 };
  store.check([{ key: 'wide', spec, cost: 1 }, { key: 'narrow', spec: narrow, cost: 1 }]);
  for (let index = 0; index < 3; index++) store.check([{ key: 'wide', spec, cost: 1 }, { key: 'narrow', spec: narrow, cost: 1 }]);
  assert.equal(store.check([{ key: 'wide', spec, cost: 1 }])[0]!.remaining, 3, 'only the admitted request was charged');
  await store.close();
});

test('the memory store stays within maxKeys under a flood of distinct keys', async () => {
  const store = createMemoryStore({ now: () => 0, maxKeys: 1000 });
  for (let index = 0; index < 10_000; index++) store.check([{ key: `ip-${index}`, spec, cost: 1 }]);
  assert.ok(store.size <= 1000, `size ${store.size}`);
  await store.close();
});

test('expired keys are forgotten', async () => {
  let now = 0;
  const store = createMemoryStore({ now: () => now });
  for (let index = 0; index < 5; index++) store.check([{ key: 'a', spec, cost: 1 }]);
  now = 5000;
  assert.equal(store.check([{ key: 'a', spec, cost: 1 }])[0]!.remaining, 4);
  await store.close();
});

test('hot keys rank what was asked, with refusals, bounded per minute', async () => {
  const store = createMemoryStore({ now: () => 120_000, maxHotKeysPerMinute: 3 });
  for (let index = 0; index < 7; index++) store.check([{ key: 'busy', spec, cost: 1 }]);
  store.check([{ key: 'quiet', spec, cost: 2 }]);
  store.check([{ key: 'third', spec, cost: 1 }]);
  store.check([{ key: 'fourth', spec, cost: 1 }]);
  assert.deepEqual(await store.hotKeys(1, 10), [
    { key: 'busy', requested: 7, refused: 2 },
    { key: 'quiet', requested: 2, refused: 0 },
    { key: 'third', requested: 1, refused: 0 },
  ]);
  await store.close();
});
