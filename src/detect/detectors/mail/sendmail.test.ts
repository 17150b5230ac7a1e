import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSendmailArgument } from './sendmail.js';

test('sendmail options after an address', () => {
  for (const text of [
    '"attacker\\" -oQ/tmp/ -X/var/www/html/shell.php "@example.com',
    'attacker@evil.example -X/var/www/html/log.php',
    'x@example.com -OQueueDirectory=/tmp -X/var/www/html/rce.php',
    'a@b.example -X /var/www/x.php',
    'a@b.example\t-C/tmp/evil.cf',
    "a@b.example -be '${run{/bin/id}}'",
    'a@b.example -X C:\\inetpub\\wwwroot\\x.asp',
  ]) assert.notEqual(findSendmailArgument(text), -1, text);
});

test('dashes in addresses, names and prose are no options', () => {
  for (const text of [
    'jane-doe@example.com', 'Jane Doe - Sales <jane@example.com>', 'john@example.com -Xmas party', 'me@x.example -Okay',
    'a@b.example --verbose', '-X/var/www/x.php', 'a@b.example-X/var/www', 'ann@x.example -bed', 'a@b.example -o',
  ]) assert.equal(findSendmailArgument(text), -1, text);
});

test('long input stays linear', () => {
  assert.equal(findSendmailArgument(`@${' -'.repeat(100_000)}`), -1);
});
