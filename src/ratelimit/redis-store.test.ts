// Against the real Redis at 127.0.0.1:6379 (started by .ci/run when it is down).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import { gcra, slidingWindow, type Decision, type LimitSpec, type WindowState } from './algorithms.js';
import { createRedisStore, redactUrl, type RedisStore } from './redis-store.js';

const URL = process.env.BULWARK_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const admin = new Redis(URL, { lazyConnect: false });
const stores: RedisStore[] = [];
const prefixes: string[] = [];

function store(options: { now?: () => number; timeoutMs?: number; url?: string; hotSample?: number } = {}): RedisStore {
  const keyPrefix = `bulwark-test:${randomUUID()}:`;
  prefixes.push(keyPrefix);
  const created = createRedisStore({ url: options.url ?? URL, keyPrefix, timeoutMs: options.timeoutMs ?? 500, hotSample: options.hotSample ?? 1, ...(options.now ? { now: options.now } : {}) });
  stores.push(created);
  return created;
}

after(async () => {
  for (const prefix of prefixes) {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
  }
  await Promise.all(stores.map((created) => created.close()));
  admin.disconnect();
});

test('the Lua script decides exactly as algorithms.ts, for both algorithms, step by step', async () => {
  let now = 1_795_000_000_123;
  const shared = store({ now: () => now });
  await shared.ready();
  const specs: LimitSpec[] = [
    { algorithm: 'gcra', limit: 7, periodMs: 1000, burst: 3 },
    { algorithm: 'sliding-window', limit: 5, periodMs: 2000, burst: 5 },
  ];
  let tat: number | undefined;
  let windowState: WindowState | undefined;
  // A fixed pseudo-random walk of times and costs: both sides see the same sequence.
  let seed = 7;
  const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
  for (let step = 0; step < 300; step++) {
    now += next() % 400;
    const cost = 1 + (next() % 2);
    for (const [index, spec] of specs.entries()) {
      const [remote] = await shared.check([{ key: `walk-${index}`, spec, cost }]);
      let local: Decision;
      if (spec.algorithm === 'gcra') {
        const outcome = gcra(spec, tat, now, cost);
        local = outcome.decision;
        if (local.allowed) tat = outcome.tat;
      } else {
        const outcome = slidingWindow(spec, windowState, now, cost);
        local = outcome.decision;
        if (local.allowed) windowState = outcome.state;
      }
      assert.deepEqual(remote, local, `step ${step}, ${spec.algorithm}, now ${now}, cost ${cost}`);
    }
  }
});

test('several limits are all or nothing: a refusal charges none of them', async () => {
  const now = 1_795_000_000_000;
  const shared = store({ now: () => now });
  await shared.ready();
  const wide: LimitSpec = { algorithm: 'gcra', limit: 100, periodMs: 1000, burst: 100 };
  const narrow: LimitSpec = { algorithm: 'sliding-window', limit: 2, periodMs: 60_000, burst: 2 };
  for (let index = 0; index < 2; index++) {
    const decisions = await shared.check([{ key: 'wide', spec: wide, cost: 1 }, { key: 'narrow', spec: narrow, cost: 1 }]);
    assert.ok(decisions.every((decision) => decision.allowed));
  }
  for (let index = 0; index < 5; index++) {
    const [wideDecision, narrowDecision] = await shared.check([{ key: 'wide', spec: wide, cost: 1 }, { key: 'narrow', spec: narrow, cost: 1 }]);
    assert.equal(narrowDecision!.allowed, false);
    assert.equal(wideDecision!.allowed, true);
    // Two admitted: 98 left before and after the refusals.
    assert.equal(wideDecision!.remaining, 97, 'the refused requests were not charged to the wide limit');
  }
});

test('concurrent clients sharing Redis admit exactly the limit', async () => {
  // Four clients with the same prefix: they must share counters.
  const prefix = `bulwark-test:${randomUUID()}:`;
  prefixes.push(prefix);
  const sharing = Array.from({ length: 4 }, () => {
    const created = createRedisStore({ url: URL, keyPrefix: prefix, timeoutMs: 2000 });
    stores.push(created);
    return created;
  });
  await Promise.all(sharing.map((created) => created.ready()));
  const spec: LimitSpec = { algorithm: 'sliding-window', limit: 1000, periodMs: 3_600_000, burst: 1000 };
  const results = await Promise.all(Array.from({ length: 2400 }, (_, index) => sharing[index % 4]!.check([{ key: 'quota', spec, cost: 1 }])));
  const admitted = results.filter(([decision]) => decision!.allowed).length;
  assert.equal(admitted, 1000);
});

