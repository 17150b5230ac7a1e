import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSegment, splitPath } from './split-path.js';

test('segments are split, then decoded', () => {
  assert.deepEqual(splitPath('/users/42/repos'), ['users', '42', 'repos']);
  assert.deepEqual(splitPath('/files/a%2Fb/raw'), ['files', 'a/b', 'raw'], 'an encoded slash stays inside its segment');
  assert.deepEqual(splitPath('/search/blue%20shoes'), ['search', 'blue shoes']);
  assert.deepEqual(splitPath('/caf%C3%A9'), ['café']);
});

test('query, fragment, empty and dot segments go', () => {
  assert.deepEqual(splitPath('/users/?page=2#top'), ['users']);
  assert.deepEqual(splitPath('//a///b/'), ['a', 'b']);
  assert.deepEqual(splitPath('/a/./b/../c'), ['a', 'c']);
  assert.deepEqual(splitPath('/../../etc'), ['etc'], 'never above the root');
  assert.deepEqual(splitPath('/a/%2e%2e/b'), ['b'], 'encoded dot segments count too');
  assert.deepEqual(splitPath('/'), []);
  assert.deepEqual(splitPath(''), []);
});

test('malformed escapes stay literal; valid ones beside them decode', () => {
  assert.equal(decodeSegment('100%'), '100%');
  assert.equal(decodeSegment('%zz%41'), '%zzA');
  assert.equal(decodeSegment('%C3'), '%C3', 'a lone UTF-8 lead byte');
  assert.equal(decodeSegment('%C3%A9%C3'), '%C3%A9%C3', 'a run with a broken tail stays as written');
  assert.equal(decodeSegment('%E2%82%AC%20'), '€ ');
});
