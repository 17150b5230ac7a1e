import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RANGES, isAbusiveRange } from './range.js';

test('ordinary ranges pass: one range, a suffix, a few disjoint ones, first and last byte', () => {
  for (const value of ['bytes=0-1023', 'bytes=500-', 'bytes=-500', 'bytes=0-0,-1', 'bytes=0-99, 200-299, 400-499', 'bytes=', 'items=0-9', 'garbage']) {
    assert.equal(isAbusiveRange(value), false, value);
  }
});

test('overlapping ranges and more than MAX_RANGES are abuse', () => {
  for (const value of ['bytes=0-499,100-599', 'bytes=0-,5-10', 'bytes=0-,5-0', 'bytes=10-20, 20-30', `bytes=${Array.from({ length: MAX_RANGES + 1 }, (_, index) => `${index * 10}-${index * 10 + 1}`).join(',')}`]) {
    assert.equal(isAbusiveRange(value), true, value);
  }
});

test('a huge Range value is read only up to the limit', () => {
  assert.equal(isAbusiveRange(`bytes=${'1-2,'.repeat(200_000)}`), true);
  assert.equal(isAbusiveRange(`bytes=0-1${' '.repeat(200_000)}`), false);
});
