// Several `bulwark serve` processes sharing the real Redis admit within 1% of a configured limit under
// concurrent load spread across them (issue 6's accuracy proof), for both algorithms.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { Agent, request } from 'undici';
import { startUpstream, type TestUpstream } from '../helpers/harness.js';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process.js';

const REDIS = process.env.BULWARK_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const INSTANCES = 3;
const prefix = `bulwark-cluster:${randomUUID()}:`;
const dir = mkdtempSync(join(tmpdir(), 'bulwark-cluster-'));
let api: TestUpstream;
const gateways: ServeProcess[] = [];
const agent = new Agent({ connections: 64 });

before(async () => {
  api = await startUpstream();
  const configs = Array.from({ length: INSTANCES }, (_, index) => {
    const file = join(dir, `gateway-${index}.yaml`);
    writeFileSync(file, `server:
  listeners: [{ protocol: http, host: 127.0.0.1, port: 0 }]
admin: { enabled: false }
logging: { level: warn, accessLog: false }
store:
  sqlite: { path: ${JSON.stringify(join(dir, `events-${index}.db`))} }
  redis: { url: ${JSON.stringify(REDIS)}, keyPrefix: ${JSON.stringify(prefix)}, timeout: 500ms, instances: ${INSTANCES} }
stages:
  ratelimit:
    store: redis
    onStoreFailure: closed
    limits:
      - { name: quota, key: [route], limit: 300, per: 1h, algorithm: sliding-window, operations: ['GET /quota/**'] }
      - { name: rate, key: [route], limit: 200, per: 1h, operations: ['GET /rate/**'] }
routes:
  - name: api
    upstream: { url: ${api.url} }
`);
    return file;
  });
  gateways.push(...await Promise.all(configs.map((file) => startServeProcess(file))));
});

after(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await agent.close();
  await api?.close();
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** `total` requests to `path`, `concurrency` at a time per gateway, spread evenly; counts statuses. */
async function load(path: string, total: number, concurrency: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let issued = 0;
  const worker = async (gateway: ServeProcess): Promise<void> => {
    while (issued < total) {
      issued++;
      const res = await request(`${gateway.url}${path}`, { dispatcher: agent });
      await res.body.dump();
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
  };
  await Promise.all(gateways.flatMap((gateway) => Array.from({ length: concurrency }, () => worker(gateway))));
  return statuses;
}

test(`${INSTANCES} gateway processes sharing Redis admit the sliding-window quota within 1%`, async () => {
  const statuses = await load('/quota/items', 900, 16);
  const admitted = statuses.get(200) ?? 0;
  assert.deepEqual([...statuses.keys()].sort(), [200, 429], `only 200 and 429: ${JSON.stringify([...statuses])}`);
  assert.ok(Math.abs(admitted - 300) <= 3, `admitted ${admitted} of a limit of 300`);
});

test(`${INSTANCES} gateway processes sharing Redis admit the GCRA burst within 1%`, async () => {
  const statuses = await load('/rate/items', 600, 16);
  const admitted = statuses.get(200) ?? 0;
  // 200 at once; refills at 200/h, so a few seconds of load can add at most one or two.
  assert.ok(admitted >= 200 && admitted <= 202, `admitted ${admitted} of a burst of 200`);
  assert.equal((statuses.get(200) ?? 0) + (statuses.get(429) ?? 0), 600);
});
