import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFailureTracker } from './failure-tracker.js';

function tracker() {
  let now = 0;
  const t = createFailureTracker({ maxFailures: 3, windowMs: 1000, lockoutMs: 100, maxLockoutMs: 350, maxSubjects: 2, now: () => now });
  return { t, advance: (ms: number) => { now += ms; } };
}

test('locks out after too many failures in the window, doubling each time up to the cap', () => {
  const { t, advance } = tracker();
  assert.equal(t.fail('ip'), 0);
  assert.equal(t.fail('ip'), 0);
  assert.equal(t.fail('ip'), 100);
  assert.equal(t.lockedFor('ip'), 100);
  advance(100);
  assert.equal(t.lockedFor('ip'), 0);
  for (let i = 0; i < 2; i++) t.fail('ip');
  assert.equal(t.fail('ip'), 200);
  advance(200);
  for (let i = 0; i < 2; i++) t.fail('ip');
  assert.equal(t.fail('ip'), 350, 'capped');
});

test('failures outside the window do not add up; a success ends the streak', () => {
  const { t, advance } = tracker();
  t.fail('a');
  t.fail('a');
  advance(1001);
  assert.equal(t.fail('a'), 0);
  t.fail('b');
  t.fail('b');
  t.succeed('b');
  assert.equal(t.fail('b'), 0);
});

test('bounded: the least recently seen subjects are forgotten', () => {
  const { t } = tracker();
  for (let i = 0; i < 3; i++) t.fail('x');
  t.fail('y');
  t.fail('z');
  assert.equal(t.lockedFor('x'), 0, 'x was forgotten to keep two subjects');
});
