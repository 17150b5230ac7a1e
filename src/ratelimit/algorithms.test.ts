import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gcra, slidingWindow, type LimitSpec, type WindowState } from './algorithms.js';

const perSecond = (limit: number, burst = limit): LimitSpec => ({ algorithm: 'gcra', limit, periodMs: 1000, burst });

/** Runs `count` requests at `at` through GCRA, keeping state; returns how many were admitted. */
function gcraRun(spec: LimitSpec, times: readonly number[], cost = 1): { admitted: number; tat: number | undefined } {
  let tat: number | undefined;
  let admitted = 0;
  for (const at of times) {
    const outcome = gcra(spec, tat, at, cost);
    if (outcome.decision.allowed) {
      admitted++;
      tat = outcome.tat;
    }
  }
  return { admitted, tat };
}

test('gcra admits a burst of `burst` at once, then one per interval', () => {
  const spec = perSecond(10, 5);
  assert.equal(gcraRun(spec, Array(20).fill(1000)).admitted, 5);
  // 100 ms per unit: after the burst, one more every 100 ms.
  const times = [...Array(5).fill(1000), 1050, 1100, 1150, 1200];
  assert.equal(gcraRun(spec, times).admitted, 7);
});

test('gcra over a long run admits the rate, within the burst', () => {
  const spec = perSecond(100, 10);
  // 1,000 requests per second for 10 s: admitted = 10 s * 100/s + burst
  const times = Array.from({ length: 10_000 }, (_, index) => 1_000_000 + index);
  const { admitted } = gcraRun(spec, times);
  assert.ok(admitted >= 1000 && admitted <= 1010, `admitted ${admitted}`);
});

test('gcra reports remaining, reset and retry-after', () => {
  const spec = perSecond(10, 10);
  const first = gcra(spec, undefined, 0, 1);
  assert.deepEqual(first.decision, { allowed: true, remaining: 9, resetMs: 100, retryAfterMs: 0 });
  let tat: number | undefined = first.tat;
  for (let index = 0; index < 9; index++) tat = gcra(spec, tat, 0, 1).tat;
  const refused = gcra(spec, tat, 0, 1);
  assert.equal(refused.decision.allowed, false);
  assert.equal(refused.decision.remaining, 0);
  assert.equal(refused.decision.retryAfterMs, 100);
  assert.equal(refused.decision.resetMs, 1000);
  assert.equal(refused.tat, tat, 'a refused request does not move the state');
});

test('gcra charges the cost: an expensive operation uses several units', () => {
  const spec = perSecond(10, 10);
  const outcome = gcra(spec, undefined, 0, 4);
  assert.equal(outcome.decision.remaining, 6);
  assert.equal(gcra(spec, outcome.tat, 0, 7).decision.allowed, false);
  assert.equal(gcra(spec, outcome.tat, 0, 6).decision.allowed, true);
  assert.equal(gcra(spec, undefined, 0, 11).decision.allowed, false, 'a cost above the burst never fits');
});

/** Sliding-window run; returns admitted count and the last state. */
function windowRun(spec: LimitSpec, times: readonly number[], cost = 1): { admitted: number; state: WindowState | undefined } {
  let state: WindowState | undefined;
  let admitted = 0;
  for (const at of times) {
    const outcome = slidingWindow(spec, state, at, cost);
    if (outcome.decision.allowed) {
      admitted++;
      state = outcome.state;
    }
  }
  return { admitted, state };
}

test('sliding window admits the limit within a window and no more', () => {
  const spec: LimitSpec = { algorithm: 'sliding-window', limit: 100, periodMs: 60_000, burst: 100 };
  assert.equal(windowRun(spec, Array(500).fill(60_000 * 10 + 5)).admitted, 100);
});

test('sliding window weighs the previous window: no double burst at the boundary', () => {
  const spec: LimitSpec = { algorithm: 'sliding-window', limit: 100, periodMs: 60_000, burst: 100 };
  const start = 60_000 * 10;
  // 100 at the end of one window, then 100 more asked right after the boundary: a fixed window would
  // admit them all; the sliding estimate still counts ~all of the previous 100.
  const times = [...Array(100).fill(start + 59_000), ...Array(100).fill(start + 60_500)];
  assert.equal(windowRun(spec, times).admitted, 100 + 0);
  // Halfway into the next window half of the previous count has slid out.
  const later = [...Array(100).fill(start + 59_000), ...Array(100).fill(start + 90_000)];
  assert.equal(windowRun(spec, later).admitted, 150);
});

test('sliding window retry-after points at when the cost fits again', () => {
  const spec: LimitSpec = { algorithm: 'sliding-window', limit: 10, periodMs: 1000, burst: 10 };
  const { state } = windowRun(spec, Array(10).fill(5000));
  const refused = slidingWindow(spec, state, 5000, 1);
  assert.equal(refused.decision.allowed, false);
  // 10 in window 5 (from 5000): at 6000 + 100 the previous count weighs 10 * 0.9 = 9, and 9 + 1 <= 10.
  assert.equal(refused.decision.retryAfterMs, 1100);
  assert.equal(slidingWindow(spec, state, 5000 + refused.decision.retryAfterMs, 1).decision.allowed, true);
  assert.equal(slidingWindow(spec, state, 5000 + refused.decision.retryAfterMs - 50, 1).decision.allowed, false);
});

test('sliding window forgets a window older than the previous one', () => {
  const spec: LimitSpec = { algorithm: 'sliding-window', limit: 5, periodMs: 1000, burst: 5 };
  const { state } = windowRun(spec, Array(5).fill(1000));
  assert.equal(slidingWindow(spec, state, 3500, 5).decision.allowed, true);
});
