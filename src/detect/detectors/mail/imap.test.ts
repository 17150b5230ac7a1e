import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isImapCommand } from './imap.js';

test('tagged IMAP commands', () => {
  for (const line of ['A002 DELETE INBOX', 'a1 LOGOUT', '7 UID FETCH 1:* (BODY[])', 'A3 SELECT "Sent"', 'x9 EXPUNGE\r\n']) {
    assert.equal(isImapCommand(`INBOX\r\n${line}`, 7), true, line);
  }
});

test('address lines, prose and untagged lines are not', () => {
  for (const line of ['1 Select Road', 'A DELETE x', '2 items', 'DELETE INBOX', '* OK ready', 'A1  LOGOUT', 'A1 LOGOUTNOW', 'A1 logout', '']) {
    assert.equal(isImapCommand(`x\n${line}`, 2), false, line);
  }
});

test('strict tags need a letter and a digit', () => {
  assert.equal(isImapCommand('x\nA2 DELETE x', 2, true), true);
  assert.equal(isImapCommand('x\n2 DELETE requests', 2, true), false);
  assert.equal(isImapCommand('x\n2 DELETE requests', 2), true);
});
