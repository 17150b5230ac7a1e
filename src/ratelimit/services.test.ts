import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { createRateLimitServices } from './services.js';

const REDIS = process.env.BULWARK_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const spec = { algorithm: 'gcra' as const, limit: 5, periodMs: 60_000, burst: 5 };

test('without store.redis: the memory store only, and nothing to wait for', async () => {
  const services = createRateLimitServices();
  assert.equal(services.shared, undefined);
  assert.equal(await services.connected(), true);
  services.memory.check([{ key: 'k', spec, cost: 1 }]);
  assert.deepEqual(await services.hotKeys(2, 5), [{ store: 'memory', keys: [{ key: 'k', requested: 1, refused: 0 }] }]);
  await services.close();
});

test('with store.redis: the shared store behind its fallback, reporting its status and hot keys', async () => {
  const keyPrefix = `bulwark-services:${randomUUID()}:`;
  const statuses: string[] = [];
  const services = createRateLimitServices({
    redis: { url: REDIS, keyPrefix, timeoutMs: 500, retryAfterMs: 1000, instances: 2 },
    onStoreStatus: (status) => statuses.push(status),
  });
  try {
    assert.equal(await services.connected(), true);
    assert.deepEqual(statuses, ['ready']);
    const result = await services.shared!.check([{ key: 'k', spec, cost: 1, onStoreFailure: 'local' }]);
    assert.equal(result.degraded, false);
    const stores = await services.hotKeys(2, 5);
    assert.deepEqual(stores.map((entry) => entry.store), ['memory', 'redis']);
  } finally {
    await services.close();
    const redis = new Redis(REDIS);
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
});
