import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { test } from 'node:test';
import type { TrafficSample } from '../core/types.js';
import { createSampleQueue } from './sample-queue.js';

const sample = (index: number): TrafficSample => ({ requestId: String(index), time: '', route: 'api', method: 'GET', path: `/x/${index}`, status: 200, durationMs: 1, requestHeaders: {}, responseHeaders: {} });

test('samples reach the consumer in a later turn, in order, in bounded batches', async () => {
  const batches: string[][] = [];
  const queue = createSampleQueue((batch) => batches.push(batch.map((each) => each.requestId)), { batchSize: 2 });
  for (let index = 0; index < 5; index++) assert.equal(queue.submit(sample(index)), true);
  assert.deepEqual(batches, [], 'nothing happens during the request');
  for (let turn = 0; turn < 4; turn++) await nextTurn();
  assert.deepEqual(batches, [['0', '1'], ['2', '3'], ['4']]);
  assert.equal(queue.pending, 0);
});

test('a full queue drops and counts instead of growing', () => {
  let drops = 0;
  const seen: string[] = [];
  const queue = createSampleQueue((batch) => seen.push(...batch.map((each) => each.requestId)), { capacity: 3, onDrop: () => drops++ });
  const accepted = [0, 1, 2, 3, 4].map((index) => queue.submit(sample(index)));
  assert.deepEqual(accepted, [true, true, true, false, false]);
  assert.equal(queue.dropped, 2);
  assert.equal(drops, 2);
  queue.drain();
  assert.deepEqual(seen, ['0', '1', '2']);
});
