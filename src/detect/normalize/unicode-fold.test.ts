import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldUnicode } from './unicode-fold.js';

test('full-width forms (U+FF01-FF5E) become ASCII', () => {
  assert.deepEqual(foldUnicode('＜script＞alert(1)＜/script＞'), { value: '<script>alert(1)</script>', changed: true });
  assert.equal(foldUnicode('＇ ＯＲ １＝１－－').value, "' OR 1=1--");
  assert.equal(foldUnicode('％２７').value, '%27');
  assert.equal(foldUnicode('\uff01\uff5e').value, '!~', 'both ends of the full-width block');
});

test('other compatibility forms fold: small forms, ligatures, one-dot leader', () => {
  assert.equal(foldUnicode('\ufe64svg\ufe65').value, '<svg>');
  assert.equal(foldUnicode('\u2025/\u2025/etc').value, '../../etc');
  assert.equal(foldUnicode('\ufb01le').value, 'file');
});

test('the homoglyphs servers convert: modifier apostrophe, division slash, set minus', () => {
  assert.equal(foldUnicode('admin\u02bc--').value, "admin'--");
  assert.equal(foldUnicode('..\u2215..\u2215etc\u2215passwd').value, '../../etc/passwd');
  assert.equal(foldUnicode('..\u2216windows').value, '..\\windows');
});

test('prose punctuation stays: curly quotes are not SQL delimiters anywhere', () => {
  assert.deepEqual(foldUnicode('O’Brien said “don’t”'), { value: 'O’Brien said “don’t”', changed: false });
  assert.deepEqual(foldUnicode('Zoë Ångström, 東京, ¥500'), { value: 'Zoë Ångström, 東京, ¥500', changed: false });
});

test('pure ASCII is returned as it is', () => {
  const input = 'plain ascii 123 <b>';
  const result = foldUnicode(input);
  assert.equal(result.changed, false);
  assert.equal(result.value, input);
});

test('lone surrogates (from %u escapes) do not throw and stay', () => {
  assert.equal(foldUnicode('\ud800＜').value, '\ud800<');
});

test('long non-ASCII input simply completes', () => {
  const input = '＜'.repeat(50_000);
  assert.equal(foldUnicode(input).value, '<'.repeat(50_000));
});
