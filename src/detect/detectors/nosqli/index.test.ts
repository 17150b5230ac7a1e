import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Detection } from '../../detector.js';
import type { InputField } from '../../field.js';
import { nosqliDetector } from './index.js';
import { STRONG_OPERATORS, WEAK_OPERATORS } from './operators.js';
import { profileOf } from '../../text-profile.js';
import { ruleIds as ids, scoredVectorSuite } from '../vector-suite.js';

const JSON_VALUE: InputField = { kind: 'body', source: 'json', location: 'body.$.data', name: 'data', isName: false, value: '' };
const { detect } = scoredVectorSuite(nosqliDetector, new URL('./nosqli.vectors.json', import.meta.url), { minAttacks: 30, minBenign: 40, field: JSON_VALUE });

const jsonKey = (key: string): Partial<InputField> => ({ location: `body.$.password.${key}#name`, name: key, isName: true });
const queryName = (name: string): Partial<InputField> => ({ kind: 'query', source: 'query', location: `query.${name}#name`, name, isName: true });

test('every strong operator counts as a JSON key and as a bracket segment; $where has its own rule', () => {
  for (const operator of STRONG_OPERATORS) {
    const expected = operator === 'where' ? ['nosqli.where'] : ['nosqli.operator-name'];
    assert.deepEqual(ids(detect(`$${operator}`, jsonKey(`$${operator}`))), expected, operator);
    assert.deepEqual(ids(detect(`field[$${operator}]`, queryName(`field[$${operator}]`))), expected, operator);
  }
});

test('weak operators count from paranoia 2 only, and never shadow a strong one', () => {
  for (const operator of WEAK_OPERATORS) {
    assert.equal(STRONG_OPERATORS.has(operator), false, operator);
    assert.deepEqual(ids(detect(`$${operator}`, jsonKey(`$${operator}`))), [], operator);
    assert.deepEqual(ids(detect(`$${operator}`, jsonKey(`$${operator}`), 2)), ['nosqli.weak-operator'], operator);
  }
  assert.deepEqual(ids(detect('a[$set][$ne]', queryName('a[$set][$ne]'), 2)), ['nosqli.operator-name']);
});

test('operators are case-sensitive, as MongoDB is ($NE is an unknown operator, not an injection)', () => {
  assert.deepEqual(ids(detect('password[$NE]', queryName('password[$NE]'))), []);
  assert.deepEqual(ids(detect('$Where', jsonKey('$Where'))), []);
});

test('a $ inside a segment is not an operator (amount$ne, a$gt)', () => {
  assert.deepEqual(ids(detect('amount$ne', queryName('amount$ne'))), []);
  assert.deepEqual(ids(detect('a[b$gt]', queryName('a[b$gt]'))), []);
});

test('header names are never query objects', () => {
  assert.deepEqual(ids(detect('$ne', { kind: 'header', source: 'header', location: 'header.$ne#name', name: '$ne', isName: true })), []);
});

test('rule ids are unique and belong to the nosqli class', () => {
  const seen = new Set(nosqliDetector.rules.map((rule) => rule.id));
  assert.equal(seen.size, nosqliDetector.rules.length);
  for (const rule of nosqliDetector.rules) assert.match(rule.id, /^nosqli\.[a-z-]+$/);
});

test('adversarial near-matches complete (linear scans, bounded look-arounds)', () => {
  const values = [
    '[$ne]'.repeat(20000),
    '[$ne'.repeat(20000),
    '"$ne"'.repeat(20000),
    `{${' '.repeat(50000)}$ne`,
    `${'$'.repeat(50000)}ne`,
    "' || '".repeat(20000),
    "';".repeat(20000),
    "' ".repeat(50000),
    'db.'.repeat(20000),
    `db.${'a'.repeat(50000)}`,
    'constructor.'.repeat(20000),
  ];
  for (const value of values) {
    for (const paranoia of [1, 4] as const) {
      detect(value, {}, paranoia);
      detect(value, queryName(value), paranoia);
    }
  }
  assert.deepEqual(ids(detect('[$ne]'.repeat(20000))), ['nosqli.operator-in-value']);
  assert.deepEqual(ids(detect('[$ne]'.repeat(20000), queryName('x'))), ['nosqli.operator-name']);
});

test('text without the trigger characters matches nothing at any paranoia', () => {
  const values = ['alldocs', 'db.users.find', 'where 1 == 1', 'ne gt lt', 'design/utils', 'a.b.c-d e;f|g&h+i', '{x: 1} [y] <z> =', 'constructor.constructor'];
  for (const value of values) {
    assert.equal(profileOf(value) & nosqliDetector.triggers, 0, value);
    for (const isName of [false, true]) {
      const found: Detection[] = [];
      nosqliDetector.detect(value, { ...JSON_VALUE, value, isName }, 4, found, profileOf(value));
      assert.deepEqual(found, [], value);
    }
  }
});
