import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harHeaders, namedPairs } from './har-headers.js';

test('namedPairs keeps well-formed {name, value} items in order', () => {
  assert.deepEqual(namedPairs([{ name: 'a', value: '1' }, { name: 'b' }, { name: 2, value: 'x' }, null, 'c', { name: 'd', value: '' }]), [['a', '1'], ['d', '']]);
  assert.deepEqual(namedPairs({ name: 'a', value: '1' }), []);
  assert.deepEqual(namedPairs(undefined), []);
});

test('names are lowercased; repeats joined with ", ", Cookie with "; ", Set-Cookie one per line', () => {
  const list = [
    { name: 'Accept', value: 'a' }, { name: 'accept', value: 'b' },
    { name: 'Cookie', value: 'x=1' }, { name: 'cookie', value: 'y=2' },
    { name: 'Set-Cookie', value: 'a=1; Expires=Wed, 21 Oct 2025 07:28:00 GMT' }, { name: 'set-cookie', value: 'b=2' },
  ];
  assert.deepEqual(harHeaders(list, [], 'cookie'), { accept: 'a, b', cookie: 'x=1; y=2', 'set-cookie': 'a=1; Expires=Wed, 21 Oct 2025 07:28:00 GMT\nb=2' });
});

test('pseudo-headers are dropped; :authority stands in for a missing Host', () => {
  const h2 = [{ name: ':method', value: 'GET' }, { name: ':authority', value: 'api.example.com' }, { name: ':path', value: '/' }, { name: ':status', value: '200' }];
  assert.deepEqual(harHeaders(h2, [], 'cookie'), { host: 'api.example.com' });
  assert.deepEqual(harHeaders([...h2, { name: 'Host', value: 'other.example' }], [], 'cookie'), { host: 'other.example' });
});

test('the cookies list fills in a missing Cookie or Set-Cookie header only', () => {
  const cookies = [{ name: 'sid', value: 'abc' }, { name: 'theme', value: 'dark' }];
  assert.deepEqual(harHeaders([], cookies, 'cookie'), { cookie: 'sid=abc; theme=dark' });
  assert.deepEqual(harHeaders([], cookies, 'set-cookie'), { 'set-cookie': 'sid=abc\ntheme=dark' });
  assert.deepEqual(harHeaders([{ name: 'Cookie', value: 'sid=abc' }], cookies, 'cookie'), { cookie: 'sid=abc' });
});
