import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maskHeaders, maskSecret } from './mask.js';

describe('maskSecret', () => {
  test('keeps a 4-character prefix and the length of long values', () => {
    const key = `bwk_${'a'.repeat(36)}`;
    assert.equal(maskSecret(key), 'bwk_***(40)');
  });

  test('keeps the prefix from exactly 12 characters on', () => {
    assert.equal(maskSecret('abcdefghijkl'), 'abcd***(12)');
    assert.equal(maskSecret('abcdefghijk'), '***(11)');
  });

  test('masks short and empty values entirely', () => {
    assert.equal(maskSecret('hunter2'), '***(7)');
    assert.equal(maskSecret(''), '***(0)');
  });

  test('never reveals more than the prefix', () => {
    const secret = 'sk_live_0123456789SECRET';
    const masked = maskSecret(secret);
    assert.ok(!masked.includes('SECRET'));
    assert.ok(!masked.includes('live'));
  });

  test('counts code points and does not split surrogate pairs', () => {
    const value = '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑';
    assert.equal(maskSecret(value), '🔑🔑🔑🔑***(12)');
  });
});

describe('maskHeaders', () => {
  const sensitive: ReadonlySet<string> = new Set(['authorization', 'cookie', 'X-Api-Key']);

  test('masks sensitive headers case-insensitively and keeps the rest', () => {
    const token = `Bearer ${'t'.repeat(40)}`;
    const masked = maskHeaders(
      { Authorization: token, 'x-api-key': 'bwk_0123456789abcdef', accept: 'application/json' },
      sensitive,
    );
    assert.deepEqual(masked, {
      Authorization: 'Bear***(47)',
      'x-api-key': 'bwk_***(20)',
      accept: 'application/json',
    });
  });

  test('joins multi-valued headers, masking each sensitive value', () => {
    const masked = maskHeaders(
      { cookie: ['a=1', 'session=0123456789abcdef'], 'x-forwarded-for': ['10.0.0.1', '10.0.0.2'] },
      sensitive,
    );
    assert.deepEqual(masked, { cookie: '***(3), sess***(24)', 'x-forwarded-for': '10.0.0.1, 10.0.0.2' });
  });

  test('leaves undefined values out and does not modify its input', () => {
    const input = { authorization: 'secret-value-123', host: 'api.example', 'x-empty': undefined };
    const masked = maskHeaders(input, sensitive);
    assert.deepEqual(masked, { authorization: 'secr***(16)', host: 'api.example' });
    assert.equal(input.authorization, 'secret-value-123');
  });
});
