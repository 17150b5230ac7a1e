import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSensitiveFieldName } from './sensitive-names.js';

test('credentials, secrets and payment fields are sensitive in any casing or separator style', () => {
  for (const name of ['password', 'newPassword', 'user_passwd', 'clientSecret', 'access_token', 'refreshToken', 'X-API-Key', 'apiKey', 'Authorization', 'session_id', 'cardNumber', 'credit-card', 'cvv', 'PIN', 'ssn', 'iban', 'private_key']) {
    assert.equal(isSensitiveFieldName(name), true, name);
  }
});

test('ordinary fields are not, even when they contain a short sensitive word', () => {
  for (const name of ['shipping', 'pinned', 'author', 'status', 'email', 'id', 'keyboard', 'monkey', 'total', 'createdAt', '']) {
    assert.equal(isSensitiveFieldName(name), false, name);
  }
});

test('a very long name is checked on its first 128 characters only', () => {
  assert.equal(isSensitiveFieldName(`password${'x'.repeat(10_000)}`), true);
  assert.equal(isSensitiveFieldName(`${'x'.repeat(200)}password`), false);
});