test('requests batched into one script call are each decided on their own, in order', async () => {
  const shared = store({ now: () => 1_795_000_000_000 });
  await shared.ready();
  const one: LimitSpec = { algorithm: 'gcra', limit: 1, periodMs: 60_000, burst: 1 };
  const wide: LimitSpec = { algorithm: 'gcra', limit: 100, periodMs: 1000, burst: 100 };
  // Issued in one turn: one batch. The second refuses on `one` and must not charge `wide`.
  const results = await Promise.all([
    shared.check([{ key: 'one', spec: one, cost: 1 }, { key: 'wide', spec: wide, cost: 1 }]),
    shared.check([{ key: 'one', spec: one, cost: 1 }, { key: 'wide', spec: wide, cost: 1 }]),
    shared.check([{ key: 'other', spec: one, cost: 1 }]),
  ]);
  assert.deepEqual(results.map((decisions) => decisions.map((decision) => decision.allowed)), [[true, true], [false, true], [true]]);
  assert.equal((await shared.check([{ key: 'wide', spec: wide, cost: 1 }]))[0]!.remaining, 98, 'charged by the first request only');
});

test('more requests in one turn than one script call takes are decided in arrival order across the calls', async () => {
  const shared = store({ now: () => 1_795_000_000_000 });
  await shared.ready();
  const spec: LimitSpec = { algorithm: 'gcra', limit: 20, periodMs: 60_000, burst: 20 };
  // 50 checks in one turn: four script calls of at most 16 in one pipelined write.
  const results = await Promise.all(Array.from({ length: 50 }, () => shared.check([{ key: 'many', spec, cost: 1 }])));
  assert.deepEqual(results.map(([decision]) => decision!.allowed), Array.from({ length: 50 }, (_, index) => index < 20));
  assert.deepEqual(results.slice(0, 20).map(([decision]) => decision!.remaining), Array.from({ length: 20 }, (_, index) => 19 - index));
});

test('hot keys rank the keys asked most, with their refusals', async () => {
  const shared = store();
  await shared.ready();
  const spec: LimitSpec = { algorithm: 'gcra', limit: 3, periodMs: 60_000, burst: 3 };
  for (let index = 0; index < 5; index++) await shared.check([{ key: 'busy|ip=10.0.0.1', spec, cost: 1 }]);
  await shared.check([{ key: 'quiet|ip=10.0.0.2', spec, cost: 1 }]);
  // Two minutes: the checks may straddle a minute boundary.
  const hot = await shared.hotKeys(2, 10);
  assert.deepEqual(hot, [
    { key: 'busy|ip=10.0.0.1', requested: 5, refused: 2 },
    { key: 'quiet|ip=10.0.0.2', requested: 1, refused: 0 },
  ]);
});

test('admitted requests are sampled for the hot-key view with their weight; refusals always count', async () => {
  const shared = store({ hotSample: 4 });
  await shared.ready();
  const spec: LimitSpec = { algorithm: 'gcra', limit: 10, periodMs: 60_000, burst: 10 };
  for (let index = 0; index < 12; index++) await shared.check([{ key: 'sampled', spec, cost: 1 }]);
  const [hot] = await shared.hotKeys(2, 1);
  // 10 admitted: every 4th counted with weight 4 (8); 2 refused, counted each.
  assert.deepEqual(hot, { key: 'sampled', requested: 10, refused: 2 });
});

test('after SCRIPT FLUSH (a Redis restart) the script is loaded again by itself', async () => {
  const shared = store();
  await shared.ready();
  const spec: LimitSpec = { algorithm: 'gcra', limit: 10, periodMs: 1000, burst: 10 };
  await shared.check([{ key: 'flush', spec, cost: 1 }]);
  await admin.script('FLUSH');
  const [decision] = await shared.check([{ key: 'flush', spec, cost: 1 }]);
  assert.equal(decision!.allowed, true);
  assert.equal(decision!.remaining, 8);
  // The same through a pipeline of several script calls.
  await admin.script('FLUSH');
  const many = await Promise.all(Array.from({ length: 40 }, () => shared.check([{ key: 'flush-many', spec: { ...spec, limit: 100, periodMs: 86_400_000, burst: 100 }, cost: 1 }])));
  assert.deepEqual(many.map(([each]) => each!.remaining).sort((left, right) => right - left), Array.from({ length: 40 }, (_, index) => 99 - index));
});

test('an unreachable Redis fails the check at once instead of queueing it', async () => {
  const dead = store({ url: 'redis://127.0.0.1:1', timeoutMs: 20 });
  const started = performance.now();
  await assert.rejects(dead.check([{ key: 'x', spec: { algorithm: 'gcra', limit: 1, periodMs: 1000, burst: 1 }, cost: 1 }]));
  // Several script calls in one turn (a pipeline) fail the same way, every one of them.
  const outcomes = await Promise.allSettled(Array.from({ length: 40 }, () => dead.check([{ key: 'x', spec: { algorithm: 'gcra', limit: 1, periodMs: 1000, burst: 1 }, cost: 1 }])));
  assert.ok(outcomes.every((outcome) => outcome.status === 'rejected'));
  assert.ok(performance.now() - started < 1000);
  assert.equal(dead.isReady, false);
});

test('the Redis URL is shown without its password', () => {
  assert.equal(redactUrl('redis://user:s3cret@cache:6379/0'), 'redis://user:***@cache:6379/0');
  assert.equal(redactUrl('not a url'), '(invalid Redis URL)');
});
