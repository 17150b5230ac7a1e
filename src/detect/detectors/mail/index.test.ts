import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Detection } from '../../detector.js';
import type { FieldKind, FieldSource, InputField } from '../../field.js';
import type { Paranoia } from '../../rule.js';
import { mailDetector } from './index.js';
import { runDetector } from '../run-detector.js';

interface VectorField { kind?: FieldKind; source?: FieldSource; name?: string; isName?: boolean }
interface Vectors {
  defaultField: VectorField;
  attacks: { text: string; rules: string[]; field?: VectorField; paranoia?: Paranoia; note?: string }[];
  benign: { text: string; field?: VectorField; paranoia2?: string[]; note?: string }[];
}

const vectors = JSON.parse(readFileSync(new URL('./mail.vectors.json', import.meta.url), 'utf8')) as Vectors;

function fieldOf(overrides: VectorField = {}, value = ''): InputField {
  const merged = { ...vectors.defaultField, ...overrides };
  const name = merged.name ?? 'email';
  return { kind: merged.kind ?? 'body', source: merged.source ?? 'json', location: `test.${name}`, name, isName: merged.isName ?? false, value };
}

function detect(text: string, field: InputField, paranoia: Paranoia): Detection[] {
  const found: Detection[] = [];
  runDetector(mailDetector, text, field, paranoia, found);
  return found;
}

const ruleIds = (found: readonly Detection[]): string[] => found.map((detection) => detection.rule.id).sort();

test('attack vectors: each yields exactly its rules at its paranoia level', () => {
  assert.ok(vectors.attacks.length >= 12);
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

test('field names: header fields by their words, message bodies never', () => {
  const at = (name: string): string[] => ruleIds(detect('Hello\nBcc: x@evil.example.com', fieldOf({ name }), 1));
  for (const name of ['email', 'subject', 'from', 'to', 'reply_to', 'replyTo', 'cc', 'bcc', 'sender', 'recipient', 'contactEmail', 'mailFrom']) assert.deepEqual(at(name), ['mail.header-injection'], name);
  for (const name of ['email_body', 'message', 'comment', 'description', 'token', 'photo', 'total', 'notes']) assert.deepEqual(at(name), [], name);
});

test('adversarial inputs complete', () => {
  const inputs = ['${'.repeat(50_000), '\r\n'.repeat(50_000), '('.repeat(50_000), '0x'.repeat(50_000), '\nBcc: x'.repeat(20_000), '\n.'.repeat(50_000),
    `a@b\n${'a'.repeat(100_000)}:`, '\nRCPT'.repeat(30_000), '@'.repeat(50_000) + '\nBcc: x',
    '=?a?Q?'.repeat(30_000), `=?a?Q?${'=0D=0A'.repeat(30_000)}?=`, `@${' -X'.repeat(50_000)}`, `a@b ${'-O'.repeat(50_000)}`, '\nA1 '.repeat(30_000), `x\nA1 ${'A'.repeat(100_000)}`];
  for (const input of inputs) assert.ok(Array.isArray(detect(input, fieldOf(), 4)));
});

test('rules: unique ids under mail., attack class mail', () => {
  const ids = mailDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of mailDetector.rules) {
    assert.match(rule.id, /^mail\.[a-z]+(-[a-z]+)*$/);
    assert.equal(rule.attackClass, 'mail');
  }
});
