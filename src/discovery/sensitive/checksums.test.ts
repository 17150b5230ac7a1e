import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dniControlLetter, isDigits, isElevenProofValid, isIbanChecksumValid, isLuhnValid, isVerhoeffValid } from './checksums.js';

describe('Luhn (ISO/IEC 7812-1)', () => {
  test('accepts published test card numbers and the usual SIN example', () => {
    for (const digits of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '046454286', '79927398713']) {
      assert.ok(isLuhnValid(digits), digits);
    }
  });

  test('rejects any single changed digit', () => {
    assert.equal(isLuhnValid('4111111111111112'), false);
    assert.equal(isLuhnValid('79927398710'), false);
  });
});

describe('ISO 7064 MOD 97-10 for IBANs', () => {
  test('accepts the IBAN registry examples', () => {
    for (const iban of ['GB82WEST12345698765432', 'DE89370400440532013000', 'FR1420041010050500013M02606', 'NL91ABNA0417164300', 'NO9386011117947']) {
      assert.ok(isIbanChecksumValid(iban), iban);
    }
  });

  test('rejects a wrong check digit and a swap', () => {
    assert.equal(isIbanChecksumValid('GB83WEST12345698765432'), false);
    assert.equal(isIbanChecksumValid('GB82WEST12345698765423'), false);
  });
});

describe('Verhoeff', () => {
  test('matches the worked examples (236 → 3, 12345 → 1)', () => {
    assert.ok(isVerhoeffValid('2363'));
    assert.ok(isVerhoeffValid('123451'));
    assert.equal(isVerhoeffValid('2364'), false);
  });

  test('catches adjacent transpositions, 90 ↔ 09 included (which Luhn misses)', () => {
    assert.equal(isVerhoeffValid('3263'), false);
    assert.ok(isVerhoeffValid('234567890127'));
    assert.equal(isVerhoeffValid('234567809127'), false);
  });
});

describe('elfproef (Dutch BSN)', () => {
  test('accepts 11-proof numbers and rejects others and wrong lengths', () => {
    assert.ok(isElevenProofValid('111222333'));
    assert.ok(isElevenProofValid('123456782'));
    assert.equal(isElevenProofValid('123456789'), false);
    assert.equal(isElevenProofValid('12345678'), false);
  });
});

describe('DNI control letter', () => {
  test('is the number modulo 23 in TRWAGMYFPDXBNJZSQVHLCKE', () => {
    assert.equal(dniControlLetter(12345678), 'Z');
    assert.equal(dniControlLetter(0), 'T');
    assert.equal(dniControlLetter(22), 'E');
  });
});

describe('isDigits', () => {
  test('checks characters and bounds', () => {
    assert.ok(isDigits('0123', 3, 4));
    assert.equal(isDigits('12a4'), false);
    assert.equal(isDigits('12', 3, 4), false);
    assert.equal(isDigits(''), false);
  });
});
