import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep, setImmediate as nextTurn } from 'node:timers/promises';
import type { SecurityEvent } from '../core/types.js';
import type { EventStore } from '../store/index.js';
import { createBatchedEventWriter, type BatchedEventWriterOptions } from './batched-event-writer.js';

function event(n: number): SecurityEvent {
  return {
    id: `e${n}`, time: new Date(Date.UTC(2024, 4, 1) + n).toISOString(), ruleId: 'r', stage: 's', category: 'c', severity: 'low', action: 'monitored',
  };
}

/**
 * An in-memory store whose inserts can be made to fail (`failNext`) or to wait (`hold`), recording
 * every batch it accepted.
 */
function fakeStore() {
  const batches: string[][] = [];
  let failNext = 0;
  let gate: Promise<void> | undefined;
  let openGate: (() => void) | undefined;
  let attempts = 0;
  const store: EventStore = {
    async insertEvents(events) {
      attempts += 1;
      if (gate) await gate;
      if (failNext > 0) {
        failNext -= 1;
        throw new Error('database is locked');
      }
      batches.push(events.map((e) => e.id));
    },
    queryEvents: () => Promise.resolve([]),
    deleteEventsBefore: () => Promise.resolve(0),
    close: () => Promise.resolve(),
  };
  return {
    store,
    batches,
    written: () => batches.flat(),
    get attempts() { return attempts; },
    fail(count: number) { failNext = count; },
    hold() { gate = new Promise((resolve) => { openGate = resolve; }); },
    release() { gate = undefined; openGate?.(); },
  };
}

/** Polls instead of sleeping a fixed time, so a loaded CI machine does not make the test flaky. */
async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `e${from + i}`);

function writer(store: EventStore, options: Partial<BatchedEventWriterOptions> = {}) {
  const drops: number[] = [];
  const errors: unknown[] = [];
  const sink = createBatchedEventWriter(store, {
    batchSize: 3, flushIntervalMs: 60_000, maxQueue: 100,
    onDrop: (count) => drops.push(count), onError: (error) => errors.push(error), ...options,
  });
  return { sink, drops, errors, dropped: () => drops.reduce((a, b) => a + b, 0) };
}

