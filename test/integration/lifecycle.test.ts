// Reload (valid, invalid, by file change) and graceful shutdown without losing requests or events.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'undici';
import { openEventStore } from '../../src/store/index.js';
import { listenerYaml, route, startTestGateway, startUpstream } from '../helpers/harness.js';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail('condition not reached in time');
}

describe('reload', () => {
  test('a valid new config takes effect; an invalid one is rejected and the last good one keeps serving', async () => {
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml()}
stages:
  ip: { deny: [] }
routes:
${route('api', api.url)}`);
    try {
      assert.equal((await request(`${gw.url}/x`)).statusCode, 200);
      const original = readFileSync(gw.configFile, 'utf8');

      writeFileSync(gw.configFile, original.replace('deny: []', 'deny: [127.0.0.1]'));
      assert.deepEqual(await gw.running.reload(), { ok: true });
      const denied = await request(`${gw.url}/x`);
      assert.equal(denied.statusCode, 403);
      assert.equal((await denied.body.json() as { ruleId: string }).ruleId, 'ip.denied');

      writeFileSync(gw.configFile, original.replace('deny: []', 'deny: [not-an-ip]'));
      const rejected = await gw.running.reload();
      assert.equal(rejected.ok, false);
      assert.match(rejected.ok ? '' : rejected.error, /stages\.ip.*deny\[0\].*not-an-ip/s);
      assert.equal((await request(`${gw.url}/x`)).statusCode, 403, 'last good config still active');

      writeFileSync(gw.configFile, original.replace('routes:', 'routes: 42\nbroken:'));
      assert.equal((await gw.running.reload()).ok, false);
      assert.equal((await request(`${gw.url}/x`)).statusCode, 403);
    } finally {
      await gw.close();
      await api.close();
    }
  });

  test('a change of the file is picked up without a signal', async () => {
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml()}
stages:
  ip: { deny: [] }
routes:
${route('api', api.url)}`, { watch: true });
    try {
      assert.equal((await request(`${gw.url}/x`)).statusCode, 200);
      writeFileSync(gw.configFile, readFileSync(gw.configFile, 'utf8').replace('deny: []', 'deny: [127.0.0.0/8]'));
      await waitFor(async () => {
        const res = await request(`${gw.url}/x`);
        await res.body.dump();
        return res.statusCode === 403;
      });
    } finally {
      await gw.close();
      await api.close();
    }
  });

  test('requests in flight during a reload complete on the config they started with', async () => {
    // The reload happens once the request is at the upstream (past every stage), not after a guessed delay.
    let arrived: () => void = () => undefined;
    const atUpstream = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const slow = await startUpstream((_req, res) => {
      arrived();
      setTimeout(() => res.end('done'), 300);
    });
    const gw = await startTestGateway(`${listenerYaml()}
stages:
  ip: { deny: [] }
routes:
${route('api', slow.url)}`);
    try {
      const inflight = request(`${gw.url}/x`);
      await atUpstream;
      writeFileSync(gw.configFile, readFileSync(gw.configFile, 'utf8').replace('deny: []', 'deny: [127.0.0.1]'));
      assert.deepEqual(await gw.running.reload(), { ok: true });
      const res = await inflight;
      assert.equal(res.statusCode, 200);
      assert.equal(await res.body.text(), 'done');
    } finally {
      await gw.close();
      await slow.close();
    }
  });
});

describe('graceful shutdown', () => {
  test('in-flight requests finish, new connections are refused, queued events are all written', async () => {
    const slow = await startUpstream((_req, res) => setTimeout(() => res.end('finished'), 400));
    const gw = await startTestGateway(`${listenerYaml()}
events: { batchSize: 10000, flushInterval: 1h }
stages:
  limits: { mode: monitor, headers: { maxCount: 1 } }
routes:
${route('api', slow.url)}`);
    const dbPath = `${gw.dir}/events.db`;
    const inflight = Array.from({ length: 20 }, () => request(`${gw.url}/x`).then(async (res) => ({ status: res.statusCode, body: await res.body.text() })));
    // Close only once all 20 are inside the gateway: a connection whose request has not arrived yet
    // is idle, and closing idle connections is what a graceful shutdown does.
    await waitFor(() => Promise.resolve(gw.running.gateway.inFlight === 20));
    const closing = gw.running.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await assert.rejects(request(`${gw.url}/late`), 'listener closed');
    const results = await Promise.all(inflight);
    await closing;
    assert.deepEqual(results.map((r) => r.status), Array(20).fill(200));
    assert.ok(results.every((r) => r.body === 'finished'));
    // Every request exceeded the monitored header limit: 20 monitored events, none lost.
    const store = openEventStore({ sqlite: { path: dbPath } });
    const events = await store.queryEvents({ ruleId: 'limits.too-many-headers', limit: 1000 });
    await store.close();
    assert.equal(events.length, 20);
    assert.ok(events.every((e) => e.action === 'monitored'));
    await gw.close();
    await slow.close();
  });
});
