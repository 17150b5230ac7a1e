import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerObject, nonNegativeNumber, parseLogTime, pick, pickText } from './log-fields.js';

test('pick takes the first name with a present value; "", "-", null and arrays are absent', () => {
  const record = { a: '', b: '-', c: null, d: ['x'], e: 'yes', f: 'later' };
  assert.deepEqual(pick(record, ['a', 'b', 'c', 'd', 'e', 'f']), { key: 'e', value: 'yes' });
  assert.equal(pick(record, ['a', 'b', 'missing']), undefined);
  assert.equal(pickText({ n: 200, t: true }, ['n']), '200');
  assert.equal(pickText({ o: { x: 1 } }, ['o']), undefined);
});

test('pick reads own properties only', () => {
  assert.equal(pick({}, ['constructor', 'toString', '__proto__']), undefined);
  assert.equal(pick(JSON.parse('{"__proto__":"x"}') as Record<string, unknown>, ['__proto__'])?.value, 'x');
});

test('nonNegativeNumber accepts numbers and decimal strings only', () => {
  assert.equal(nonNegativeNumber('0.012'), 0.012);
  assert.equal(nonNegativeNumber(' 200 '), 200);
  assert.equal(nonNegativeNumber(3), 3);
  for (const bad of ['-1', '1e3', '0x10', '', 'abc', '1.2.3', '0.012, 0.004', '9'.repeat(400)]) assert.equal(nonNegativeNumber(bad), undefined, bad);
  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(nonNegativeNumber(bad), undefined);
  assert.equal(nonNegativeNumber(true), undefined);
  assert.equal(nonNegativeNumber(undefined), undefined);
});

test('parseLogTime reads RFC 3339, nginx $time_local and epoch seconds, as UTC', () => {
  assert.equal(parseLogTime('2024-05-01T12:00:00+00:00'), '2024-05-01T12:00:00.000Z');
  assert.equal(parseLogTime('2024-05-01T14:00:00+02:00'), '2024-05-01T12:00:00.000Z');
  assert.equal(parseLogTime('2024-05-01T12:00:00.310Z'), '2024-05-01T12:00:00.310Z');
  assert.equal(parseLogTime('2024-05-01T12:00:00.123456789Z'), '2024-05-01T12:00:00.123Z');
  assert.equal(parseLogTime('2024-05-01 12:00:00,5+0000'), '2024-05-01T12:00:00.500Z');
  assert.equal(parseLogTime('01/May/2024:14:00:00 +0200'), '2024-05-01T12:00:00.000Z');
  assert.equal(parseLogTime('01/May/2024:05:30:00 -0630'), '2024-05-01T12:00:00.000Z');
  assert.equal(parseLogTime('1714564800.250'), '2024-05-01T12:00:00.250Z');
  assert.equal(parseLogTime(1714564800), '2024-05-01T12:00:00.000Z');
});

test('parseLogTime refuses anything else without throwing', () => {
  for (const bad of ['yesterday', 'May 1 2024', '2024-05-01', '2024-13-45T99:99:99Z', '01/Foo/2024:14:00:00 +0200', '12', '', true, { a: 1 }]) {
    assert.equal(parseLogTime(bad), undefined, JSON.stringify(bad));
  }
  assert.equal(parseLogTime(1e300), undefined);
  assert.equal(parseLogTime(Number.NaN), undefined);
});

test('headerObject lowercases names and keeps string and number values', () => {
  assert.deepEqual(headerObject({ 'X-API-Key': 'present', 'X-Empty': '', 'X-Dash': '-', 'X-N': 5, 'X-Obj': { a: 1 } }), { 'x-api-key': 'present', 'x-n': '5' });
  assert.deepEqual(headerObject('text'), {});
  assert.deepEqual(headerObject(undefined), {});
  const tricky = headerObject(JSON.parse('{"__proto__":"a","constructor":"b"}') as Record<string, unknown>);
  assert.deepEqual(Object.keys(tricky), ['__proto__', 'constructor']);
});
