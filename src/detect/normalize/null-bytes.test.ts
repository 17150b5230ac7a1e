import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeNullBytes } from './null-bytes.js';

test('NUL and other C0 controls are dropped', () => {
  assert.deepEqual(removeNullBytes('sel\0ect'), { value: 'select', changed: true });
  assert.equal(removeNullBytes('<scr\u0000ipt>').value, '<script>');
  assert.equal(removeNullBytes('java\u0001\u0008script:').value, 'javascript:');
  assert.equal(removeNullBytes('a\u000eb\u001fd').value, 'abd');
  assert.equal(removeNullBytes('../../etc/passwd\0.png').value, '../../etc/passwd.png');
});

test('tab, CR and LF stay: CRLF injection detection needs them; DEL stays too', () => {
  assert.deepEqual(removeNullBytes('a\tb\r\nSet-Cookie: x=1'), { value: 'a\tb\r\nSet-Cookie: x=1', changed: false });
  assert.equal(removeNullBytes('a\u007fb').value, 'a\u007fb');
  assert.equal(removeNullBytes('\0\t\0').value, '\t');
});

test('text without controls is untouched, non-ASCII included', () => {
  assert.deepEqual(removeNullBytes('Zoë 東京'), { value: 'Zoë 東京', changed: false });
});

test('a long run of controls simply completes', () => {
  assert.equal(removeNullBytes('\0'.repeat(50_000) + 'x').value, 'x');
});

test('form feed and vertical tab become a space: they separate words, as in `<svg\\fonload=...>`', () => {
  assert.deepEqual(removeNullBytes('<svg\fonload=alert(1)>'), { value: '<svg onload=alert(1)>', changed: true });
  assert.equal(removeNullBytes('a\u000bb\u000cc\u001fd').value, 'a b cd');
  assert.equal(removeNullBytes('union\u000b\u0000select').value, 'union select');
});