describe('createBatchedEventWriter', () => {
  test('writes full batches on the next turn, never inside write()', async () => {
    const fake = fakeStore();
    const { sink } = writer(fake.store);
    for (let n = 0; n < 7; n++) sink.write(event(n));
    assert.equal(fake.attempts, 0);
    assert.equal(sink.pending, 7);
    await sleep(10);
    assert.deepEqual(fake.batches, [ids(0, 3), ids(3, 6)]);
    assert.equal(sink.pending, 1, 'a partial batch waits for the timer');
    await sink.close();
    assert.deepEqual(fake.written(), ids(0, 7));
  });

  test('writes a partial batch when the interval elapses', async () => {
    const fake = fakeStore();
    const { sink } = writer(fake.store, { batchSize: 100, flushIntervalMs: 20 });
    sink.write(event(0));
    sink.write(event(1));
    await sleep(5);
    assert.equal(fake.attempts, 0, 'not a full batch: nothing written before the interval');
    await waitFor(() => fake.batches.length > 0);
    assert.deepEqual(fake.batches, [ids(0, 2)]);
    await sink.close();
  });

  test('keeps order across many batches and one flush at a time', async () => {
    const fake = fakeStore();
    let concurrent = 0;
    let maxConcurrent = 0;
    const insert = fake.store.insertEvents.bind(fake.store);
    fake.store.insertEvents = async (events) => {
      maxConcurrent = Math.max(maxConcurrent, ++concurrent);
      await sleep(1);
      await insert(events);
      concurrent -= 1;
    };
    const { sink } = writer(fake.store, { batchSize: 4 });
    for (let n = 0; n < 50; n++) {
      sink.write(event(n));
      if (n % 7 === 0) await nextTurn();
    }
    await sink.flush();
    assert.deepEqual(fake.written(), ids(0, 50));
    assert.equal(maxConcurrent, 1);
    await sink.close();
  });

  test('close() writes everything, including events written during a flush', async () => {
    const fake = fakeStore();
    const { sink } = writer(fake.store);
    fake.hold();
    for (let n = 0; n < 3; n++) sink.write(event(n));
    await sleep(5); // the first batch is now in flight, held by the store
    for (let n = 3; n < 8; n++) sink.write(event(n));
    const closed = sink.close();
    sink.write(event(8)); // while closing: still accepted
    fake.release();
    await closed;
    assert.deepEqual(fake.written(), ids(0, 9));
    assert.equal(sink.pending, 0);
  });

  test('a failing store that recovers loses nothing and keeps order', async () => {
    const fake = fakeStore();
    const { sink, errors, dropped } = writer(fake.store, { flushIntervalMs: 10 });
    fake.fail(2);
    for (let n = 0; n < 10; n++) sink.write(event(n));
    await waitFor(() => fake.written().length === 10); // two failures, then backoff retries succeed
    assert.equal(errors.length, 2);
    assert.deepEqual(fake.written(), ids(0, 10));
    assert.equal(dropped(), 0);
    await sink.close();
  });

  test('backs off instead of retrying on every tick', async () => {
    const fake = fakeStore();
    const { sink } = writer(fake.store, { batchSize: 1, flushIntervalMs: 5 });
    fake.fail(Number.MAX_SAFE_INTEGER);
    sink.write(event(0));
    await sleep(250); // first try at once, retries after 100 ms and then 200 ms more
    assert.ok(fake.attempts >= 1 && fake.attempts <= 3, `attempts: ${fake.attempts}`);
    fake.fail(0);
    await sink.close();
    assert.deepEqual(fake.written(), ['e0']);
  });

  test('close() retries a failing store', async () => {
    const fake = fakeStore();
    const { sink, errors } = writer(fake.store);
    for (let n = 0; n < 2; n++) sink.write(event(n));
    fake.fail(2);
    await sink.close();
    assert.equal(errors.length, 2);
    assert.deepEqual(fake.written(), ids(0, 2));
  });

  test('close() that gives up rejects and reports what it could not write', async () => {
    const fake = fakeStore();
    const { sink, dropped } = writer(fake.store);
    for (let n = 0; n < 2; n++) sink.write(event(n));
    fake.fail(Number.MAX_SAFE_INTEGER);
    await assert.rejects(sink.close(), /database is locked/);
    assert.equal(dropped(), 2);
    assert.equal(sink.pending, 0);
  });

  test('overflow drops the oldest queued events and reports the count', async () => {
    const fake = fakeStore();
    const { sink, dropped } = writer(fake.store, { batchSize: 5, maxQueue: 5 });
    fake.hold();
    for (let n = 0; n < 5; n++) sink.write(event(n));
    await sleep(5); // e0..e4 in flight
    for (let n = 5; n < 13; n++) sink.write(event(n));
    assert.equal(dropped(), 3);
    fake.release();
    await sink.close();
    assert.deepEqual(fake.written(), [...ids(0, 5), ...ids(8, 13)]);
  });

  test('a failed batch put back beyond maxQueue drops its oldest events, reported', async () => {
    const fake = fakeStore();
    const { sink, dropped, errors } = writer(fake.store, { batchSize: 3, maxQueue: 5 });
    fake.hold();
    fake.fail(1);
    for (let n = 0; n < 3; n++) sink.write(event(n));
    await sleep(5); // e0..e2 in flight, about to fail
    for (let n = 3; n < 8; n++) sink.write(event(n));
    fake.release();
    await sleep(5);
    assert.equal(errors.length, 1);
    assert.equal(dropped(), 3);
    await sink.close();
    assert.deepEqual(fake.written(), ids(3, 8));
  });

  test('write() never throws: after close, or with throwing callbacks', async () => {
    const fake = fakeStore();
    const sink = createBatchedEventWriter(fake.store, {
      batchSize: 1, flushIntervalMs: 10, maxQueue: 1,
      onDrop: () => { throw new Error('metrics down'); },
      onError: () => { throw new Error('logger down'); },
    });
    fake.fail(1);
    sink.write(event(0));
    sink.write(event(1)); // overflows: onDrop throws
    await sink.close();
    assert.doesNotThrow(() => sink.write(event(2)));
    await sink.close();
    assert.deepEqual(fake.written(), ['e1']);
  });

  test('reports writes after close as dropped', async () => {
    const fake = fakeStore();
    const { sink, dropped } = writer(fake.store);
    await sink.close();
    sink.write(event(0));
    assert.equal(dropped(), 1);
    assert.equal(fake.attempts, 0);
  });

  test('rejects invalid options', () => {
    const { store } = fakeStore();
    for (const bad of [{ batchSize: 0 }, { flushIntervalMs: -1 }, { maxQueue: 1.5 }, { batchSize: 10, maxQueue: 5 }]) {
      assert.throws(() => createBatchedEventWriter(store, { batchSize: 3, flushIntervalMs: 100, maxQueue: 100, ...bad }), RangeError);
    }
  });
});
