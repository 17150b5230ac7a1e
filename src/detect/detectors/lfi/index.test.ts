import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Detection } from '../../detector.js';
import type { InputField } from '../../field.js';
import type { Paranoia } from '../../rule.js';
import { LFI_RULES, lfiDetector } from './index.js';
import { analysePath, isParentSegment } from './path-token.js';
import { isSensitiveName, sensitiveNames } from './sensitive-paths.js';
import { runDetector } from '../run-detector.js';

interface Vectors {
  attacks: { in: string; rules: string[]; field?: Partial<InputField> }[];
  benign: { in: string; field?: Partial<InputField> }[];
  paranoid: { in: string; paranoia: Paranoia; rules: string[]; field?: Partial<InputField> }[];
}

const vectors = JSON.parse(readFileSync(new URL('./lfi.vectors.json', import.meta.url), 'utf8')) as Vectors;

const field = (overrides: Partial<InputField> = {}): InputField =>
  ({ kind: 'query', source: 'query', location: 'query.file', name: 'file', isName: false, value: '', ...overrides });

function detect(text: string, paranoia: Paranoia = 1, overrides: Partial<InputField> = {}): string[] {
  const found: Detection[] = [];
  runDetector(lfiDetector, text, field(overrides), paranoia, found);
  return found.map((detection) => detection.rule.id);
}

test('the vector file holds enough cases', () => {
  assert.ok(vectors.attacks.length >= 60, `attacks: ${vectors.attacks.length}`);
  assert.ok(vectors.benign.length >= 60, `benign: ${vectors.benign.length}`);
});

test('attack vectors match their rules at paranoia 1', () => {
  for (const vector of vectors.attacks) {
    const ids = detect(vector.in, 1, vector.field);
    for (const rule of vector.rules) assert.ok(ids.includes(rule), `${JSON.stringify(vector.in)}: expected ${rule}, got [${ids.join(', ')}]`);
  }
});

test('benign vectors match nothing at paranoia 1', () => {
  for (const vector of vectors.benign) assert.deepEqual(detect(vector.in, 1, vector.field), [], JSON.stringify(vector.in));
});

test('paranoid vectors pass at paranoia 1 and match at their level', () => {
  for (const vector of vectors.paranoid) {
    assert.deepEqual(detect(vector.in, 1, vector.field), [], JSON.stringify(vector.in));
    const ids = detect(vector.in, vector.paranoia, vector.field);
    for (const rule of vector.rules) assert.ok(ids.includes(rule), `${JSON.stringify(vector.in)}: expected ${rule} at ${vector.paranoia}, got [${ids.join(', ')}]`);
  }
});

test('rules: unique lfi ids, and paranoia-1 rules are the critical ones', () => {
  const ids = lfiDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of lfiDetector.rules) {
    assert.match(rule.id, /^lfi\.[a-z]+(?:-[a-z]+)*$/);
    assert.equal(rule.attackClass, 'lfi');
    if (rule.paranoia === 1) assert.equal(rule.severity, 'critical', rule.id);
  }
  assert.equal(lfiDetector.name, 'lfi');
});

test('the fragment is the path token; each rule once per call', () => {
  const found: Detection[] = [];
  runDetector(lfiDetector, 'a=../../etc/passwd&b=../../etc/shadow', field(), 1, found);
  assert.deepEqual(found.map((detection) => [detection.rule.id, detection.fragment]), [['lfi.traversal', '../../etc/passwd']]);
});

test('a lone `..` counts as traversal only as a URL path segment', () => {
  assert.deepEqual(detect('..', 1, { kind: 'path', source: 'path' }), [LFI_RULES.traversal.id]);
  assert.deepEqual(detect('..', 4), []);
});

test('path analysis: climbing depth, parents and sensitive targets', () => {
  assert.deepEqual(pick(analysePath('../../etc/passwd')), { parents: 2, climb: 2, isSensitiveTarget: true });
  assert.deepEqual(pick(analysePath('a/b/../c')), { parents: 1, climb: 0, isSensitiveTarget: false });
  assert.deepEqual(pick(analysePath('/var/www/../../etc/passwd')), { parents: 2, climb: 0, isSensitiveTarget: true });
  assert.deepEqual(pick(analysePath('....//....//x')), { parents: 2, climb: 2, isSensitiveTarget: false });
  assert.equal(analysePath('https://example.com/etc/passwd').isSensitive, false, 'a URL path is the remote server\'s');
  assert.equal(analysePath('file:///etc/passwd').isSensitive, true);
  assert.equal(analysePath('\\\\host\\share\\x').isUnc, true);
  assert.equal(isParentSegment('..;jsessionid=1'), true);
  assert.equal(isParentSegment('..a'), false);
  assert.equal(isSensitiveName('.env.production'), true);
  assert.equal(isSensitiveName('.env.example'), false);
  assert.equal(isSensitiveName('web.config.bak'), true);
});

function pick(analysis: ReturnType<typeof analysePath>): object {
  return { parents: analysis.parents, climb: analysis.climb, isSensitiveTarget: analysis.isSensitiveTarget };
}

test('every sensitive name holds `.`, `_` or `-`, as the separator triage and the trigger bits assume', () => {
  for (const name of sensitiveNames()) assert.match(name, /[._-]/, name);
});

test('at paranoia 1 a value with whitespace is judged by its first token unless it climbs', () => {
  assert.deepEqual(detect('/etc/passwd is the file'), [LFI_RULES.sensitiveFile.id]);
  assert.deepEqual(detect('the file /etc/passwd'), []);
  assert.deepEqual(detect('the file /etc/passwd', 2), [LFI_RULES.pathInText.id]);
  assert.deepEqual(detect('see ../../etc/passwd'), [LFI_RULES.traversal.id]);
});

test('adversarial inputs complete (ReDoS-style near-misses)', () => {
  const inputs = [
    ';'.repeat(50_000), '$('.repeat(50_000),
    '../'.repeat(50_000), '..\\'.repeat(50_000), '....//'.repeat(30_000), '/'.repeat(100_000), '\\'.repeat(100_000), 'a/'.repeat(50_000),
    'data:'.repeat(30_000), 'php:'.repeat(30_000), ':'.repeat(100_000), '..;/'.repeat(40_000), '/etc/passwd '.repeat(10_000),
    'a/b '.repeat(30_000), `${'.'.repeat(100_000)}/`, `data:text/plain;base64${'x'.repeat(100_000)}`, '/a'.repeat(50_000) + '/..'.repeat(50_000),
    '%2e%2e%2f'.repeat(30_000), '%c0%af'.repeat(30_000), '\\u002e'.repeat(30_000), 'https://a/'.repeat(20_000), 'x/.'.repeat(50_000),
    `${'w '.repeat(50_000)}/etc/passwd`, 'WEB-INF/'.repeat(20_000), 'a:/'.repeat(50_000),
  ];
  for (const input of inputs) {
    for (const paranoia of [1, 4] as const) {
      const found: Detection[] = [];
      runDetector(lfiDetector, input, field(), paranoia, found);
      assert.ok(found.length <= lfiDetector.rules.length);
    }
  }
});
