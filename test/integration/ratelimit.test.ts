// The ratelimit stage in the real gateway with the real Redis (127.0.0.1:6379): 429 problem+json with
// Retry-After and the RateLimit fields, a login flow keyed by the account in a form body, stored
// events, the hot-key admin endpoint, and a route whose Redis is unreachable (local fallback and a
// closed flow). Several processes and a Redis stopped mid-test: ratelimit-cluster / -outage tests.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

const REDIS = process.env.BULWARK_TEST_REDIS ?? 'redis://127.0.0.1:6379';

interface Problem { status: number; ruleId: string; detail: string }

describe('ratelimit stage in the gateway (Redis store)', () => {
  const prefix = `bulwark-it:${randomUUID()}:`;
  let api: TestUpstream;
  let gw: TestGateway;
  const redis = new Redis(REDIS);

  before(async () => {
    api = await startUpstream();
    gw = await startTestGateway(`${listenerYaml()}
stages:
  ratelimit:
    store: redis
    limits:
      - { name: per-ip, key: [ip], limit: 5, per: 1m, operations: ['GET /limited/**'] }
    flows:
      - name: login
        operations: ['POST /login']
        account: body.username
        perAccount: { limit: 2, per: 15m }
        perSource: { limit: 50, per: 15m }
routes:
${route('api', api.url)}`, { redis: `{ url: ${JSON.stringify(REDIS)}, keyPrefix: ${JSON.stringify(prefix)}, timeout: 200ms }` });
  });
  after(async () => {
    await gw?.close();
    await api?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  test('past the limit: 429 problem+json with Retry-After and the RateLimit fields, counted in Redis', async () => {
    for (let index = 0; index < 5; index++) {
      const ok = await request(`${gw.url}/limited/books`);
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.headers['ratelimit-policy'], '"per-ip";q=5;w=60');
      assert.match(String(ok.headers.ratelimit), new RegExp(`^"per-ip";r=${4 - index};t=\\d+$`));
      await ok.body.dump();
    }
    const refused = await request(`${gw.url}/limited/books`);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['content-type'], 'application/problem+json');
    assert.ok(Number(refused.headers['retry-after']) >= 1);
    assert.equal(refused.headers.ratelimit, `"per-ip";r=0;t=${String(refused.headers['retry-after'])}`);
    const problem = await refused.body.json() as Problem;
    assert.equal(problem.ruleId, 'ratelimit.exceeded');
    assert.ok(await redis.exists(`${prefix}per-ip|ip=127.0.0.1`), 'the counter lives in Redis');

    const other = await request(`${gw.url}/other`);
    assert.equal(other.statusCode, 200, 'the limit applies to its operations only');
    assert.equal(other.headers.ratelimit, undefined);
    await other.body.dump();
  });

  test('a login flow is limited per account named in a form body; every refusal is an event', async () => {
    const login = (username: string) => request(`${gw.url}/login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=${encodeURIComponent(username)}&password=guess`,
    });
    for (const name of ['victim@example.com', 'Victim@Example.com']) {
      const res = await login(name);
      assert.equal(res.statusCode, 200);
      await res.body.dump();
    }
    const refused = await login('VICTIM@example.com');
    assert.equal(refused.statusCode, 429);
    assert.equal((await refused.body.json() as Problem).ruleId, 'ratelimit.flow');
    const other = await login('someone-else@example.com');
    assert.equal(other.statusCode, 200);
    await other.body.dump();

    const events = await gw.events();
    const flow = events.filter((event) => event.ruleId === 'ratelimit.flow');
    assert.equal(flow.length, 1);
    assert.equal(flow[0]!.action, 'blocked');
    assert.equal(flow[0]!.evidence?.matched, 'login.account');
    assert.ok(events.some((event) => event.ruleId === 'ratelimit.exceeded'));
  });

  test('the admin endpoint lists the hottest keys with their refusals', async () => {
    const res = await request(`${gw.adminUrl}/ratelimit/hot?minutes=2&count=5`);
    assert.equal(res.statusCode, 200);
    const body = await res.body.json() as { stores: { store: string; keys: { key: string; requested: number; refused: number }[] }[] };
    const shared = body.stores.find((entry) => entry.store === 'redis');
    const top = shared?.keys.find((entry) => entry.key === 'per-ip|ip=127.0.0.1');
    assert.ok(top, JSON.stringify(body));
    // Refusals are always counted; admitted requests are sampled (one in 16, with weight 16).
    assert.equal(top.refused, 1);
    assert.ok(top.requested >= 1 && top.requested % 1 === 0, JSON.stringify(top));
    const bad = await request(`${gw.adminUrl}/ratelimit/hot?minutes=99`);
    assert.equal(bad.statusCode, 400);
    await bad.body.dump();
  });
});

describe('ratelimit stage with an unreachable Redis', () => {
  let api: TestUpstream;
  let gw: TestGateway;

  before(async () => {
    api = await startUpstream();
    gw = await startTestGateway(`${listenerYaml()}
stages:
  ratelimit:
    store: redis
    limits:
      - { name: per-ip, key: [ip], limit: 4, per: 1m }
    flows:
      - { name: otp, operations: ['POST /otp'], account: body.phone, perAccount: { limit: 5, per: 10m }, perSource: { limit: 5, per: 10m } }
routes:
${route('api', api.url)}`, { redis: '{ url: "redis://127.0.0.1:1", timeout: 20ms, instances: 2 }' });
  });
  after(async () => {
    await gw?.close();
    await api?.close();
  });

  test('limits fall back to this instance (limit / instances), flows fail closed, with one event and a metric', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 4; index++) {
      const res = await request(`${gw.url}/books`);
      statuses.push(res.statusCode);
      await res.body.dump();
    }
    assert.deepEqual(statuses, [200, 200, 429, 429], '4 per minute across 2 instances: 2 here');

    const otp = await request(`${gw.url}/otp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"phone":"+441234"}' });
    assert.equal(otp.statusCode, 503);
    assert.equal(otp.headers['retry-after'], '1');
    assert.equal((await otp.body.json() as Problem).ruleId, 'ratelimit.store-unavailable');

    const events = await gw.events();
    const outage = events.filter((event) => event.ruleId === 'ratelimit.store-unavailable');
    assert.deepEqual(outage.map((event) => event.action), ['allowed', 'blocked'], 'one allowed event for the outage, then the closed refusal');
    const metrics = await (await request(`${gw.adminUrl}/metrics`)).body.text();
    assert.match(metrics, /bulwark_ratelimit_store_fallbacks_total\{route="api",outcome="local"\} 4/);
    assert.match(metrics, /bulwark_ratelimit_store_fallbacks_total\{route="api",outcome="closed"\} 1/);
    assert.match(metrics, /bulwark_ratelimit_store_up 0/);
  });
});
