// Redis stopped mid-test (issue 6's failure proof): a Redis of this test's own (a real redis-server on
// a free port, so the shared one other tests use stays up) is killed, then hung with SIGSTOP, while
// requests flow. No 5xx; the fallback applies within a second, with one event; when Redis is back the
// gateway counts in it again by itself.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';
import { startOwnRedis, type OwnRedis } from '../helpers/redis-server.js';

let redis: OwnRedis;
let api: TestUpstream;
let gw: TestGateway;

async function metric(name: string): Promise<string> {
  const text = await (await request(`${gw.adminUrl}/metrics`)).body.text();
  return text.split('\n').filter((line) => line.startsWith(name)).join('\n');
}

/** Requests every ~10 ms for `ms`; returns every status with its latency. */
async function traffic(ms: number): Promise<{ status: number; latencyMs: number; at: number }[]> {
  const seen: { status: number; latencyMs: number; at: number }[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const started = Date.now();
    const res = await request(`${gw.url}/books`);
    await res.body.dump();
    seen.push({ status: res.statusCode, latencyMs: Date.now() - started, at: started });
    await sleep(10);
  }
  return seen;
}

before(async () => {
  redis = await startOwnRedis();
  api = await startUpstream();
  gw = await startTestGateway(`${listenerYaml()}
stages:
  ratelimit:
    store: redis
    limits:
      - { name: per-ip, key: [ip], limit: 100000, per: 1m }
routes:
${route('api', api.url)}`, { redis: `{ url: "${redis.url}", timeout: 20ms, retryAfter: 1s }` });
});

after(async () => {
  await gw?.close();
  await api?.close();
  await redis?.stop();
});

test('Redis killed mid-traffic: no 5xx, local fallback within a second, recovery when it returns', async () => {
  const before = await traffic(300);
  assert.ok(before.every((entry) => entry.status === 200));
  assert.match(await metric('bulwark_ratelimit_store_up'), /bulwark_ratelimit_store_up 1/);

  const killedAt = Date.now();
  await redis.stop();
  const during = await traffic(1500);
  assert.ok(during.every((entry) => entry.status === 200), `no 5xx and nothing refused: ${JSON.stringify(during.filter((entry) => entry.status !== 200))}`);
  assert.ok(during.every((entry) => entry.latencyMs < 500), 'no request waits on the dead store');
  const events = (await gw.events()).filter((event) => event.ruleId === 'ratelimit.store-unavailable');
  assert.equal(events.length, 1, 'one event for the outage');
  assert.ok(Date.parse(events[0]!.time) - killedAt < 1000, 'the fallback applied within a second');
  assert.match(await metric('bulwark_ratelimit_store_fallbacks_total'), /outcome="local"\} [1-9]/);

  await redis.restart();
  // Recovery: ioredis reconnects (attempts at most 1 s apart), then the fallback's 1 s skip window
  // ends and the next check goes to Redis: about 2 s. The deadline leaves room for a CI machine
  // busy with the rest of the suite, where 5 s once fell short (see the issue 6 notes).
  const restartedAt = Date.now();
  const deadline = restartedAt + 12_000;
  const fresh = new Redis(redis.url);
  let isCounted = false;
  while (!isCounted && Date.now() < deadline) {
    const res = await request(`${gw.url}/books`);
    assert.equal(res.statusCode, 200);
    await res.body.dump();
    isCounted = (await fresh.exists('bulwark:rl:per-ip|ip=127.0.0.1')) === 1;
    if (!isCounted) await sleep(100);
  }
  fresh.disconnect();
  assert.ok(isCounted, `counting in Redis again after it came back (store_up: ${(await metric('bulwark_ratelimit_store_up')).trim()})`);
  assert.match(await metric('bulwark_ratelimit_store_up'), /bulwark_ratelimit_store_up 1/);
});

test('Redis hung (SIGSTOP): requests wait at most the timeout, then use the fallback; SIGCONT recovers', async () => {
  redis.process().kill('SIGSTOP');
  try {
    const during = await traffic(1200);
    assert.ok(during.every((entry) => entry.status === 200));
    // The first request after the hang waits the 20 ms timeout; the rest skip Redis for retryAfter.
    assert.ok(during.every((entry) => entry.latencyMs < 300), `latencies: ${during.map((entry) => entry.latencyMs).join(',')}`);
  } finally {
    redis.process().kill('SIGCONT');
  }
  const recovered = await traffic(1500);
  assert.ok(recovered.every((entry) => entry.status === 200));
});
