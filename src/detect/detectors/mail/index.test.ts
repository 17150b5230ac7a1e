import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mailDetector } from './index.js';
import { ruleIds, vectorSuite } from '../vector-suite.js';

const { detect, fieldOf } = vectorSuite(mailDetector, new URL('./mail.vectors.json', import.meta.url), {
  minAttacks: 12, minBenign: 20, fallback: { kind: 'body', source: 'json', name: 'email' },
});

test('field names: header fields by their words, message bodies never', () => {
  const at = (name: string): string[] => ruleIds(detect('Hello\nBcc: x@evil.example.com', fieldOf({ name }), 1));
  for (const name of ['email', 'subject', 'from', 'to', 'reply_to', 'replyTo', 'cc', 'bcc', 'sender', 'recipient', 'contactEmail', 'mailFrom']) assert.deepEqual(at(name), ['mail.header-injection'], name);
  for (const name of ['email_body', 'message', 'comment', 'description', 'token', 'photo', 'total', 'notes']) assert.deepEqual(at(name), [], name);
});

test('adversarial inputs complete', () => {
  const inputs = ['${'.repeat(50_000), '\r\n'.repeat(50_000), '('.repeat(50_000), '0x'.repeat(50_000), '\nBcc: x'.repeat(20_000), '\n.'.repeat(50_000),
    `a@b\n${'a'.repeat(100_000)}:`, '\nRCPT'.repeat(30_000), '@'.repeat(50_000) + '\nBcc: x',
    '=?a?Q?'.repeat(30_000), `=?a?Q?${'=0D=0A'.repeat(30_000)}?=`, `@${' -X'.repeat(50_000)}`, `a@b ${'-O'.repeat(50_000)}`, '\nA1 '.repeat(30_000), `x\nA1 ${'A'.repeat(100_000)}`];
  for (const input of inputs) assert.ok(Array.isArray(detect(input, fieldOf(), 4)));
});

test('rules: unique ids under mail., attack class mail', () => {
  const ids = mailDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of mailDetector.rules) {
    assert.match(rule.id, /^mail\.[a-z]+(-[a-z]+)*$/);
    assert.equal(rule.attackClass, 'mail');
  }
});
