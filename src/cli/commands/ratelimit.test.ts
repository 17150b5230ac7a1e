import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import { runCommand } from '../../../test/helpers/cli.js';
import { listenerYaml, route, startTestGateway, startUpstream } from '../../../test/helpers/harness.js';
import { BulwarkError } from '../../core/errors.js';
import { createRedisStore } from '../../ratelimit/index.js';
import { registerRatelimitCommand } from './ratelimit.js';

const REDIS = process.env.BULWARK_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const prefix = `bulwark-cli:${randomUUID()}:`;
const status = (args: readonly string[]) => runCommand(registerRatelimitCommand, 'ratelimit', ['status', ...args]);

after(async () => {
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

test('status reads the hottest keys from Redis, as a table and as JSON', async () => {
  const store = createRedisStore({ url: REDIS, keyPrefix: prefix, timeoutMs: 1000, hotSample: 1 });
  await store.ready();
  const spec = { algorithm: 'gcra' as const, limit: 2, periodMs: 60_000, burst: 2 };
  for (let index = 0; index < 4; index++) await store.check([{ key: 'per-ip|ip=203.0.113.7', spec, cost: 1 }]);
  await store.check([{ key: 'per-ip|ip=198.51.100.1', spec, cost: 1 }]);
  await store.close();

  const table = await status(['--redis', REDIS, '--key-prefix', prefix, '--minutes', '2']);
  const lines = table.split('\n');
  assert.match(lines[0]!, /Hottest keys, redis store, last 2 minutes/);
  assert.match(lines[2]!, /^ {2}per-ip\|ip=203\.0\.113\.7 +4 +2 +50\.0$/);
  assert.match(lines[3]!, /^ {2}per-ip\|ip=198\.51\.100\.1 +1 +0 +0\.0$/);

  const json = JSON.parse(await status(['--redis', REDIS, '--key-prefix', prefix, '--minutes', '2', '--json'])) as { stores: { keys: unknown[] }[] };
  assert.deepEqual(json.stores[0]!.keys[0], { key: 'per-ip|ip=203.0.113.7', requested: 4, refused: 2 });
});

test('status reads a running gateway\'s admin endpoint for the memory store, and lists the configured limits', async () => {
  const api = await startUpstream();
  const gw = await startTestGateway(`${listenerYaml()}
stages:
  ratelimit:
    limits: [{ name: per-ip, key: [ip], limit: 1, per: 1h, algorithm: sliding-window }]
routes:
${route('api', api.url)}`);
  try {
    for (let index = 0; index < 3; index++) await (await fetch(`${gw.url}/x`)).arrayBuffer();
    const output = await status(['-c', gw.configFile, '--admin', gw.adminUrl, '--minutes', '2']);
    assert.match(output, /Configured limits\n {2}route +limit +key +allowance +algorithm +store\n {2}api +per-ip +ip +1 per 1h +sliding-window +memory/);
    assert.match(output, /Hottest keys, memory store[^\n]*\n[^\n]*\n {2}per-ip\|ip=127\.0\.0\.1 +3 +2 +66\.7/);
  } finally {
    await gw.close();
    await api.close();
  }
});

test('bad options and unreachable stores are clear errors', async () => {
  await assert.rejects(status(['--redis', REDIS, '--minutes', '60']), (error: unknown) => error instanceof BulwarkError && error.code === 'CLI_ARGUMENT_INVALID' && /--minutes/.test(error.message));
  await assert.rejects(status(['--redis', 'http://x']), /--redis: must be a redis/);
  await assert.rejects(status(['--redis', 'redis://127.0.0.1:1']), (error: unknown) => error instanceof BulwarkError && error.code === 'RATELIMIT_STORE_UNAVAILABLE');
  await assert.rejects(status(['--admin', 'http://127.0.0.1:1']), /is the gateway running/);
  await assert.rejects(status([]), /--config: give -c/);
});
