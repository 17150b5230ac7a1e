import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ownValueAt, queryParameter, scalarText } from './request-values.js';

test('queryParameter decodes the first value of a name, plus as space', () => {
  assert.equal(queryParameter('a=1&user=Al%20ice+B&user=x', 'user'), 'Al ice B');
  assert.equal(queryParameter('flag&b=2', 'flag'), '');
  assert.equal(queryParameter('a%20b=1', 'a b'), '1');
  assert.equal(queryParameter('', 'a'), undefined);
  assert.equal(queryParameter('a=1', 'b'), undefined);
  assert.equal(queryParameter('%E0%A4%A=1&user=x', 'user'), undefined, 'a garbled name before it: no value');
});

test('ownValueAt follows own properties only', () => {
  const root = JSON.parse('{"a":{"b":{"c":7}},"__proto__":{"x":1}}') as unknown;
  assert.equal(ownValueAt(root, ['a', 'b', 'c']), 7);
  assert.equal(ownValueAt(root, ['a', 'missing', 'c']), undefined);
  assert.equal(ownValueAt(root, ['a', 'constructor']), undefined);
  assert.deepEqual(ownValueAt(root, ['__proto__']), { x: 1 }, 'an own __proto__ key from JSON.parse is data');
  assert.equal(ownValueAt('text', ['length']), undefined);
  assert.equal(ownValueAt(root, []), root);
});

test('scalarText gives text for scalars only', () => {
  assert.equal(scalarText('a'), 'a');
  assert.equal(scalarText(7), '7');
  assert.equal(scalarText(false), 'false');
  for (const value of [null, undefined, {}, [1]]) assert.equal(scalarText(value), undefined);
});
