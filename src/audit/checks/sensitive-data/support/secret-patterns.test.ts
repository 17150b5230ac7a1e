import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findSecret } from './secret-patterns.js';

const jwt = (payload: object): string => {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg`;
};

describe('credential patterns', () => {
  test('finds live-looking credentials', () => {
    assert.equal(findSecret('key: AKIAJ5Q7RT2ZKWV3M8NP')?.kind, 'an AWS access key ID');
    assert.equal(findSecret('ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A')?.kind, 'a GitHub token');
    assert.equal(findSecret('xoxb-2384723847-2384723847-abcDEFghiJKL')?.kind, 'a Slack token');
    assert.equal(findSecret('sk_live_4eC39HqLyjWDarjtT1zdp7dc')?.kind, 'a Stripe live key');
    assert.equal(findSecret('AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q')?.kind, 'a Google API key');
    assert.equal(findSecret(`Bearer ${jwt({ sub: 'alice', exp: 4102444800 })}`)?.kind, 'a signed JWT');
    const key = `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2Ai'.repeat(3)}\n-----END RSA PRIVATE KEY-----`;
    assert.equal(findSecret(key)?.kind, 'a private key');
  });

  test('never repeats the whole secret', () => {
    assert.equal(findSecret('AKIAJ5Q7RT2ZKWV3M8NP')?.preview, 'AKIA…');
  });

  test('leaves placeholders and samples alone', () => {
    for (const text of [
      'AKIAIOSFODNN7EXAMPLE', 'AKIAXXXXXXXXXXXXXXXX', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      'eyJhbGciOiJIUzI1NiJ9.eyJ...', 'a perfectly ordinary description of an endpoint', 'short',
    ]) assert.equal(findSecret(text), undefined, text);
  });

  test('stays linear on adversarial text', () => {
    const started = performance.now();
    findSecret('eyJ'.repeat(200_000));
    findSecret('xoxb-'.repeat(100_000));
    findSecret(`eyJ${'a'.repeat(100_000)}.`.repeat(5));
    assert.ok(performance.now() - started < 500);
  });
});
