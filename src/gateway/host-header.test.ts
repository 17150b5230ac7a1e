import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostOf } from './host-header.js';

test('host without port, lowercased', () => {
  assert.equal(hostOf('API.Example.com:8443'), 'api.example.com');
  assert.equal(hostOf('api.example.com'), 'api.example.com');
  assert.equal(hostOf('[2001:DB8::1]:443'), '[2001:db8::1]');
  assert.equal(hostOf('[::1]'), '[::1]');
  assert.equal(hostOf(undefined), '');
});
