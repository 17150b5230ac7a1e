import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Detection } from '../../detector.js';
import type { FieldKind, FieldSource, InputField } from '../../field.js';
import type { Paranoia } from '../../rule.js';
import { crlfDetector } from './index.js';
import { runDetector } from '../run-detector.js';

interface VectorField { kind?: FieldKind; source?: FieldSource; name?: string; isName?: boolean }
interface Vectors {
  defaultField: VectorField;
  attacks: { text: string; rules: string[]; field?: VectorField; paranoia?: Paranoia; note?: string }[];
  benign: { text: string; field?: VectorField; paranoia2?: string[]; note?: string }[];
}

const vectors = JSON.parse(readFileSync(new URL('./crlf.vectors.json', import.meta.url), 'utf8')) as Vectors;

function fieldOf(overrides: VectorField = {}, value = ''): InputField {
  const merged = { ...vectors.defaultField, ...overrides };
  const name = merged.name ?? 'next';
  return { kind: merged.kind ?? 'query', source: merged.source ?? 'query', location: `test.${name}`, name, isName: merged.isName ?? false, value };
}

function detect(text: string, field: InputField, paranoia: Paranoia): Detection[] {
  const found: Detection[] = [];
  runDetector(crlfDetector, text, field, paranoia, found);
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

test('the fragment starts at the line break; each rule once', () => {
  const found = detect('a\r\nSet-Cookie: x=1\r\nSet-Cookie: y=2\r\nHTTP/1.1 200 OK', fieldOf(), 1);
  assert.deepEqual(found.map((detection) => [detection.rule.id, detection.fragment]), [
    ['crlf.header-injection', '\r\nSet-Cookie: x=1\r\nSet-Cookie: y=2\r\nHTTP/1.1 200 OK'],
    ['crlf.response-splitting', '\r\nHTTP/1.1 200 OK'],
  ]);
});

test('the U+560A / U+560D look-alikes: any header in header-bound values, only HTTP\'s own lines in bodies', () => {
  const cookie = fieldOf({ kind: 'cookie', source: 'cookie', name: 'id' });
  const body = fieldOf({ kind: 'body', source: 'json', name: 'next' });
  assert.deepEqual(ruleIds(detect('x\u560a\u560dSet-Cookie: a=b', cookie, 1)), ['crlf.unicode-line-break']);
  assert.deepEqual(ruleIds(detect('x\u560aNote: a', cookie, 1)), ['crlf.unicode-line-break']);
  assert.deepEqual(ruleIds(detect('\u560d\u560aSet-Cookie: a=b', body, 1)), ['crlf.unicode-line-break']);
  assert.deepEqual(ruleIds(detect('\u560d\u560aHTTP/1.1 200 OK', body, 1)), ['crlf.unicode-line-break']);
  assert.deepEqual(ruleIds(detect('\u6211\u560aNote: a', body, 4)), []);
  assert.deepEqual(ruleIds(detect('\u6211\u560aLocation: Berlin', body, 4)), []);
});

test('a URL on its own line is not a header', () => {
  assert.deepEqual(ruleIds(detect('x\nhttp://example.com/', fieldOf(), 4)), ['crlf.line-break']);
});

test('adversarial inputs complete', () => {
  const inputs = ['${'.repeat(50_000), '\r\n'.repeat(50_000), '('.repeat(50_000), '0x'.repeat(50_000), '\na'.repeat(50_000), '\nGET '.repeat(30_000),
    `\nGET /${' '.repeat(50_000)}`, '\r\nX'.repeat(30_000), `\n${'a'.repeat(100_000)}:`, '\u560a'.repeat(50_000),
    '\n127.0.0.1'.repeat(30_000), '\n[10/Oct/2025:'.repeat(20_000), '\n2025-06-01 12:00:0'.repeat(10_000), '\n{'.repeat(50_000), '\nINFO '.repeat(30_000),
    `\nHost: ${'a.'.repeat(50_000)}`, `\nRefresh: ${'0'.repeat(100_000)}`, '\nLocation: '.repeat(20_000), '\r\n\r\n['.repeat(30_000), '\u560d\u560aX-'.repeat(30_000)];
  for (const input of inputs) {
    for (const kind of ['query', 'body'] as const) assert.ok(Array.isArray(detect(input, fieldOf({ kind, source: kind === 'body' ? 'json' : 'query' }), 4)));
  }
});

test('rules: unique ids under crlf., attack class crlf', () => {
  const ids = crlfDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of crlfDetector.rules) {
    assert.match(rule.id, /^crlf\.[a-z]+(-[a-z]+)*$/);
    assert.equal(rule.attackClass, 'crlf');
  }
});
