import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeOverlongUtf8 } from './overlong-utf8.js';
import { urlDecode } from './url-decode.js';

test('two-byte overlong forms of ASCII become the character', () => {
  assert.deepEqual(decodeOverlongUtf8('..%c0%af..%c0%afetc%c0%afpasswd'), { value: '../../etc/passwd', changed: true });
  assert.equal(decodeOverlongUtf8('%c0%ae%c0%ae/').value, '../');
  assert.equal(decodeOverlongUtf8('..%c1%9c..%C1%9Cwinnt').value, '..\\..\\winnt');
  assert.equal(decodeOverlongUtf8('%c0%bcscript%c0%be').value, '<script>');
});

test('IIS masked the continuation bits unchecked: %c1%1c is a backslash (CVE-2000-0884)', () => {
  assert.equal(decodeOverlongUtf8('..%c1%1c..').value, '..\\..');
  assert.equal(decodeOverlongUtf8('%c0%2f').value, '/');
});

test('three- and four-byte overlong forms of ASCII', () => {
  assert.equal(decodeOverlongUtf8('%e0%80%ae%e0%80%ae%e0%80%af').value, '../');
  assert.equal(decodeOverlongUtf8('%e0%81%9c').value, '\\');
  assert.equal(decodeOverlongUtf8('%f0%80%80%ae').value, '.');
});

test('IIS %u escapes, either case; surrogate halves pair up', () => {
  assert.equal(decodeOverlongUtf8('%u002e%u002e%u2215etc').value, '..\u2215etc', 'U+2215 stays here; unicode fold maps it');
  assert.equal(decodeOverlongUtf8('%U0027 or 1=1').value, "' or 1=1");
  assert.equal(decodeOverlongUtf8('%ud83d%ude00').value, '\u{1F600}');
});

test('valid UTF-8, ordinary escapes and broken escapes are left for urlDecode', () => {
  assert.deepEqual(decodeOverlongUtf8('caf%C3%A9%20%2e%2e'), { value: 'caf%C3%A9%20%2e%2e', changed: false });
  assert.equal(decodeOverlongUtf8('%e0%a4%85').value, '%e0%a4%85', 'a real three-byte character (U+0905)');
  assert.equal(decodeOverlongUtf8('%e0%82%80').value, '%e0%82%80', 'overlong but not ASCII: urlDecode makes it U+FFFD');
  assert.equal(decodeOverlongUtf8('%c0ae %c0% %c0%zz %u12 %uzzzz %').value, '%c0ae %c0% %c0%zz %u12 %uzzzz %');
  assert.equal(decodeOverlongUtf8('%c0%c0%ae').value, '%c0.', 'a lead byte is not a continuation');
  assert.deepEqual(decodeOverlongUtf8('no escapes'), { value: 'no escapes', changed: false });
});

test('order matters: after urlDecode the overlong slash is gone, before it the slash survives', () => {
  assert.equal(urlDecode('..%c0%af').value, '..\uFFFD\uFFFD');
  assert.equal(urlDecode(decodeOverlongUtf8('..%c0%af%2e%2e').value).value, '../..');
});

test('adversarial input of near-matches simply completes', () => {
  assert.equal(decodeOverlongUtf8('%c0%'.repeat(50_000)).changed, false);
  assert.equal(decodeOverlongUtf8('%e0%80%'.repeat(50_000)).changed, false);
  assert.equal(decodeOverlongUtf8('%c0%ae'.repeat(50_000)).value, '.'.repeat(50_000));
});
