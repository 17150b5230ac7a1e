import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Detection } from '../../detector.js';
import type { InputField } from '../../field.js';
import { SEVERITY_SCORE, type Paranoia } from '../../rule.js';
import { prototypePollutionDetector } from './index.js';
import { runDetector } from '../run-detector.js';

interface Vector {
  readonly name: string;
  readonly value: string;
  readonly field?: Partial<InputField>;
  /** Every rule the vector must match, and no others. */
  readonly rules?: readonly string[];
  readonly paranoia?: Paranoia;
}

const vectors = JSON.parse(readFileSync(new URL('./prototype-pollution.vectors.json', import.meta.url), 'utf8')) as { attacks: Vector[]; benign: Vector[] };
const JSON_VALUE: InputField = { kind: 'body', source: 'json', location: 'body.$.data', name: 'data', isName: false, value: '' };

function detect(value: string, field: Partial<InputField> = {}, paranoia: Paranoia = 1): Detection[] {
  const found: Detection[] = [];
  runDetector(prototypePollutionDetector, value, { ...JSON_VALUE, ...field, value }, paranoia, found);
  return found;
}

const ids = (found: readonly Detection[]): string[] => found.map((detection) => detection.rule.id).sort();

test('attack vectors match exactly their rules, and block on their own at paranoia 1', () => {
  assert.ok(vectors.attacks.length >= 15);
  for (const vector of vectors.attacks) {
    const paranoia = vector.paranoia ?? 1;
    const found = detect(vector.value, vector.field, paranoia);
    assert.deepEqual(ids(found), [...(vector.rules ?? [])].sort(), vector.name);
    if (paranoia === 1) {
      const score = found.reduce((sum, detection) => sum + SEVERITY_SCORE[detection.rule.severity], 0);
      assert.ok(score >= 5, `${vector.name}: score ${score}`);
    } else {
      assert.deepEqual(detect(vector.value, vector.field, 1), [], `${vector.name}: nothing at paranoia 1`);
    }
  }
});

test('benign vectors match nothing at paranoia 1', () => {
  assert.ok(vectors.benign.length >= 15);
  for (const vector of vectors.benign) assert.deepEqual(ids(detect(vector.value, vector.field)), [], vector.name);
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
