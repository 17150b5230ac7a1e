import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { MAX_BASE64_DECODED_BYTES, decodeBase64, isPlausibleBase64, isShortBase64TextStart, startsLikeBase64Text } from './base64.js';

/** Bytes that start like a PNG file and continue as noise (deterministic, no randomness in tests). */
function pngLike(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(bytes);
  for (let index = 16, state = 7; index < size; index++) bytes[index] = state = (state * 1103515245 + 12345) & 0xff;
  return bytes;
}

test('base64 and base64url of text decode, padded or not', () => {
  assert.deepEqual(decodeBase64('JyBvciAxPTEtLQ=='), { value: "' or 1=1--", changed: true });
  assert.equal(decodeBase64('PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg').value, '<script>alert(1)</script>');
  assert.equal(decodeBase64('PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+').value, '<svg onload=alert(1)>');
  assert.equal(decodeBase64(Buffer.from('../../etc/passwd éà').toString('base64url')).value, '../../etc/passwd éà');
});

test('a base64url JSON cursor or JWT header decodes to JSON (a legitimate second form to inspect)', () => {
  assert.equal(decodeBase64('eyJpZCI6MTIzfQ').value, '{"id":123}');
  assert.equal(decodeBase64('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9').value, '{"alg":"HS256","typ":"JWT"}');
});

test('data URIs: text payloads decode, binary ones do not', () => {
  assert.equal(decodeBase64('data:text/html;base64,PHN2Zz4=').value, '<svg>', 'declared: short payloads count');
  assert.equal(decodeBase64('DATA:text/html;charset=utf-8;BASE64,PHNjcmlwdD4=').value, '<script>');
  const png = `data:image/png;base64,${pngLike(48 * 1024).toString('base64')}`;
  assert.deepEqual(decodeBase64(png), { value: png, changed: false });
  assert.equal(decodeBase64('data:text/plain,hello%20world').changed, false, 'not base64: urlDecode reads it');
  assert.equal(decodeBase64('data:text/html;base64,<script>').changed, false);
});

test('binary stays unchanged: images, keys, random tokens', () => {
  const image = pngLike(64 * 1024).toString('base64');
  assert.deepEqual(decodeBase64(image), { value: image, changed: false });
  assert.equal(decodeBase64('sk_live_4eC39HqLyjWDarjtT1zdp7dc').changed, false);
  assert.equal(decodeBase64('Administrator1').changed, false);
  assert.equal(decodeBase64(Buffer.alloc(32, 7).toString('base64')).changed, false);
});

test('words, numbers, hex ids and UUIDs are not base64 candidates', () => {
  for (const value of ['Congratulations', 'internationalization', '12345678901234', 'd41d8cd98f00b204e9800998ecf8427e',
    '550e8400-e29b-41d4-a716-446655440000', 'ABCDEFGHIJKLMNOP', 'hello world foo', 'user@example.com', 'short1A']) {
    assert.equal(isPlausibleBase64(value), false, value);
    assert.equal(decodeBase64(value).changed, false, value);
  }
});

test('alphabet, padding and length rules', () => {
  assert.equal(isPlausibleBase64('JyBvciAxPTEtLQ=='), true);
  assert.equal(isPlausibleBase64('JyBvciAxPTEtLQ='), false, 'padded but not a multiple of four');
  assert.equal(isPlausibleBase64('JyBvciAx=PTEtLQ='), false, 'padding inside');
  assert.equal(isPlausibleBase64('JyBvciAxPTEtL'), false, '4n+1 characters: no encoding produces that');
  assert.equal(isPlausibleBase64('ab+cd_efGH12'), false, 'both alphabets');
  assert.equal(isPlausibleBase64('JyBvciAxPTE==='), false, 'three padding characters');
});

test('long text is decoded only up to the cap', () => {
  const text = 'a benign paragraph. '.repeat(5000);
  const decoded = decodeBase64(Buffer.from(text).toString('base64'));
  assert.equal(decoded.changed, true);
  assert.ok(decoded.value.length <= MAX_BASE64_DECODED_BYTES);
  assert.ok(decoded.value.length > MAX_BASE64_DECODED_BYTES - 4);
  assert.ok(text.startsWith(decoded.value));
});

test('adversarial near-matches simply complete', () => {
  assert.equal(decodeBase64('Aa'.repeat(50_000)).changed, false);
  assert.equal(decodeBase64('Aa0'.repeat(50_000) + '!').changed, false);
  assert.equal(decodeBase64('data:' + ';'.repeat(50_000)).changed, false);
  assert.equal(decodeBase64('data:x;base64,' + 'QUFB'.repeat(50_000)).value.length, MAX_BASE64_DECODED_BYTES - 1);
});

test('short values (4 to 11 characters) decode only to text with syntax in it, canonically encoded', () => {
  assert.equal(decodeBase64('fCBpZA==').value, '| id');
  assert.equal(decodeBase64('JChpZCk=').value, '$(id)');
  assert.equal(decodeBase64('YGlkYA==').value, '`id`');
  assert.equal(decodeBase64('JHs3Kjd9').value, '${7*7}');
  assert.equal(decodeBase64('Cmlk').value, '\nid');
  assert.equal(decodeBase64('Jy0t').value, "'--");
  for (const value of ['city', 'filter', 'admin123', 'SUMMER25', 'test', 'Jane', 'device', 'TSHIRT-BLU-M', 'abc', 'Zm9v', 'aGVsbG8=']) {
    assert.equal(decodeBase64(value).changed, false, value);
  }
  assert.equal(decodeBase64('Jy0=').value, "'-", 'canonical');
  assert.equal(decodeBase64('Jy1=').changed, false, 'unused bits set: no encoder writes that');
  assert.equal(decodeBase64('fCBpZA').value, '| id', 'unpadded, canonical');
  assert.equal(decodeBase64('fCBpZB').changed, false, 'unpadded with unused bits set');
});

test('vertical tab and form feed count as text: they are SQL and JS whitespace', () => {
  const payload = "1'\u000bOR\u000b1=1-- -";
  assert.equal(decodeBase64(Buffer.from(payload).toString('base64')).value, payload);
});

test('the fast-path tests are necessary conditions of decodeBase64 (never reject what it decodes)', () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_';
  let state = 11;
  const next = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state;
  };
  const samples: string[] = [];
  for (let iteration = 0; iteration < 20_000; iteration++) {
    let value = '';
    const length = 2 + (next() % 30);
    for (let index = 0; index < length; index++) value += alphabet[next() % alphabet.length];
    samples.push(value);
  }
  for (const text of ['| id', '$(id)', '\nid', "' or 1=1--", '<svg>', 'é;ls', '${7*7}', '../x']) samples.push(Buffer.from(text).toString('base64'), Buffer.from(text).toString('base64url'));
  let decoded = 0;
  for (const value of samples) {
    if (!decodeBase64(value).changed) continue;
    decoded++;
    assert.equal(startsLikeBase64Text(value), true, value);
    if (value.length < 27) assert.equal(isShortBase64TextStart(value), true, value);
  }
  assert.ok(decoded >= 12, `${decoded} decoded`);
});
