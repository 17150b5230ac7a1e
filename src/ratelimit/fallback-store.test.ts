import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Decision, LimitSpec } from './algorithms.js';
import { createFallbackStore, type GuardedCheck } from './fallback-store.js';
import { createMemoryStore } from './memory-store.js';
import type { RateLimitStore } from './store.js';

const spec: LimitSpec = { algorithm: 'gcra', limit: 10, periodMs: 1000, burst: 10 };

/** A shared store that fails while `isDown`, and otherwise admits everything and counts calls. */
function flakyStore(): RateLimitStore & { isDown: boolean; calls: number } {
  const store = {
    kind: 'redis' as const,
    isDown: false,
    calls: 0,
    check(checks: readonly unknown[]): Promise<Decision[]> {
      store.calls++;
      if (store.isDown) return Promise.reject(new Error('connection refused'));
      return Promise.resolve(checks.map(() => ({ allowed: true, remaining: 99, resetMs: 0, retryAfterMs: 0 })));
    },
    hotKeys: () => Promise.resolve([]),
    close: () => Promise.resolve(),
  };
  return store;
}

const check = (onStoreFailure: GuardedCheck['onStoreFailure'], key = 'k'): GuardedCheck => ({ key, spec, cost: 1, onStoreFailure });

test('a failing shared store falls back to a local limit divided by the instance count, and recovers', async () => {
  let now = 0;
  const shared = flakyStore();
  const local = createMemoryStore({ now: () => now });
  const store = createFallbackStore({ shared, local, divideBy: 2, retryAfterMs: 1000, now: () => now });
  assert.equal((await store.check([check('local')])).degraded, false);

  shared.isDown = true;
  const first = await store.check([check('local')]);
  assert.equal(first.degraded, true);
  assert.match(first.failure?.message ?? '', /connection refused/, 'the first failing request carries the event');
  const admitted = [first];
  for (let index = 0; index < 9; index++) admitted.push(await store.check([check('local')]));
  // 10 / 2 instances = 5 locally.
  assert.equal(admitted.filter((result) => result.decisions[0]!.allowed).length, 5);
  assert.ok(admitted.slice(1).every((result) => result.failure === undefined), 'one event, not one per request');
  assert.equal(shared.calls, 2, 'not asked again until retryAfterMs has passed');

  shared.isDown = false;
  now = 1001;
  const recovered = await store.check([check('local')]);
  assert.equal(recovered.degraded, false);
  assert.equal(store.isHealthy, true);
  await local.close();
});

test('closed refuses while the store is down; open lets the request through uncounted', async () => {
  const shared = flakyStore();
  shared.isDown = true;
  const local = createMemoryStore();
  const store = createFallbackStore({ shared, local, retryAfterMs: 0 });
  const closed = await store.check([check('open', 'a'), check('closed', 'b')]);
  assert.equal(closed.unavailable, true);
  const open = await store.check([check('open', 'a')]);
  assert.equal(open.unavailable, false);
  assert.equal(open.degraded, true);
  assert.equal(open.decisions[0]!.allowed, true);
  assert.equal(local.size, 0, 'open limits are not counted locally');
  await local.close();
});

test('a long outage is reported again once a minute', async () => {
  let now = 0;
  const shared = flakyStore();
  shared.isDown = true;
  const local = createMemoryStore({ now: () => now });
  const store = createFallbackStore({ shared, local, retryAfterMs: 1000, now: () => now });
  assert.ok((await store.check([check('local')])).failure);
  now = 30_000;
  assert.equal((await store.check([check('local')])).failure, undefined);
  now = 60_001;
  assert.ok((await store.check([check('local')])).failure);
  await local.close();
});
