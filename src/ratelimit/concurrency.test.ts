import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createConcurrencyLimiter } from './concurrency.js';

test('slots are taken up to the maximum and given back', () => {
  const limiter = createConcurrencyLimiter();
  assert.equal(limiter.tryAcquire('a', 2), true);
  assert.equal(limiter.tryAcquire('a', 2), true);
  assert.equal(limiter.tryAcquire('a', 2), false);
  assert.equal(limiter.tryAcquire('b', 2), true, 'keys are counted apart');
  limiter.release('a');
  assert.equal(limiter.inFlight('a'), 1);
  assert.equal(limiter.tryAcquire('a', 2), true);
  limiter.release('a');
  limiter.release('a');
  limiter.release('a');
  assert.equal(limiter.inFlight('a'), 0, 'never below zero');
});
