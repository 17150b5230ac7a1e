import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Detection } from '../../detector.js';
import type { InputField } from '../../field.js';
import { SEVERITY_SCORE, type Paranoia } from '../../rule.js';
import { SSI_RULES, ssiDetector } from './index.js';
import { runDetector } from '../run-detector.js';
import { profileOf } from '../../text-profile.js';

interface Vector {
  readonly name: string;
  readonly value: string;
  readonly field?: Partial<InputField>;
  /** Every rule the vector must match at its paranoia, and no others. */
  readonly rules?: readonly string[];
  readonly paranoia?: Paranoia;
}

const vectors = JSON.parse(readFileSync(new URL('./ssi.vectors.json', import.meta.url), 'utf8')) as { attacks: Vector[]; benign: Vector[] };
const FORM_VALUE: InputField = { kind: 'body', source: 'form', location: 'body.form.comment', name: 'comment', isName: false, value: '' };

function detect(value: string, field: Partial<InputField> = {}, paranoia: Paranoia = 1): Detection[] {
  const found: Detection[] = [];
  runDetector(ssiDetector, value, { ...FORM_VALUE, ...field, value }, paranoia, found);
  return found;
}

const ids = (found: readonly Detection[]): string[] => found.map((detection) => detection.rule.id).sort();

test('attack vectors match exactly their rules, and block on their own at paranoia 1', () => {
  assert.ok(vectors.attacks.length >= 12);
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

test('every rule is exercised by an attack vector; ids are unique and in the ssi class', () => {
  const matched = new Set(vectors.attacks.flatMap((vector) => vector.rules ?? []));
  const seen = new Set(ssiDetector.rules.map((rule) => rule.id));
  assert.equal(seen.size, ssiDetector.rules.length);
  for (const rule of ssiDetector.rules) {
    assert.ok(matched.has(rule.id), rule.id);
    assert.match(rule.id, /^ssi\.[a-z-]+$/);
    assert.equal(rule.attackClass, 'ssi');
  }
  assert.deepEqual(Object.values(SSI_RULES), [...ssiDetector.rules]);
});

test('a directive name must end where Apache and nginx end it', () => {
  assert.deepEqual(ids(detect('<!--#exec-->')), ['ssi.exec']);
  assert.deepEqual(ids(detect('<!--#execute cmd="id"-->')), []);
  assert.deepEqual(ids(detect('<!--#execute cmd="id"-->', {}, 3)), ['ssi.unknown-directive']);
});

test('the trigger gate lets through only text with `<` or `$`', () => {
  const gate = (text: string): boolean => (profileOf(text) & ssiDetector.triggers) !== 0;
  for (const text of ["O'Neil", 'https://example.com/a?b=c#d', 'a (b) {c} [d] # e', 'jane@example.com']) assert.equal(gate(text), false, text);
  for (const text of ['<!--#exec cmd="id"-->', '<esi:include src="x"/>', '$(HTTP_COOKIE)']) assert.equal(gate(text), true, text);
});

test('fragments start at the directive', () => {
  const [match] = detect('hello <!--#include virtual="/etc/passwd"--> bye');
  assert.equal(match?.fragment.startsWith('<!--#include'), true);
});

test('adversarial near-matches complete', () => {
  const values = [
    '<!--#'.repeat(30_000), '<!-- # '.repeat(20_000), '<esi:'.repeat(30_000), '<!--'.repeat(30_000), '$('.repeat(50_000),
    '<'.repeat(100_000), `<!--#${'a'.repeat(100_000)}`,
  ];
  for (const value of values) {
    for (const paranoia of [1, 4] as const) detect(value, {}, paranoia);
  }
  assert.deepEqual(ids(detect(`${'<!--'.repeat(30_000)}#exec cmd="id"-->`)), ['ssi.exec']);
});
