import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compoundParts, isWordSegment, isWordToken } from './word-list.js';

test('tokens: English words, API vocabulary, and plurals of either', () => {
  for (const word of ['users', 'user', 'search', 'me', 'Orders', 'graphql', 'oauth2', 'webhooks', 'passkeys', 'faqs', 'healthz']) {
    assert.equal(isWordToken(word), true, word);
  }
  for (const token of ['octocat', 'torvalds', 'x', '', 'a1', 'user_profiles', 'cus', 'z'.repeat(41)]) assert.equal(isWordToken(token), false, token);
});

test('compound parts: separators, camelCase and acronyms', () => {
  assert.deepEqual(compoundParts('user-profiles'), ['user', 'profiles']);
  assert.deepEqual(compoundParts('user_profiles'), ['user', 'profiles']);
  assert.deepEqual(compoundParts('userProfiles'), ['user', 'Profiles']);
  assert.deepEqual(compoundParts('HTTPServer'), ['HTTP', 'Server']);
  assert.deepEqual(compoundParts('.well-known'), ['well', 'known']);
  assert.deepEqual(compoundParts('GetAllCustomerOrdersByDate'), ['Get', 'All', 'Customer', 'Orders', 'By', 'Date']);
  assert.equal(compoundParts('how-to-build-a-rest-api'), undefined, 'a hyphenated slug of many words');
  assert.equal(compoundParts('OneTwoThreeFourFiveSixSevenEightNine'), undefined);
});

test('segments: compounds count when every part of two letters or more is a word', () => {
  for (const segment of ['payment-methods', 'required_pull_request_reviews', 'openid-configuration', 'oauth2-callback', 'hello-world']) {
    assert.equal(isWordSegment(segment), true, segment);
  }
  for (const segment of ['kubernetes-sigs', 'a-b-c', 'user-x9', 'octocat-stats', '']) assert.equal(isWordSegment(segment), false, segment);
});

test('the dictionary loads once: later lookups are constant time', () => {
  isWordToken('warmup');
  const started = performance.now();
  for (let index = 0; index < 100_000; index++) isWordToken(index % 2 === 0 ? 'repositories' : 'zzqxv');
  assert.ok(performance.now() - started < 500, 'constant-time lookups');
});
