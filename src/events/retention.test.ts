import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '../store/index.js';
import { openEventStore } from '../store/index.js';
import { startRetention } from './retention.js';

const NOW = Date.parse('2024-05-10T12:00:00.000Z');
const HOUR = 3_600_000;

function event(id: string, time: number) {
  return { id, time: new Date(time).toISOString(), ruleId: 'r', stage: 's', category: 'c', severity: 'low', action: 'blocked' } as const;
}

function recordingStore(result: () => Promise<number> = () => Promise.resolve(0)) {
  const cutoffs: string[] = [];
  const store: Pick<EventStore, 'deleteEventsBefore'> = {
    deleteEventsBefore(time) {
      cutoffs.push(time);
      return result();
    },
  };
  return { store, cutoffs };
}

describe('startRetention', () => {
  test('deletes events older than the retention window from a real store', async () => {
    const store = openEventStore({ sqlite: { path: ':memory:' } });
    try {
      await store.insertEvents([event('old', NOW - 25 * HOUR), event('edge', NOW - 24 * HOUR), event('new', NOW - HOUR)]);
      const retention = startRetention(store, { retentionMs: 24 * HOUR, intervalMs: HOUR, now: () => NOW });
      assert.equal(await retention.runOnce(), 1);
      retention.stop();
      assert.deepEqual((await store.queryEvents({})).map((e) => e.id), ['new', 'edge']);
    } finally {
      await store.close();
    }
  });

  test('runs on its interval until stopped', async () => {
    const { store, cutoffs } = recordingStore();
    const retention = startRetention(store, { retentionMs: HOUR, intervalMs: 10, now: () => NOW });
    await sleep(60);
    retention.stop();
    const runs = cutoffs.length;
    assert.ok(runs >= 2, `runs: ${runs}`);
    assert.equal(cutoffs[0], new Date(NOW - HOUR).toISOString());
    await sleep(40);
    assert.equal(cutoffs.length, runs, 'no run after stop()');
  });

  test('does not overlap a purge that is still running', async () => {
    let finish: ((count: number) => void) | undefined;
    const { store, cutoffs } = recordingStore(() => new Promise((resolve) => { finish = resolve; }));
    const retention = startRetention(store, { retentionMs: HOUR, intervalMs: 5, now: () => NOW });
    const first = retention.runOnce();
    await sleep(40);
    assert.equal(cutoffs.length, 1);
    finish?.(7);
    assert.equal(await first, 7);
    retention.stop();
  });

  test('reports timer failures to onError and keeps going; runOnce rejects', async () => {
    const errors: unknown[] = [];
    const { store, cutoffs } = recordingStore(() => Promise.reject(new Error('disk full')));
    const retention = startRetention(store, { retentionMs: HOUR, intervalMs: 10, onError: (error) => errors.push(error) });
    await assert.rejects(retention.runOnce(), /disk full/);
    await sleep(60);
    retention.stop();
    assert.ok(errors.length >= 2 && cutoffs.length >= 3);
  });

  test('caps an interval longer than a timer can hold instead of spinning', async () => {
    const { store, cutoffs } = recordingStore();
    const retention = startRetention(store, { retentionMs: HOUR, intervalMs: 30 * 24 * HOUR });
    await sleep(20);
    retention.stop();
    assert.equal(cutoffs.length, 0);
  });

  test('rejects a non-positive window or interval', () => {
    const { store } = recordingStore();
    assert.throws(() => startRetention(store, { retentionMs: 0, intervalMs: 10 }), RangeError);
    assert.throws(() => startRetention(store, { retentionMs: HOUR, intervalMs: Number.NaN }), RangeError);
  });
});
