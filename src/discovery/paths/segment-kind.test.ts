import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { classifyInContext, classifySegment, isIdShape, SEGMENT_KINDS, type SegmentKind } from './segment-kind.js';

interface Vector { in: string; kind: SegmentKind; note?: string }
const vectors = JSON.parse(readFileSync(new URL('./segment-kind.vectors.json', import.meta.url), 'utf8')) as Vector[];

for (const vector of vectors) {
  test(`classifySegment ${JSON.stringify(vector.in)} is ${vector.kind}`, () => {
    assert.equal(classifySegment(vector.in), vector.kind, vector.note);
  });
}

test('the vectors cover every kind', () => {
  const covered = new Set(vectors.map((vector) => vector.kind));
  assert.deepEqual([...SEGMENT_KINDS].filter((kind) => !covered.has(kind)), []);
});

test('ids become parameters at once; versions, words and shapeless literals do not', () => {
  for (const kind of ['integer', 'uuid', 'object-id', 'ulid', 'hex', 'high-entropy', 'date', 'email', 'mixed', 'opaque'] as const) {
    assert.equal(isIdShape(kind), true, kind);
  }
  for (const kind of ['version', 'word', 'literal'] as const) assert.equal(isIdShape(kind), false, kind);
});

test('random base62 tokens of 16+ characters are ids, whatever kind they land in', () => {
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let ids = 0;
  for (let index = 0; index < 1000; index++) {
    let token = '';
    for (let char = 0; char < 16 + (index % 16); char++) token += alphabet[Math.floor(next() * alphabet.length)];
    if (isIdShape(classifySegment(token))) ids++;
  }
  // Only all-letter draws can fall through to `literal`; they merge on count like any name.
  assert.ok(ids >= 990, `${ids} of 1000`);
});

test('in context: a short number or a date after /api or first in the path is a version', () => {
  assert.equal(classifyInContext('2024-01', 'api', 2), 'version', "Shopify's /admin/api/2024-01/");
  assert.equal(classifyInContext('2', undefined, 0), 'version', "Twitter's /2/tweets");
  assert.equal(classifyInContext('2', 'users', 1), 'integer');
  assert.equal(classifyInContext('2024-01', 'reports', 1), 'date');
  assert.equal(classifyInContext('12345', undefined, 0), 'integer', 'a long number first is still an id');
  assert.equal(classifyInContext('users', 'api', 1), 'word');
});

test('in context: a version shape is an API version near the root, after /api or a parameter, else a value', () => {
  assert.equal(classifyInContext('v1', undefined, 0), 'version');
  assert.equal(classifyInContext('v1', 'storage', 1), 'version', "Google's /storage/v1/");
  assert.equal(classifyInContext('v2', 'api', 3), 'version');
  assert.equal(classifyInContext('v2', undefined, 3), 'version', 'after a parameter nothing names the position');
  assert.equal(classifyInContext('v1.2.0', 'tags', 5), 'literal', 'a release tag');
  assert.equal(classifyInContext('v1.1', 'branches', 2), 'literal', 'a branch named after a version');
});

test('classification stays linear on long hostile input', () => {
  const inputs = ['a'.repeat(100_000), `${'1'.repeat(50_000)}x`, `${'a@'.repeat(50_000)}`, `v${'1.'.repeat(50_000)}`, `${'-'.repeat(100_000)}1`];
  const started = performance.now();
  for (const input of inputs) classifySegment(input);
  assert.ok(performance.now() - started < 200, 'linear');
  assert.equal(classifySegment('a'.repeat(300)), 'opaque');
});
