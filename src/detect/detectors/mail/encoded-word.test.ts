import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEncodedWord, hasLineBreak } from './encoded-word.js';

test('decodes Q and B encoded words', () => {
  assert.equal(decodeEncodedWord('=?UTF-8?Q?x=0D=0ABcc:_victim@example.com?=', 0), 'x\r\nBcc: victim@example.com');
  assert.equal(decodeEncodedWord('Re: =?utf-8?q?caf=C3=A9?=', 4), 'caf\u00c3\u00a9');
  assert.equal(decodeEncodedWord(`=?UTF-8?B?${Buffer.from('x\r\nBcc: a@b.c').toString('base64')}?=`, 0), 'x\r\nBcc: a@b.c');
  assert.equal(decodeEncodedWord('=?iso-8859-1*en?Q?a=3Db?=', 0), 'a=b');
});

test('malformed words are not decoded; a lone `=` stays', () => {
  for (const text of ['=?UTF-8?X?abc?=', '=??Q?abc?=', '=?UTF-8?Q?abc', '=?UTF 8?Q?abc?=', '=?']) assert.equal(decodeEncodedWord(text, 0), undefined, text);
  assert.equal(decodeEncodedWord('=?UTF-8?Q?a=ZZb=?=', 0), 'a=ZZb=');
});

test('long and adversarial input stays bounded', () => {
  assert.equal(decodeEncodedWord(`=?UTF-8?Q?${'=0D'.repeat(100_000)}?=`, 0), undefined);
  assert.equal(decodeEncodedWord(`=?${'a'.repeat(100_000)}?Q?x?=`, 0), undefined);
});

test('hasLineBreak', () => {
  assert.equal(hasLineBreak('a\rb'), true);
  assert.equal(hasLineBreak('a\nb'), true);
  assert.equal(hasLineBreak('ab'), false);
});
