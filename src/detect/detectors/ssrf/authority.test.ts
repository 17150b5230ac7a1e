import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostOfAuthority, isAuthorityEndCode } from './authority.js';

test('an authority ends at / ? # \\ and blanks', () => {
  assert.deepEqual([...'/?#\\ \t\n'].map((char) => isAuthorityEndCode(char.charCodeAt(0))), [true, true, true, true, true, true, true]);
  assert.deepEqual([...'a.:@[]-'].map((char) => isAuthorityEndCode(char.charCodeAt(0))), [false, false, false, false, false, false, false]);
});

test('the host of host:port, [v6]:port and a bare IPv6 address', () => {
  assert.equal(hostOfAuthority('127.0.0.1:8080'), '127.0.0.1');
  assert.equal(hostOfAuthority('[::1]:80'), '[::1]');
  assert.equal(hostOfAuthority('::1'), '::1');
  assert.equal(hostOfAuthority('example.com'), 'example.com');
});
