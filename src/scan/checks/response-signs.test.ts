import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sqlErrorIn, stackTraceIn, versionBanners } from './response-signs.js';

interface Vector { kind: 'stack' | 'sql'; in: string; expect: string | null }
const vectors = JSON.parse(readFileSync(new URL('./response-signs.vectors.json', import.meta.url), 'utf8')) as Vector[];

for (const vector of vectors) {
  test(`${vector.kind}: ${JSON.stringify(vector.in.slice(0, 50))} is ${String(vector.expect)}`, () => {
    const found = vector.kind === 'stack' ? stackTraceIn(vector.in) : sqlErrorIn(vector.in);
    assert.equal(found ?? null, vector.expect);
  });
}

test('version banners: software with a version, not a bare product name', () => {
  assert.deepEqual(versionBanners({ 'x-powered-by': 'Express 4.16.0', server: 'nginx' }), [{ header: 'x-powered-by', value: 'Express 4.16.0' }]);
  assert.deepEqual(versionBanners({ server: 'Apache/2.4.41 (Ubuntu)' }), [{ header: 'server', value: 'Apache/2.4.41 (Ubuntu)' }]);
  assert.deepEqual(versionBanners({ server: 'cloudflare' }), []);
});

test('signatures stay fast on long hostile bodies', () => {
  const hostile = ['\n at '.repeat(20_000), '\n at a b c (/x/y:1'.repeat(5_000), '\n  at A(x) in C:\\x.cs'.repeat(5_000), 'a'.repeat(64 * 1024), `${'at a.b.c('.repeat(5_000)}x`, `near "${'x'.repeat(60_000)}`];
  for (const body of hostile) {
    assert.equal(stackTraceIn(body), undefined);
    assert.equal(sqlErrorIn(body), undefined);
  }
});
