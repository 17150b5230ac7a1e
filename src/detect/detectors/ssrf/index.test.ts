import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Detection } from '../../detector.js';
import type { FieldKind, FieldSource, InputField } from '../../field.js';
import type { Paranoia } from '../../rule.js';
import { ssrfDetector } from './index.js';
import { runDetector } from '../run-detector.js';

/** `value`: the raw value when it differs from the text inspected (a percent-encoded header the normalisers decoded). */
interface VectorField { kind?: FieldKind; source?: FieldSource; name?: string; isName?: boolean; value?: string }
interface Vectors {
  defaultField: VectorField;
  attacks: { text: string; rules: string[]; field?: VectorField; paranoia?: Paranoia; note?: string }[];
  benign: { text: string; field?: VectorField; paranoia2?: string[]; note?: string }[];
}

const vectors = JSON.parse(readFileSync(new URL('./ssrf.vectors.json', import.meta.url), 'utf8')) as Vectors;

function fieldOf(overrides: VectorField = {}, value = ''): InputField {
  const merged = { ...vectors.defaultField, ...overrides };
  const name = merged.name ?? 'q';
  return { kind: merged.kind ?? 'query', source: merged.source ?? 'query', location: `test.${name}`, name, isName: merged.isName ?? false, value: merged.value ?? value };
}

/** Runs the detector on `text` as the field's value (a field built without one gets `text`: the raw value matters for headers). */
function detect(text: string, field: InputField, paranoia: Paranoia): Detection[] {
  const found: Detection[] = [];
  runDetector(ssrfDetector, text, field.value === '' ? { ...field, value: text } : field, paranoia, found);
  return found;
}

const ruleIds = (found: readonly Detection[]): string[] => found.map((detection) => detection.rule.id).sort();

test('attack vectors: each yields exactly its rules at its paranoia level', () => {
  assert.ok(vectors.attacks.length >= 70);
  const failures = vectors.attacks
    .map((vector) => ({ text: vector.text, expected: [...vector.rules].sort(), got: ruleIds(detect(vector.text, fieldOf(vector.field, vector.text), vector.paranoia ?? 1)) }))
    .filter((result) => JSON.stringify(result.expected) !== JSON.stringify(result.got));
  assert.deepEqual(failures, []);
});

test('benign vectors: silent at paranoia 1, and only the listed rules at paranoia 2', () => {
  assert.ok(vectors.benign.length >= 80);
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

test('every IPv4 spelling of the loopback address is read as loopback and as obfuscated', () => {
  const spellings = ['2130706433', '0177.0.0.1', '017700000001', '0x7f000001', '0x7f.0.0.1', '127.1', '127.0.1', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[0:0:0:0:0:ffff:127.0.0.1]'];
  for (const spelling of spellings) {
    assert.deepEqual(ruleIds(detect(`http://${spelling}/`, fieldOf(), 1)), ['ssrf.loopback-url', 'ssrf.obfuscated-ip'], spelling);
  }
});

test('rules are reported once per string, with the URL as fragment, and none above the paranoia asked', () => {
  const found = detect('http://127.0.0.1/ and http://localhost/ and http://[::1]/', fieldOf({ kind: 'body', source: 'json', name: 'url' }), 1);
  assert.deepEqual(found.map((detection) => [detection.rule.id, detection.fragment]), [['ssrf.loopback-url', 'http://127.0.0.1/']]);
  assert.deepEqual(ruleIds(detect('server 10.0.0.5 restarted', fieldOf({ name: 'message' }), 1)), []);
  assert.deepEqual(ruleIds(detect('server 10.0.0.5 restarted', fieldOf({ name: 'message' }), 2)), ['ssrf.internal-address']);
});

test('addressing headers are skipped entirely; Origin and Referer only for attacker-only targets', () => {
  const header = (name: string): InputField => fieldOf({ kind: 'header', source: 'header', name });
  assert.deepEqual(ruleIds(detect('127.0.0.1', header('x-forwarded-for'), 4)), []);
  assert.deepEqual(ruleIds(detect('http://localhost:3000', header('origin'), 4)), []);
  assert.deepEqual(ruleIds(detect('http://0x7f000001/', header('referer'), 1)), ['ssrf.obfuscated-ip']);
  assert.deepEqual(ruleIds(detect('http://localhost:3000', header('x-target'), 1)), ['ssrf.loopback-url']);
});

test('triggers: a letter, a digit or a colon is in every target (`localhost`, `2130706433` and `[::]` have one kind only)', () => {
  for (const vector of vectors.attacks) assert.ok(/[a-z0-9:]/i.test(vector.text), vector.text);
  assert.deepEqual(ruleIds(detect('[::]', fieldOf({ name: 'host' }), 1)), ['ssrf.loopback-url']);
  assert.deepEqual(ruleIds(detect('//[::]/', fieldOf({ name: 'url' }), 1)), ['ssrf.loopback-url']);
  assert.deepEqual(ruleIds(detect('localhost', fieldOf({ name: 'host' }), 1)), ['ssrf.loopback-url']);
  assert.deepEqual(ruleIds(detect('2130706433', fieldOf({ name: 'host' }), 1)), ['ssrf.loopback-url', 'ssrf.obfuscated-ip']);
});

test('a URL in a JSON key counts like one in a value', () => {
  assert.deepEqual(ruleIds(detect('http://169.254.169.254/latest', fieldOf({ kind: 'body', source: 'json', name: 'http://169.254.169.254/latest', isName: true }), 1)), ['ssrf.cloud-metadata']);
});

test('adversarial inputs complete (linear scanners, bounded URL count)', () => {
  const inputs = ['${'.repeat(50_000), '\r\n'.repeat(50_000), '('.repeat(50_000), '0x'.repeat(50_000), 'http://'.repeat(20_000), 'a://'.repeat(25_000),
    `http://${'0x7f.'.repeat(20_000)}/`, `http://${'['.repeat(50_000)}`, '1.'.repeat(50_000), `http://${'@'.repeat(50_000)}127.0.0.1/`, `${'.'.repeat(50_000)}x`,
    '\\'.repeat(50_000), `\\\\${'a'.repeat(100_000)}\\x.php`, `//${'a.'.repeat(50_000)}com/x.php`, `http://x/${'#.php'.repeat(20_000)}`, `http://x/a${'?'.repeat(100_000)}`,
    `${'7'.repeat(100_000)}:80`, `${'a'.repeat(100_000)}.b`, `localhost${'x'.repeat(100_000)}`, 'dict:'.repeat(20_000)];
  for (const input of inputs) {
    for (const name of ['q', 'url', 'page']) assert.ok(Array.isArray(detect(input, fieldOf({ name }), 4)));
    for (const name of ['x-api-version', 'referer']) assert.ok(Array.isArray(detect(input, fieldOf({ name, kind: 'header', source: 'header' }), 4)));
    assert.ok(Array.isArray(detect(input, fieldOf({ name: '', kind: 'path', source: 'path' }), 4)));
  }
  assert.deepEqual(ruleIds(detect(`${'x://a '.repeat(40)}http://127.0.0.1/`, fieldOf(), 1)), [], 'only the first MAX_URLS URLs are read');
});

test('rules: unique ids under ssrf. and rfi., with matching attack classes', () => {
  const ids = ssrfDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of ssrfDetector.rules) {
    assert.match(rule.id, /^(ssrf|rfi)\.[a-z]+(-[a-z]+)*$/);
    assert.equal(rule.attackClass, rule.id.split('.')[0]);
  }
  assert.equal(ssrfDetector.name, 'ssrf');
});
