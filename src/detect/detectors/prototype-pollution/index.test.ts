import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputField } from '../../field.js';
import { prototypePollutionDetector } from './index.js';
import { ruleIds as ids, scoredVectorSuite } from '../vector-suite.js';

const { detect } = scoredVectorSuite(prototypePollutionDetector, new URL('./prototype-pollution.vectors.json', import.meta.url), {
  minAttacks: 15, minBenign: 15,
  field: { kind: 'body', source: 'json', location: 'body.$.data', name: 'data', isName: false, value: '' },
});

const queryName = (name: string): Partial<InputField> => ({ kind: 'query', source: 'query', location: `query.${name}#name`, name, isName: true });

test('__proto__ must be a whole segment: inside a longer name it is no path', () => {
  assert.deepEqual(ids(detect('my__proto__field', queryName('my__proto__field'))), []);
  assert.deepEqual(ids(detect('a[x__proto__]', queryName('a[x__proto__]'))), []);
  assert.deepEqual(ids(detect('constructorprototype', queryName('constructorprototype'))), []);
  assert.deepEqual(ids(detect('a[constructor]x[prototype]', queryName('a[constructor]x[prototype]'))), []);
});

test('names are case-sensitive, as JavaScript is', () => {
  assert.deepEqual(ids(detect('__PROTO__[x]', queryName('__PROTO__[x]'))), []);
});

test('a structured value is reported once, not again as a mention', () => {
  assert.deepEqual(ids(detect('{"__proto__": {"a": 1}}', {}, 4)), ['prototype-pollution.structured-value']);
});

test('the fragment shows the matched path', () => {
  const [first] = detect('prototype', { location: 'body.$.constructor.prototype#name', name: 'prototype', isName: true });
  assert.equal(first?.fragment, 'body.$.constructor.prototype#name');
});

test('rule ids are unique and belong to the prototype-pollution class', () => {
  const seen = new Set(prototypePollutionDetector.rules.map((rule) => rule.id));
  assert.equal(seen.size, prototypePollutionDetector.rules.length);
  for (const rule of prototypePollutionDetector.rules) assert.match(rule.id, /^prototype-pollution\.[a-z-]+$/);
});

test('adversarial near-matches complete (linear scans, bounded look-behinds)', () => {
  const values = [
    '__proto__'.repeat(20000),
    '"__proto__"'.repeat(20000),
    '[__proto__'.repeat(20000),
    'prototype'.repeat(20000),
    '"prototype"'.repeat(20000),
    `"constructor":${' '.repeat(50000)}{"prototype"`,
    `{${' '.repeat(50000)}"prototype"`.repeat(2),
    'constructor.'.repeat(20000),
    '_'.repeat(100000),
  ];
  for (const value of values) {
    for (const paranoia of [1, 4] as const) {
      detect(value, {}, paranoia);
      detect(value, queryName(value), paranoia);
      detect('prototype', { location: value, name: 'prototype', isName: true }, paranoia);
    }
  }
  assert.deepEqual(ids(detect('__proto__'.repeat(20000), queryName('x'))), []);
  assert.deepEqual(ids(detect('[__proto__]'.repeat(20000))), ['prototype-pollution.structured-value']);
});
