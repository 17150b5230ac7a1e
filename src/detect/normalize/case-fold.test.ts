import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldCase } from './case-fold.js';

test('ASCII capitals become lowercase', () => {
  assert.deepEqual(foldCase('SeLeCt * FrOm users'), { value: 'select * from users', changed: true });
  assert.equal(foldCase('<ScRiPt>').value, '<script>');
});

test('only ASCII changes: non-ASCII letters and the length stay', () => {
  const input = 'İSTANBUL Ä ΣELECT';
  const folded = foldCase(input);
  assert.equal(folded.value, 'İstanbul Ä Σelect');
  assert.equal(folded.value.length, input.length);
});

test('nothing to lower: the input itself, unchanged', () => {
  assert.deepEqual(foldCase('already lower 123 é'), { value: 'already lower 123 é', changed: false });
  assert.deepEqual(foldCase('ÄÖÜ'), { value: 'ÄÖÜ', changed: false });
});

test('long input simply completes', () => {
  assert.equal(foldCase('Aé'.repeat(50_000)).value, 'aé'.repeat(50_000));
});
