import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countJsonValues, createValueBudget, MAX_BODY_DEPTH, measureJson, takeFromBudget } from './json-budget.js';

const count = (text: string, stopAfter = Number.MAX_SAFE_INTEGER) => countJsonValues(Buffer.from(text), stopAfter);

test('counts values as openers and commas outside strings, plus one', () => {
  assert.equal(count('1'), 1);
  assert.equal(count('[]'), 2); // an upper bound: the empty array's "element" is counted
  assert.equal(count('[1,2,3]'), 4);
  assert.equal(count('{"a":{"b":[1,2]}}'), 5);
  assert.ok(count('[{},{},{}]') >= 4);
});

test('brackets and commas inside strings, escaped quotes included, are not counted', () => {
  assert.equal(count('"[{,,,}]"'), 1);
  assert.equal(count('["a\\",[,", 1]'), 3);
  assert.equal(count('["\\\\", [1]]'), 4);
});

test('stops counting once past the limit', () => {
  assert.equal(count('[1,2,3,4,5,6,7,8,9]', 3), 4);
});

test('takeFromBudget takes all or nothing', () => {
  const budget = createValueBudget(5);
  assert.equal(takeFromBudget(budget, Buffer.from('[1,2]')), true);
  assert.equal(budget.remaining, 2);
  assert.equal(takeFromBudget(budget, Buffer.from('[1,2,3]')), false);
  assert.equal(budget.remaining, 2);
});

test('a tiny-value bomb is counted in linear time', () => {
  const bomb = Buffer.from(`[${'{},'.repeat(2_000_000)}{}]`);
  const started = performance.now();
  assert.ok(countJsonValues(bomb, 10_000_000) > 2_000_000);
  assert.ok(performance.now() - started < 2000);
});

test('nesting depth is measured, and a body nested deeper than MAX_BODY_DEPTH is refused', () => {
  assert.deepEqual(measureJson(Buffer.from('{"a":[[1],{"b":"[[[["}]}'), 100), { values: 6, depth: 3 });
  const budget = createValueBudget(1000);
  assert.equal(takeFromBudget(budget, Buffer.from(`${'['.repeat(MAX_BODY_DEPTH)}${']'.repeat(MAX_BODY_DEPTH)}`)), true);
  assert.equal(takeFromBudget(budget, Buffer.from(`${'['.repeat(MAX_BODY_DEPTH + 1)}${']'.repeat(MAX_BODY_DEPTH + 1)}`)), false);
});
