import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJsEscapes } from './js-escapes.js';

test('\\u, \\u{...} and \\x escapes decode', () => {
  assert.deepEqual(decodeJsEscapes('\\u003cscript\\u003e'), { value: '<script>', changed: true });
  assert.equal(decodeJsEscapes('\\x3cimg\\x20src=x\\x3e').value, '<img src=x>');
  assert.equal(decodeJsEscapes('\\u{1F600}').value, '\u{1F600}');
  assert.equal(decodeJsEscapes('a\\nb\\\\c').value, 'a\nb\\c');
});

test('malformed or out-of-range escapes stay as written', () => {
  assert.deepEqual(decodeJsEscapes('\\u12 \\xZ \\q'), { value: '\\u12 \\xZ \\q', changed: false });
  assert.equal(decodeJsEscapes('\\u{110000}').value, '\\u{110000}');
});

test('no backslash: untouched', () => {
  assert.deepEqual(decodeJsEscapes('plain'), { value: 'plain', changed: false });
});
