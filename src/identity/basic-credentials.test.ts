import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBasicCredentials } from './basic-credentials.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

test('RFC 7617 §2 example: Aladdin / open sesame', () => {
  assert.deepEqual(parseBasicCredentials('QWxhZGRpbjpvcGVuIHNlc2FtZQ=='), { username: 'Aladdin', password: 'open sesame' });
});

test('RFC 7617 §2.1 example: UTF-8 test / 123£', () => {
  assert.deepEqual(parseBasicCredentials('dGVzdDoxMjPCow=='), { username: 'test', password: '123\u00a3' });
});

test('the first colon separates; the password may contain more, or be empty', () => {
  assert.deepEqual(parseBasicCredentials(b64('svc:a:b:c')), { username: 'svc', password: 'a:b:c' });
  assert.deepEqual(parseBasicCredentials(b64('svc:')), { username: 'svc', password: '' });
});

test('user name and password are NFC-normalised', () => {
  assert.deepEqual(parseBasicCredentials(b64('jose\u0301:cafe\u0301')), { username: 'jos\u00e9', password: 'caf\u00e9' });
});

test('malformed credentials are refused rather than guessed at', () => {
  const cases: Record<string, string> = {
    'no colon': b64('justauser'),
    'empty user-id': b64(':password'),
    'not base64': 'not*base64',
    'bad padding': 'QWxhZGRpbjpvcGVuIHNlc2FtZQ',
    'invalid UTF-8': Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64'),
    'control character in the password': b64('user:pass\nword'),
    'control character in the user-id': b64('us\u0000er:password'),
    'user-id too long': b64(`${'u'.repeat(257)}:password`),
    'password too long': b64(`user:${'p'.repeat(1025)}`),
  };
  for (const [why, token] of Object.entries(cases)) assert.equal(parseBasicCredentials(token), undefined, why);
});
