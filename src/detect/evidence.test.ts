import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fragmentForEvent, isSecretField, MAX_FRAGMENT_LENGTH } from './evidence.js';

const query = { kind: 'query', name: 'q', isName: false } as const;

test('fragments are cut to a bounded length and say so', () => {
  const long = `' union select ${'x,'.repeat(100)}`;
  const shown = fragmentForEvent(long, query);
  assert.equal(shown.length, MAX_FRAGMENT_LENGTH + 1);
  assert.ok(shown.endsWith('…'));
  assert.equal(fragmentForEvent("' or 1=1--", query), "' or 1=1--");
});

test('control characters are made visible so a fragment cannot forge log lines', () => {
  assert.equal(fragmentForEvent('a\r\nSet-Cookie: x\u0000', query), 'a\\r\\nSet-Cookie: x\\x00');
});

test('a surrogate pair at the cut is not split', () => {
  const text = `${'a'.repeat(MAX_FRAGMENT_LENGTH - 1)}😀tail`;
  assert.equal(fragmentForEvent(text, query), `${'a'.repeat(MAX_FRAGMENT_LENGTH - 1)}…`);
});

test('credentials are masked whatever the attack inside them', () => {
  assert.equal(isSecretField({ kind: 'header', name: 'authorization', isName: false }), true);
  assert.equal(isSecretField({ kind: 'cookie', name: 'session', isName: false }), true);
  assert.equal(isSecretField({ kind: 'body', name: 'newPassword', isName: false }), true);
  assert.equal(isSecretField({ kind: 'body', name: 'password', isName: true }), false, 'a key is not its value');
  assert.equal(isSecretField({ kind: 'header', name: 'user-agent', isName: false }), false);
  const shown = fragmentForEvent("Bearer abc' or 1=1--", { kind: 'header', name: 'authorization', isName: false });
  assert.equal(shown, 'Bear***(20)');
});
