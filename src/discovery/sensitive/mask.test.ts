import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SensitiveType } from './classifier.js';
import { maskSample } from './mask.js';

const JWT_RS256 = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1c2VyLTQyIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmV4YW1wbGUiLCJleHAiOjQxMDI0NDQ4MDB9.2CT9kX4DJb-MKCOT4Lm_WILQ9i76bj_uIoqcqRqFOcubh7vUns09_tw0SIv_VQHo99LrD_PZm8H_7owrLFosrQ';
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2Ai\n-----END RSA PRIVATE KEY-----';

describe('maskSample', () => {
  const cases: [SensitiveType, unknown, string][] = [
    ['email', 'jane.doe@example.com', 'j***@e***.com'],
    ['email', 'Jane Doe <jane@mail.example.co.uk>', 'j***@m***.uk'],
    ['phone', '+44 20 7946 0958', '+44 ***58'],
    ['phone', '(415) 555-2671', '***71'],
    ['phone', 4155552671, '***71'],
    ['payment-card', '4242 4242 4242 4242', '**** **** **** 4242'],
    ['payment-card', 378282246310005, '**** **** **** 0005'],
    ['card-security-code', '123', '***'],
    ['iban', 'DE89 3704 0044 0532 0130 00', 'DE** **** **** 3000'],
    ['us-ssn', '536-22-1234', '***-**-****'],
    ['uk-nino', 'AB 12 34 56 C', '** ** ** ** *'],
    ['ca-sin', '046 454 286', '*** *** ***'],
    ['nl-bsn', 111222333, '*********'],
    ['es-dni', 'X1234567L', '*********'],
    ['in-aadhaar', '2345 6789 0127', '**** **** ****'],
    ['jwt', JWT_RS256, 'eyJ…(jwt, alg RS256)'],
    ['jwt', `Bearer ${JWT_RS256}`, 'eyJ…(jwt, alg RS256)'],
    ['api-key', 'ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A', 'ghp_***(40)'],
    ['api-key', 'sk_live_Mw246h3dT03mwBZzn2BSiF5o', 'sk_live_***(32)'],
    ['api-key', 'sk-proj-Iv95CXPZSIkQFI8uz3cWQoxNgIwKbYFYoOOLQyzAv7j2NGi0', 'sk-proj-***(56)'],
    ['api-key', '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', 'SG.***(69)'],
    ['password', 'hunter2', '********'],
    ['password', 'a much longer passphrase than eight', '********'],
    ['secret', '3f2a9c1e-7b4d-4e8a-9f01-2c3d4e5f6a7b', '***(36)'],
    ['secret', PEM, '-----BEGIN RSA PRIVATE KEY-----***(101)'],
    ['ip-address', '203.0.113.7', '203.*.*.*'],
    ['ip-address', '2001:db8::1', '2001:*'],
    ['postal-address', '221B Baker Street', '***(17)'],
    ['date-of-birth', '1990-04-23', '****-**-**'],
    ['date-of-birth', '23/04/1990', '**/**/****'],
    ['custom:employee-id', 'EMP-2024-000123', 'EMP-***(15)'],
    ['custom:short', 'E123', '***(4)'],
  ];

  for (const [type, value, expected] of cases) {
    test(`${type}: ${expected}`, () => assert.equal(maskSample(type, value), expected));
  }

  test('gives a bare mask for values that are not what the type says', () => {
    assert.equal(maskSample('payment-card', '4242'), '****');
    assert.equal(maskSample('email', 'not-an-email'), '***');
    assert.equal(maskSample('phone', '12'), '***');
    assert.equal(maskSample('iban', 'DE89'), '****');
    assert.equal(maskSample('ip-address', 'localhost'), '***');
    assert.equal(maskSample('jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJ'), 'eyJ…(jwt, alg ?)');
  });

  test('gives `***` for non-scalar values, empty values and unknown types', () => {
    assert.equal(maskSample('email', { email: 'jane@example.com' }), '***');
    assert.equal(maskSample('password', '  '), '***');
    assert.equal(maskSample('unknown' as SensitiveType, 'value'), '***');
  });

  test('never shows a sender-chosen JWT alg that is not a plain algorithm name', () => {
    const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: '<script>alert(1)</script>' })}.${part({ sub: 'x' })}.c2lnbmF0dXJl`;
    assert.equal(maskSample('jwt', token), 'eyJ…(jwt, alg ?)');
  });
});

/** Characters a mask may show whole: an issuer prefix, a PEM BEGIN line (the key type). */
const ALLOWED_PREFIXES = ['github_pat_', 'sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'sk-proj-', 'glpat-', 'shpat_'];

function allowedPrefix(value: string): string {
  if (value.startsWith('-----BEGIN ')) return value.slice(0, value.indexOf('-----', 11) + 5);
  return ALLOWED_PREFIXES.find((candidate) => value.startsWith(candidate)) ?? '';
}

function alphanumerics(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}

/** Whether `mask` repeats `length` or more consecutive letters and digits of `value` (issuer prefixes aside). */
function leaks(value: string, mask: string, length: number): boolean {
  const prefix = allowedPrefix(value);
  const secret = alphanumerics(value.slice(prefix.length));
  const shown = alphanumerics(mask.startsWith(prefix) ? mask.slice(prefix.length) : mask);
  for (let start = 0; start + length <= secret.length; start++) if (shown.includes(secret.slice(start, start + length))) return true;
  return false;
}

describe('masked samples of every positive vector', () => {
  test('(the leak check itself catches five characters shown, and allows an issuer prefix)', () => {
    assert.ok(leaks('4242424242424242', '**** **** **** 24242', 5));
    assert.equal(leaks('4242424242424242', '**** **** **** 4242', 5), false);
    assert.equal(leaks('github_pat_WVLgbciXdRfuQSUZIBeRYO', 'github_pat_***(33)', 5), false);
  });

  const folder = join(dirname(fileURLToPath(import.meta.url)), 'classifiers');
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.vectors.json'))) {
    const vectors = JSON.parse(readFileSync(join(folder, name), 'utf8')) as { classifier: SensitiveType; cases: { value: unknown; match: boolean }[] };
    test(`${vectors.classifier}: show no more than 4 consecutive characters of the value`, () => {
      for (const { value, match } of vectors.cases) {
        if (!match || (typeof value !== 'string' && typeof value !== 'number')) continue;
        const mask = maskSample(vectors.classifier, value);
        assert.ok(!leaks(String(value), mask, 5), `${vectors.classifier}: ${mask}`);
      }
    });
  }
});
