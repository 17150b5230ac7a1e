import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isCredentialName, isSecretName, nameWords, personalKind } from './names.js';

describe('sensitive names', () => {
  test('splits identifiers into words', () => {
    assert.deepEqual(nameWords('creditCardNumber'), ['credit', 'card', 'number']);
    assert.deepEqual(nameWords('X-API-Key'), ['x', 'api', 'key']);
    assert.deepEqual(nameWords('SSNMasked'), ['ssn', 'masked']);
    assert.deepEqual(nameWords('date_of_birth'), ['date', 'of', 'birth']);
  });

  test('reads personal data from names', () => {
    assert.equal(personalKind('email'), 'email');
    assert.equal(personalKind('customer_email'), 'email');
    assert.equal(personalKind('creditCardNumber'), 'card');
    assert.equal(personalKind('date_of_birth'), 'birth');
    assert.equal(personalKind('SSN'), 'identity');
    assert.equal(personalKind('addressLine1'), 'address');
    assert.equal(personalKind('lastName'), 'name');
  });

  test('ignores masked, derived and unrelated names', () => {
    for (const name of ['emailVerified', 'cardLast4', 'ssnMasked', 'emailHash', 'ipAddress', 'addressId', 'isEmailConfirmed', 'limit', 'name', 'cardToken', 'mobileApp', 'sort_code', 'routingNumber']) {
      assert.equal(personalKind(name), undefined, name);
    }
  });

  test('reads secrets from names', () => {
    for (const name of ['password', 'newPassword', 'client_secret', 'privateKey', 'secretKey', 'secretAccessKey', 'passphrase']) assert.equal(isSecretName(name), true, name);
    for (const name of ['passwordChangedAt', 'passwordPolicy', 'hasPassword', 'secretName', 'privateKeyId', 'accessToken', 'apiKey']) assert.equal(isSecretName(name), false, name);
    for (const name of ['apiKey', 'X-API-Key', 'access_token', 'refreshToken', 'password']) assert.equal(isCredentialName(name), true, name);
    assert.equal(isCredentialName('tokenType'), false);
  });
});
