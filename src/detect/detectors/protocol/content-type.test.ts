import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evasiveCharset, isConflictingContentType } from './content-type.js';

test('Content-Type headers conflict when their media types or parameters differ, not their spelling', () => {
  assert.equal(isConflictingContentType(['application/json']), false);
  assert.equal(isConflictingContentType(['application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']), false);
  assert.equal(isConflictingContentType(['application/json', 'text/plain']), true);
  assert.equal(isConflictingContentType(['multipart/form-data; boundary=a', 'multipart/form-data; boundary=b']), true);
});

test('UTF-7 and EBCDIC charsets are evasive; the usual ones are not', () => {
  for (const value of ['text/html; charset=utf-7', 'text/plain;charset="UTF-7"', 'application/json; charset = x-utf-7', 'text/xml; charset=IBM037', 'application/x-www-form-urlencoded; charset=cp1047', 'text/plain; charset=ibm-500', 'text/plain; charset=EBCDIC-CP-US']) {
    assert.notEqual(evasiveCharset(value), undefined, value);
  }
  for (const value of ['application/json', 'text/plain; charset=utf-8', 'text/html; charset=ISO-8859-1', 'text/plain; charset=windows-1252', 'application/json; charset=utf-16', 'text/plain; charset=cp1252', 'text/plain; charset=ibm850', 'multipart/form-data; boundary=charset']) {
    assert.equal(evasiveCharset(value), undefined, value);
  }
});
