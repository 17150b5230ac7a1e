import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { normalizePath } from './normalize-path.js';

interface Vector { in: string; merge?: boolean; path?: string; query?: string; reason?: string }
const vectors = JSON.parse(readFileSync(new URL('./normalize-path.vectors.json', import.meta.url), 'utf8')) as Vector[];

for (const vector of vectors) {
  test(`normalizePath ${JSON.stringify(vector.in)}`, () => {
    const result = normalizePath(vector.in, { mergeSlashes: vector.merge ?? true });
    if (vector.reason !== undefined) {
      assert.deepEqual(result, { ok: false, reason: vector.reason });
    } else {
      assert.deepEqual(result, { ok: true, path: vector.path, query: vector.query ?? '' });
    }
  });
}

test('long paths stay linear', () => {
  const path = `/${'a/./../'.repeat(20_000)}x`;
  const result = normalizePath(path, { mergeSlashes: true });
  assert.deepEqual(result, { ok: true, path: '/x', query: '' });
});
