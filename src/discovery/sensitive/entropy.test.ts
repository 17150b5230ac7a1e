import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { entropyPerChar, isPlaceholder, looksRandom } from './entropy.js';

describe('entropyPerChar', () => {
  test('is 0 for one repeated character and log2(n) for n distinct ones', () => {
    assert.equal(entropyPerChar('aaaa'), 0);
    assert.equal(entropyPerChar('abcd'), 2);
    assert.equal(entropyPerChar(''), 0);
  });

  test('does not carry counts over from one call to the next', () => {
    entropyPerChar('zzzzzzzz');
    assert.equal(entropyPerChar('ab'), 1);
  });
});

describe('looksRandom', () => {
  test('accepts tokens, hex digests and UUIDs', () => {
    for (const value of ['3f2a9c1e-7b4d-4e8a-9f01-2c3d4e5f6a7b', 'f3a91c0d5e7b24a8c6d9e0f1a2b3c4d5', 'dGhpcyBpcyBhIHRva2VuIQ9x7Kq2']) assert.ok(looksRandom(value), value);
  });

  test('rejects words, sentences, repeated characters, one character class and short values', () => {
    for (const value of ['correcthorsebatterystaple', 'not a secret at all, really', 'xxxxxxxxxxxxxxxxxxxx', '12345678901234567890', 'aB3dE5', 'abababababababababab1']) {
      assert.equal(looksRandom(value), false, value);
    }
  });
});

describe('isPlaceholder', () => {
  test('recognises masked values and "no value" words', () => {
    for (const value of ['********', '••••', '[REDACTED]', '<hidden>', 'null', 'N/A', 'xxxx', '(none)']) assert.ok(isPlaceholder(value), value);
  });

  test('leaves real values, weak passwords included', () => {
    for (const value of ['hunter2', 'password', 'changeme', 'x9*Y', '1234']) assert.equal(isPlaceholder(value), false, value);
  });
});
