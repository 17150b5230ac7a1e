import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Detection } from '../../detector.js';
import type { InputField } from '../../field.js';
import type { Paranoia } from '../../rule.js';
import { SHELLSHOCK_RULES, shellshockDetector } from './index.js';
import { runDetector } from '../run-detector.js';

interface Vectors {
  attacks: { in: string; rules: string[]; field?: Partial<InputField> }[];
  benign: { in: string; field?: Partial<InputField> }[];
  paranoid: { in: string; paranoia: Paranoia; rules: string[] }[];
}

const vectors = JSON.parse(readFileSync(new URL('./shellshock.vectors.json', import.meta.url), 'utf8')) as Vectors;

const field = (overrides: Partial<InputField> = {}): InputField =>
  ({ kind: 'body', source: 'json', location: 'body.$.comment', name: 'comment', isName: false, value: '', ...overrides });

function detect(text: string, paranoia: Paranoia = 1, overrides: Partial<InputField> = {}): string[] {
  const found: Detection[] = [];
  runDetector(shellshockDetector, text, field(overrides), paranoia, found);
  return found.map((detection) => detection.rule.id);
}

test('the vector file holds enough cases', () => {
  assert.ok(vectors.attacks.length >= 8, `attacks: ${vectors.attacks.length}`);
  assert.ok(vectors.benign.length >= 15, `benign: ${vectors.benign.length}`);
});

test('attack vectors match their rules at paranoia 1', () => {
  for (const vector of vectors.attacks) {
    const ids = detect(vector.in, 1, vector.field);
    for (const rule of vector.rules) assert.ok(ids.includes(rule), `${JSON.stringify(vector.in)}: expected ${rule}, got [${ids.join(', ')}]`);
  }
});

test('benign vectors (code snippets, arrow functions) match nothing at paranoia 1', () => {
  for (const vector of vectors.benign) assert.deepEqual(detect(vector.in, 1, vector.field), [], JSON.stringify(vector.in));
});

test('paranoid vectors pass at paranoia 1 and match at their level', () => {
  for (const vector of vectors.paranoid) {
    assert.deepEqual(detect(vector.in, 1), [], JSON.stringify(vector.in));
    const ids = detect(vector.in, vector.paranoia);
    for (const rule of vector.rules) assert.ok(ids.includes(rule), `${JSON.stringify(vector.in)}: expected ${rule} at ${vector.paranoia}`);
  }
});

test('one finding per call: the prefix wins over the embedded form', () => {
  assert.deepEqual(detect('() { :; }; echo () { :; }', 4), [SHELLSHOCK_RULES.functionDefinition.id]);
  const found: Detection[] = [];
  runDetector(shellshockDetector, '() { :; }; /bin/id', field(), 1, found);
  assert.equal(found[0]!.fragment, '() { :; }; /bin/id');
});

test('rules: unique shellshock ids; the PL1 rule is critical', () => {
  const ids = shellshockDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of shellshockDetector.rules) {
    assert.match(rule.id, /^shellshock\.[a-z]+(?:-[a-z]+)*$/);
    assert.equal(rule.attackClass, 'shellshock');
  }
  assert.equal(SHELLSHOCK_RULES.functionDefinition.severity, 'critical');
  assert.equal(SHELLSHOCK_RULES.functionDefinition.paranoia, 1);
});

test('adversarial inputs complete (ReDoS-style near-misses)', () => {
  const inputs = ['../'.repeat(50_000), ';'.repeat(50_000), '$('.repeat(50_000), '('.repeat(50_000), '() '.repeat(50_000), '() {'.repeat(30_000), `(${' '.repeat(100_000)})`, '( ) { _ '.repeat(30_000), ` ${' '.repeat(100_000)}x`];
  for (const input of inputs) {
    for (const paranoia of [1, 4] as const) {
      const found: Detection[] = [];
      runDetector(shellshockDetector, input, field(), paranoia, found);
      assert.ok(found.length <= 1);
    }
  }
});
