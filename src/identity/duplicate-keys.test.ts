import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duplicateTopLevelKey } from './duplicate-keys.js';

test('finds a repeated top-level member, escaped or not', () => {
  assert.equal(duplicateTopLevelKey('{"sub":"a","sub":"b"}'), 'sub');
  assert.equal(duplicateTopLevelKey('{"su\\u0062":"a","sub":"b"}'), 'sub');
  assert.equal(duplicateTopLevelKey('{"a":1,"b":{"c":1},"a":2}'), 'a');
});

test('ignores nested objects, arrays and strings that look like keys', () => {
  assert.equal(duplicateTopLevelKey('{"a":{"x":1,"x":2},"b":[{"y":1},{"y":2}]}'), undefined);
  assert.equal(duplicateTopLevelKey('{"a":"\\"a\\":","b":"a"}'), undefined);
  assert.equal(duplicateTopLevelKey('{"a":"x,\\"a\\":1"}'), undefined);
  assert.equal(duplicateTopLevelKey('{}'), undefined);
  assert.equal(duplicateTopLevelKey('[1,2]'), undefined);
});
