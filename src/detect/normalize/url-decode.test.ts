import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_URL_DECODE_ROUNDS, percentDecodeOnce, urlDecode } from './url-decode.js';

test('decodes repeatedly: double and triple encoding end as the attack they hide', () => {
  assert.deepEqual(urlDecode('%2e%2e%2fetc%2fpasswd'), { value: '../etc/passwd', changed: true });
  assert.deepEqual(urlDecode('%252e%252e%252f'), { value: '../', changed: true });
  assert.deepEqual(urlDecode('%25252e'), { value: '.', changed: true });
});

test('leaves plain text alone and says so', () => {
  assert.deepEqual(urlDecode('hello world'), { value: 'hello world', changed: false });
});

test('invalid escapes stay; multi-byte UTF-8 decodes; invalid bytes become U+FFFD', () => {
  assert.equal(urlDecode('100%').value, '100%');
  assert.equal(urlDecode('%zz%4').value, '%zz%4');
  assert.equal(urlDecode('caf%C3%A9').value, 'café');
  assert.equal(urlDecode('%C0%AF').value, '\uFFFD\uFFFD', 'overlong UTF-8 is not a slash here (its own normaliser maps it)');
});

test('plus is a space only where asked, and only before the first decoding', () => {
  assert.equal(urlDecode('a+b').value, 'a+b');
  assert.equal(urlDecode('a+b', true).value, 'a b');
  assert.equal(urlDecode('a%2Bb', true).value, 'a+b', 'an encoded plus is a plus');
});

test('the number of rounds is bounded', () => {
  let encoded = '<';
  for (let i = 0; i < MAX_URL_DECODE_ROUNDS + 2; i++) encoded = encoded.replace(/%/g, '%25').replace('<', '%3C');
  const once = percentDecodeOnce(encoded);
  assert.notEqual(once, encoded);
  assert.notEqual(urlDecode(encoded).value, '<', 'deeper chains than the bound are decoded only up to it');
});

test('ASCII and multi-byte escapes mix with literal text and broken escapes in one round', () => {
  assert.equal(percentDecodeOnce('a%41%C3%A9%zz%E6%9D%B1b%'), 'aAé%zz東b%');
  assert.equal(percentDecodeOnce('%E6%9D%41'), '\uFFFDA', 'a sequence cut by an ASCII byte');
  assert.equal(percentDecodeOnce('x+%2B+y', true), 'x + y');
  assert.equal(percentDecodeOnce('x+y', true), 'x y');
});

test('long runs of escapes simply complete', () => {
  assert.equal(percentDecodeOnce('%41'.repeat(50_000)), 'A'.repeat(50_000));
  assert.equal(percentDecodeOnce('%C3%A9'.repeat(50_000)), 'é'.repeat(50_000));
  assert.equal(percentDecodeOnce('%%'.repeat(50_000)), '%%'.repeat(50_000));
});
