import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileKeyRule, isIdentifierKey, isQuestionKey, keyHint, normalizeKey } from './key-hint.js';

describe('normalizeKey', () => {
  test('reads camelCase, snake_case, kebab-case and capitals alike', () => {
    for (const key of ['dateOfBirth', 'date_of_birth', 'DATE-OF-BIRTH', 'date.of.birth', ' Date Of Birth ']) assert.equal(normalizeKey(key), 'dateofbirth');
  });

  test('keeps digits and letters of other scripts', () => {
    assert.equal(normalizeKey('address_line_1'), 'addressline1');
    assert.equal(normalizeKey('Geburts-Datum'), 'geburtsdatum');
    assert.equal(normalizeKey('电话'), '电话');
  });
});

describe('compileKeyRule', () => {
  const rule = compileKeyRule({
    names: ['dob'],
    suffixes: ['address'],
    except: ['ipaddress'],
    children: { parentSuffixes: ['address'], names: ['line1'] },
  });

  test('matches whole names and endings, not names that go on about the value', () => {
    assert.ok(rule(keyHint('dob')));
    assert.ok(rule(keyHint('billingAddress')));
    assert.equal(rule(keyHint('addressVerified')), false);
    assert.equal(rule(keyHint('dobVerified')), false);
  });

  test('honours exceptions', () => {
    assert.equal(rule(keyHint('client_ip_address')), false);
  });

  test('matches generic children only under a matching parent', () => {
    assert.ok(rule(keyHint('line1', 'shippingAddress')));
    assert.equal(rule(keyHint('line1')), false);
    assert.equal(rule(keyHint('line1', 'ipAddress')), false);
  });
});

describe('isIdentifierKey', () => {
  test('recognises identifiers, counters, amounts and times', () => {
    for (const key of ['id', 'orderId', 'order_number', 'createdAt', 'appVersion', 'sku', 'totalAmount', 'timestamp']) assert.ok(isIdentifierKey(keyHint(key)), key);
  });

  test('leaves personal-data names and a bare `number` alone', () => {
    for (const key of ['number', 'email', 'phone', 'ssn', 'cardNumber', 'name']) assert.equal(isIdentifierKey(keyHint(key)), false, key);
  });
});

describe('isQuestionKey', () => {
  test('recognises yes/no names in camelCase, snake_case and kebab-case', () => {
    for (const key of ['hasPassword', 'is_email_verified', 'Has-Phone', 'shouldMaskCard', 'isSSN']) assert.ok(isQuestionKey(key), key);
  });

  test('leaves names that merely start with the same letters', () => {
    for (const key of ['username', 'userEmail', 'island', 'issuer', 'hash', 'is', 'canonicalUrl', 'showroomAddress']) assert.equal(isQuestionKey(key), false, key);
  });

  test('makes a key rule refuse the name', () => {
    const rule = compileKeyRule({ suffixes: ['password'] });
    assert.equal(rule(keyHint('hasPassword')), false);
    assert.ok(rule(keyHint('password')));
  });
});
