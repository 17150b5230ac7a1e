import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Detection } from '../../detector.js';
import type { FieldKind, FieldSource, InputField } from '../../field.js';
import type { Paranoia } from '../../rule.js';
import { ldapDetector } from './index.js';
import { runDetector } from '../run-detector.js';

interface VectorField { kind?: FieldKind; source?: FieldSource; name?: string; isName?: boolean }
interface Vectors {
  defaultField: VectorField;
  attacks: { text: string; rules: string[]; field?: VectorField; paranoia?: Paranoia; note?: string }[];
  benign: { text: string; field?: VectorField; paranoia2?: string[]; note?: string }[];
}

const vectors = JSON.parse(readFileSync(new URL('./ldap.vectors.json', import.meta.url), 'utf8')) as Vectors;

function fieldOf(overrides: VectorField = {}, value = ''): InputField {
  const merged = { ...vectors.defaultField, ...overrides };
  const name = merged.name ?? 'user';
  return { kind: merged.kind ?? 'query', source: merged.source ?? 'query', location: `test.${name}`, name, isName: merged.isName ?? false, value };
}

function detect(text: string, field: InputField, paranoia: Paranoia): Detection[] {
  const found: Detection[] = [];
  runDetector(ldapDetector, text, field, paranoia, found);
  return found;
}

const ruleIds = (found: readonly Detection[]): string[] => found.map((detection) => detection.rule.id).sort();

test('attack vectors: each yields exactly its rules at its paranoia level', () => {
  assert.ok(vectors.attacks.length >= 20);
  const failures = vectors.attacks
    .map((vector) => ({ text: vector.text, expected: [...vector.rules].sort(), got: ruleIds(detect(vector.text, fieldOf(vector.field, vector.text), vector.paranoia ?? 1)) }))
    .filter((result) => JSON.stringify(result.expected) !== JSON.stringify(result.got));
  assert.deepEqual(failures, []);
});

test('benign vectors: silent at paranoia 1, and only the listed rules at paranoia 2', () => {
  assert.ok(vectors.benign.length >= 30);
  const failures = vectors.benign.flatMap((vector) => {
    const field = fieldOf(vector.field, vector.text);
    const atOne = ruleIds(detect(vector.text, field, 1));
    const atTwo = ruleIds(detect(vector.text, field, 2));
    const problems = atOne.length > 0 ? [{ text: vector.text, paranoia: 1, got: atOne }] : [];
    if (vector.paranoia2 !== undefined && JSON.stringify(atTwo) !== JSON.stringify([...vector.paranoia2].sort())) {
      problems.push({ text: vector.text, paranoia: 2, got: atTwo });
    }
    return problems;
  });
  assert.deepEqual(failures, []);
});

test('the fragment shows the breakout with some context', () => {
  assert.deepEqual(detect('jdoe*)(uid=*))(|(uid=*', fieldOf(), 1).map((detection) => [detection.rule.id, detection.fragment]), [
    ['ldap.filter-injection', 'jdoe*)(uid=*))(|(uid=*'],
    ['ldap.wildcard-breakout', 'jdoe*)(uid=*))(|(uid=*'],
  ]);
});

test('adversarial inputs complete', () => {
  const inputs = ['${'.repeat(50_000), '\r\n'.repeat(50_000), '('.repeat(50_000), '0x'.repeat(50_000), ')('.repeat(50_000), '*))'.repeat(30_000),
    ',a='.repeat(40_000), `)(${'a'.repeat(100_000)}`, ')(&'.repeat(30_000), '(|'.repeat(50_000), `)(a:${'b:'.repeat(50_000)}`, `(${')'.repeat(100_000)}`,
    ')(!(&(1'.repeat(20_000), `(|(${'1'.repeat(100_000)}=0)`];
  for (const input of inputs) {
    assert.ok(Array.isArray(detect(input, fieldOf(), 4)));
    assert.ok(Array.isArray(detect(input, fieldOf({ name: 'filter' }), 4)));
  }
});

test('triggers: a parenthesis or `=` is in every attack vector; text with neither is never inspected', () => {
  for (const vector of vectors.attacks) assert.ok(/[()=]/.test(vector.text), vector.text);
  assert.deepEqual(ruleIds(detect('*|&!,ou,dc', fieldOf(), 4)), []);
});

test('rules: unique ids under ldap., attack class ldapi', () => {
  const ids = ldapDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of ldapDetector.rules) {
    assert.match(rule.id, /^ldap\.[a-z]+(-[a-z]+)*$/);
    assert.equal(rule.attackClass, 'ldapi');
  }
});
