import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crlfDetector } from './index.js';
import { ruleIds, vectorSuite } from '../vector-suite.js';

const { detect, fieldOf } = vectorSuite(crlfDetector, new URL('./crlf.vectors.json', import.meta.url), {
  minAttacks: 25, minBenign: 30, fallback: { kind: 'query', source: 'query', name: 'next' },
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
