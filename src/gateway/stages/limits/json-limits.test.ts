// Vectors plus the limits at the baseline defaults and a hostile depth that must not use the call stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkJsonLimits, type JsonLimitResult } from './json-limits.js';

interface Vector { name: string; json: string; maxDepth?: number; maxKeys?: number; expect: JsonLimitResult }
const vectors = JSON.parse(readFileSync(new URL('./json-limits.vectors.json', import.meta.url), 'utf8')) as Vector[];
const DEFAULTS = { maxDepth: 64, maxKeys: 1000 };

for (const vector of vectors) {
  test(`checkJsonLimits: ${vector.name}`, () => {
    const limits = { maxDepth: vector.maxDepth ?? DEFAULTS.maxDepth, maxKeys: vector.maxKeys ?? DEFAULTS.maxKeys };
    assert.deepEqual(checkJsonLimits(JSON.parse(vector.json), limits), vector.expect);
  });
}

const nestedArrays = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
const nestedObjects = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`);

test('depth 64 passes and 65 fails with the default limit', () => {
  assert.deepEqual(checkJsonLimits(nestedArrays(64), DEFAULTS), { ok: true, depth: 64, keys: 63 });
  assert.deepEqual(checkJsonLimits(nestedArrays(65), DEFAULTS), { ok: false, reason: 'depth', limit: 64 });
  assert.deepEqual(checkJsonLimits(nestedObjects(64), DEFAULTS), { ok: true, depth: 64, keys: 63 });
  assert.deepEqual(checkJsonLimits(nestedObjects(65), DEFAULTS), { ok: false, reason: 'depth', limit: 64 });
});

test('1000 keys pass and 1001 fail with the default limit', () => {
  const wide = (count: number): unknown => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]));
  assert.deepEqual(checkJsonLimits(wide(1000), DEFAULTS), { ok: true, depth: 1, keys: 1000 });
  assert.deepEqual(checkJsonLimits(wide(1001), DEFAULTS), { ok: false, reason: 'keys', limit: 1000 });
  assert.deepEqual(checkJsonLimits(Array.from({ length: 1001 }, () => 0), DEFAULTS), { ok: false, reason: 'keys', limit: 1000 });
});

test('a 10 000-deep array is walked without recursion', () => {
  // With limits high enough to walk the whole thing, a recursive walker would throw RangeError here.
  assert.deepEqual(checkJsonLimits(nestedArrays(10_000), { maxDepth: 20_000, maxKeys: 20_000 }), { ok: true, depth: 10_000, keys: 9_999 });
  assert.deepEqual(checkJsonLimits(nestedArrays(10_000), DEFAULTS), { ok: false, reason: 'depth', limit: 64 });
});

test('a 200 000-deep hand-built object is walked without recursion', () => {
  let value: Record<string, unknown> = {};
  for (let index = 0; index < 200_000; index++) value = { a: value };
  assert.deepEqual(checkJsonLimits(value, { maxDepth: 1_000_000, maxKeys: 1_000_000 }), { ok: true, depth: 200_001, keys: 200_000 });
});

test('the walk stops at the limit instead of visiting everything', () => {
  let visited = 0;
  const counting = new Proxy([] as unknown[], {
    get(target, property, receiver) {
      if (property === 'length') visited++;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  const huge = Array.from({ length: 5000 }, () => counting);
  assert.deepEqual(checkJsonLimits(huge, DEFAULTS), { ok: false, reason: 'keys', limit: 1000 });
  assert.equal(visited, 0, 'no child is walked once the root alone is over the limit');
});

test('maxArrayItems bounds each array on its own, at any depth', () => {
  const limits = { maxDepth: 64, maxKeys: 1_000_000, maxArrayItems: 100 };
  assert.deepEqual(checkJsonLimits({ ids: Array.from({ length: 100 }, (_, i) => i) }, limits), { ok: true, depth: 2, keys: 101 });
  assert.deepEqual(checkJsonLimits({ a: { b: Array.from({ length: 101 }, (_, i) => i) } }, limits), { ok: false, reason: 'array', limit: 100 });
  assert.deepEqual(checkJsonLimits(Array.from({ length: 101 }, () => ({})), limits), { ok: false, reason: 'array', limit: 100 });
  assert.equal(checkJsonLimits({ big: Array.from({ length: 5000 }, (_, i) => i) }, { maxDepth: 64, maxKeys: 1_000_000 }).ok, true, 'unset: only maxKeys bounds arrays');
});
