import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBytes, parseDuration } from './units.js';

test('durations', () => {
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('10s'), 10_000);
  assert.equal(parseDuration('1.5m'), 90_000);
  assert.equal(parseDuration('2h'), 7_200_000);
  assert.equal(parseDuration('30d'), 2_592_000_000);
  assert.equal(parseDuration(42), 42);
  assert.equal(parseDuration('10'), undefined);
  assert.equal(parseDuration('-1s'), undefined);
  assert.equal(parseDuration(-5), undefined);
  assert.equal(parseDuration('1 fortnight'), undefined);
});

test('sizes', () => {
  assert.equal(parseBytes('16kb'), 16_384);
  assert.equal(parseBytes('1MiB'), 1_048_576);
  assert.equal(parseBytes('1 mb'), 1_048_576);
  assert.equal(parseBytes('2gb'), 2 * 1024 ** 3);
  assert.equal(parseBytes(100), 100);
  assert.equal(parseBytes(1.5), undefined);
  assert.equal(parseBytes('lots'), undefined);
});
