import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResidualEscapes } from './encoded-path.js';

test('escaped dots and separators that survived decoding are decoded once more', () => {
  assert.equal(decodeResidualEscapes('..%c0%af..%c0%afetc/passwd'), '../../etc/passwd');
  assert.equal(decodeResidualEscapes('%2e%2e%5c%2e%2e%5cboot.ini'), '..\\..\\boot.ini');
  assert.equal(decodeResidualEscapes('%252e%252e%252fetc'), '../etc');
  assert.equal(decodeResidualEscapes('..%u2215etc%u2215passwd'), '../etc/passwd');
  assert.equal(decodeResidualEscapes('/etc/passwd%00.png'), '/etc/passwd.png');
});

test('JS code-point escapes are decoded, single-character escapes are path text', () => {
  assert.equal(decodeResidualEscapes('C\\u003a\\u005cboot\\u002eini'), 'C:\\boot.ini');
  assert.equal(decodeResidualEscapes('\\u00252e\\u00252e\\u00255cx'), '..\\x');
  assert.equal(decodeResidualEscapes('\\x2e\\x2e\\x2fetc'), '../etc');
  assert.equal(decodeResidualEscapes('C:\\boot.ini'), undefined, '`\\b` is a separator and a name, not a backspace');
});

test('values without escapes give no view', () => {
  for (const text of ['../../etc/passwd', '100% done', '%zz', 'a%2', 'Total: %s, %d%%']) assert.equal(decodeResidualEscapes(text), undefined, text);
});

test('long runs of escapes complete', () => {
  for (const input of ['%'.repeat(100_000), '%2e'.repeat(50_000), '%25'.repeat(50_000), '\\u'.repeat(50_000), '\\u002e'.repeat(30_000)]) decodeResidualEscapes(input);
});
