import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFieldSink } from './field-sink.js';
import { DEFAULT_EXTRACT_LIMITS } from './limits.js';
import { extractPath } from './path.js';

function segments(path: string): [string, string][] {
  const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
  extractPath(sink, path);
  for (const field of sink.fields) assert.deepEqual([field.kind, field.source, field.name, field.isName], ['path', 'path', '', false]);
  return sink.fields.map((field) => [field.location, field.value]);
}

test('each segment is a field, still percent-encoded, numbered from the first after the leading slash', () => {
  assert.deepEqual(segments('/api/v1/users/%27%20OR%201%3D1'), [['path[0]', 'api'], ['path[1]', 'v1'], ['path[2]', 'users'], ['path[3]', '%27%20OR%201%3D1']]);
});

test('an encoded slash does not split its segment; matrix parameters stay in theirs', () => {
  assert.deepEqual(segments('/files/..%2F..%2Fetc%2Fpasswd'), [['path[0]', 'files'], ['path[1]', '..%2F..%2Fetc%2Fpasswd']]);
  assert.deepEqual(segments('/api/v1/search/javascript:%2F%2F%250aalert(1)'), [
    ['path[0]', 'api'], ['path[1]', 'v1'], ['path[2]', 'search'], ['path[3]', 'javascript:%2F%2F%250aalert(1)'],
  ]);
  assert.deepEqual(segments('/cart;jsessionid=abc/items;color=red'), [
    ['path[0]', 'cart;jsessionid=abc'], ['path[1]', 'items;color=red'], ['path[0..]', 'cart;jsessionid=abc/items;color=red'],
  ]);
});

test('empty segments keep their number but are not fields; traversal segments are', () => {
  assert.deepEqual(segments('/a//b/'), [['path[0]', 'a'], ['path[2]', 'b'], ['path[1..]', '/b/']]);
  assert.deepEqual(segments('/static/../../etc/passwd'), [
    ['path[0]', 'static'], ['path[1]', '..'], ['path[2]', '..'], ['path[3]', 'etc'], ['path[4]', 'passwd'], ['path[1..]', '../../etc/passwd'],
  ]);
  assert.deepEqual(segments('/'), []);
  assert.deepEqual(segments(''), []);
});

test('a payload with literal slashes is also one field: the rest of the path from its first segment that is not a route word', () => {
  const tail = (path: string): [string, string][] => segments(path).filter(([location]) => location.endsWith('..]'));
  assert.deepEqual(tail('/api/v1/search/javascript://%0aalert(1)'), [['path[3..]', 'javascript://%0aalert(1)']]);
  assert.deepEqual(tail('/api/v1/items/http://127.0.0.1/admin'), [['path[3..]', 'http://127.0.0.1/admin']]);
  assert.deepEqual(tail('/api/v1/items/;%20cat%20/etc/passwd'), [['path[3..]', ';%20cat%20/etc/passwd']]);
  assert.deepEqual(tail('/api/v1/items//proc/self/cmdline'), [['path[3..]', '/proc/self/cmdline']], 'an empty segment: an absolute path follows');
  assert.deepEqual(tail('/api/v1/items/x/..'), [], 'the last segment alone is its own field already');
});

test('route words never start a tail: ids, versions, file names and unreserved punctuation', () => {
  for (const path of ['/api/v1/orders', '/api/v2.1/users/42/orders/ORD-2025_0001~x', '/static/app.min.js', '/a/.../b', '/api/v1/orders/']) {
    assert.equal(segments(path).some(([location]) => location.endsWith('..]')), false, path);
  }
});

test('a target without a leading slash starts at segment 0', () => {
  assert.deepEqual(segments('*'), [['path[0]', '*']]);
});

test('a path of 50 000 slashes and segments completes', () => {
  assert.equal(segments('/a'.repeat(50_000)).length, DEFAULT_EXTRACT_LIMITS.maxFields);
  assert.deepEqual(segments('/'.repeat(50_000)), [], 'empty segments only: no tail either');
  assert.deepEqual(segments('/%'.repeat(1000)).at(-1), ['path[0..]', '%/'.repeat(999) + '%']);
});
