import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateApiKey, hashApiKeySecret, isApiKeySecretMatch, randomBase62 } from './api-key-secret.js';
import { API_KEY_SECRET_LENGTH, BASE62_ALPHABET, parseApiKey } from './key-store.js';

test('parseApiKey splits bwk_<id>_<secret> and refuses everything else', () => {
  const secret = 'A'.repeat(API_KEY_SECRET_LENGTH);
  assert.deepEqual(parseApiKey(`bwk_k7Qx2mPa9cLd_${secret}`), { id: 'k7Qx2mPa9cLd', secret });
  for (const bad of ['', 'bwk_', `bwk_k7Qx2mPa9cL_${secret}A`, `bwk_k7Qx2mPa9cLd_${secret.slice(1)}_`, `bwk-k7Qx2mPa9cLd_${secret}`]) {
    assert.equal(parseApiKey(bad), undefined, bad);
  }
  assert.equal(parseApiKey(null as unknown as string), undefined);
});

test('generated keys parse back and their hash matches their secret only', () => {
  const { id, key, secretHash } = generateApiKey();
  const parsed = parseApiKey(key);
  assert.equal(parsed?.id, id);
  assert.ok(isApiKeySecretMatch(secretHash, parsed.secret));
  assert.equal(isApiKeySecretMatch(secretHash, `${parsed.secret.slice(1)}x`), false);
  assert.equal(isApiKeySecretMatch(secretHash.subarray(1), parsed.secret), false, 'a hash of another length never matches');
  assert.equal(secretHash.length, 32);
  assert.deepEqual(hashApiKeySecret('abc').toString('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'SHA-256 test vector (FIPS 180-2)');
});

test('randomBase62 uses the whole alphabet about evenly', () => {
  const text = randomBase62(62 * 500);
  assert.equal(text.length, 62 * 500);
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  assert.deepEqual([...counts.keys()].sort().join(''), [...BASE62_ALPHABET].sort().join(''));
  // Expected 500 each; 5 standard deviations (~±110) is a bound a fair generator never fails in practice.
  for (const [char, count] of counts) assert.ok(count > 390 && count < 610, `${char}: ${count}`);
});
