import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parameterOf, parseHeaderParameters } from './header-parameters.js';

test('token and quoted parameters, names lowercased, escapes undone', () => {
  assert.deepEqual([...parseHeaderParameters('form-data; name="user"; FILENAME="a \\"b\\".txt"')], [['name', 'user'], ['filename', 'a "b".txt']]);
  assert.equal(parameterOf('multipart/form-data; charset=utf-8; boundary=----abc123', 'boundary'), '----abc123');
  assert.equal(parameterOf('multipart/form-data; boundary="with space; and semicolon"', 'boundary'), 'with space; and semicolon');
});

test('the first of repeated parameters wins; malformed pieces are skipped, never thrown', () => {
  assert.equal(parameterOf('form-data; name=a; name=b', 'name'), 'a');
  assert.deepEqual([...parseHeaderParameters('form-data; ; novalue; =x; name="unterminated')], [['name', 'unterminated']]);
  assert.deepEqual([...parseHeaderParameters('')], []);
  assert.equal(parameterOf('text/plain', 'boundary'), undefined);
});

test('50 000 separators or quotes complete', () => {
  assert.equal(parseHeaderParameters('x' + ';'.repeat(50_000)).size, 0);
  assert.equal(parseHeaderParameters('x; a="' + '\\"'.repeat(50_000)).size, 1);
  assert.equal(parseHeaderParameters('x' + '; a=1'.repeat(50_000)).size, 1);
});
