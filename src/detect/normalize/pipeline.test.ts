import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { profileOf } from '../text-profile.js';
import { decodeBase64 } from './base64.js';
import { MAX_INSPECTION_FORMS, decodeFully, inspectionForms, profiledInspectionForms } from './pipeline.js';

const base64 = (text: string): string => Buffer.from(text).toString('base64');

test('benign values come back as the only form, the very same string', () => {
  for (const value of ['hello', 'The quick brown fox jumps over it.', 'jane.doe@example.com', '2024-05-01T12:30:00Z',
    '550e8400-e29b-41d4-a716-446655440000', '42', '-17.5', 'O’Brien', 'Zoë', "O'Brien", 'a, b: c', '']) {
    const forms = inspectionForms(value, 'json');
    assert.equal(forms.length, 1, value);
    assert.equal(forms[0], value, value);
  }
});

test('a whole JWT is one form (the dots rule base64 out); a base64url JSON segment decodes to JSON as a second form', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
  assert.deepEqual(inspectionForms(jwt, 'header'), [jwt]);
  assert.deepEqual(inspectionForms('eyJpZCI6MTIzfQ', 'query'), ['eyJpZCI6MTIzfQ', '{"id":123}']);
});

test('double and triple URL encoding', () => {
  assert.deepEqual(inspectionForms('%253Cscript%253Ealert(1)%253C%252Fscript%253E', 'query'), ['<script>alert(1)</script>']);
  assert.deepEqual(inspectionForms('%25252e%25252e%25252fetc%25252fpasswd', 'path'), ['../etc/passwd']);
});

test('IIS %u forms, overlong UTF-8, double-encoded overlong, and %u2215 folded to a slash', () => {
  assert.deepEqual(inspectionForms('%u0027%u0020or%u00201=1--', 'query'), ["' or 1=1--"]);
  assert.deepEqual(inspectionForms('..%u2215..%u2215etc%u2215passwd', 'path'), ['../../etc/passwd']);
  assert.deepEqual(inspectionForms('%c0%ae%c0%ae%c0%af%e0%80%ae%e0%80%ae/etc', 'path'), ['../../etc']);
  assert.deepEqual(inspectionForms('%25c0%25ae%25c0%25ae%25c0%25afboot.ini', 'path'), ['../boot.ini']);
});

test('HTML entities, JS escapes and full-width forms', () => {
  assert.deepEqual(inspectionForms('&#x27; or 1=1--', 'json'), ["' or 1=1--"]);
  assert.deepEqual(inspectionForms('\\u0027 or 1=1--', 'json'), ["' or 1=1--"]);
  assert.deepEqual(inspectionForms('＜script＞alert(1)＜/script＞', 'json'), ['<script>alert(1)</script>']);
  assert.deepEqual(inspectionForms('%EF%BC%9Cscript%EF%BC%9E', 'query'), ['<script>']);
});

test('layers hidden in each other decode over passes', () => {
  assert.deepEqual(inspectionForms('&#37;27 or 1=1', 'json'), ["' or 1=1"], 'an entity hiding a percent escape');
  assert.deepEqual(inspectionForms('%26lt%3Bscript%26gt%3B', 'query'), ['<script>'], 'percent escapes hiding entities');
  assert.deepEqual(inspectionForms('\\u0026#x3C;svg\\u0026#x3E;', 'json'), ['<svg>'], 'a JS escape hiding an entity');
  assert.deepEqual(inspectionForms('sel%00ect', 'query'), ['select'], 'NUL dropped last');
});

test('plus is a space only in query strings and form bodies; JSON and XML strings are still percent-decoded', () => {
  assert.deepEqual(inspectionForms('1+union+select', 'query'), ['1 union select']);
  assert.deepEqual(inspectionForms('1+union+select', 'form'), ['1 union select']);
  assert.deepEqual(inspectionForms('a+b', 'json'), ['a+b']);
  assert.deepEqual(inspectionForms('2024-05-01T12:30:00+02:00', 'json'), ['2024-05-01T12:30:00+02:00']);
  assert.deepEqual(inspectionForms('%27%20or%201%3D1', 'xml'), ["' or 1=1"]);
  assert.deepEqual(inspectionForms('%2e%2e/', 'graphql'), ['../']);
});

test('base64 of an attack is a second form, decoded through the same chain', () => {
  const encoded = base64("' or 1=1--");
  assert.deepEqual(inspectionForms(encoded, 'json'), [encoded, "' or 1=1--"]);
  assert.deepEqual(inspectionForms(encodeURIComponent(encoded), 'query'), [encoded, "' or 1=1--"], 'percent-encoded base64');
  assert.deepEqual(inspectionForms(base64('%3Cscript%3E'), 'cookie')[1], '<script>');
  const svg = base64('<svg onload=alert(1)>'); // contains `+`: the raw query value is checked as well as the decoded one
  assert.deepEqual(inspectionForms(svg, 'query'), [svg.replaceAll('+', ' '), '<svg onload=alert(1)>']);
});

test('a PNG data URI and a base64 image are one form only', () => {
  const bytes = Buffer.alloc(4096, 0x9c);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  const uri = `data:image/png;base64,${bytes.toString('base64')}`;
  assert.deepEqual(inspectionForms(uri, 'json'), [uri]);
  assert.deepEqual(inspectionForms(bytes.toString('base64'), 'json'), [bytes.toString('base64')]);
  assert.deepEqual(inspectionForms('data:text/html;base64,PHNjcmlwdD4=', 'json'), ['data:text/html;base64,PHNjcmlwdD4=', '<script>']);
});

test('forms are distinct and at most MAX_INSPECTION_FORMS', () => {
  const encoded = base64('<b>x</b>');
  const forms = inspectionForms(encodeURIComponent(encoded), 'query');
  assert.ok(forms.length <= MAX_INSPECTION_FORMS);
  assert.equal(new Set(forms).size, forms.length);
  assert.deepEqual(forms, [encoded, '<b>x</b>']);
  // A raw `+` in a query string is a space to a server, yet many clients mean the plus: the raw value
  // is checked for base64 too.
  assert.deepEqual(inspectionForms(encoded, 'query'), [encoded.replace('+', ' '), '<b>x</b>']);
});

test('decoding is bounded: deeper chains stop, adversarial inputs simply complete', () => {
  let deep = '<';
  for (let i = 0; i < 20; i++) deep = encodeURIComponent(deep);
  assert.notEqual(decodeFully(deep, false), '<', 'twelve percent rounds at most (3 passes x 4)');
  assert.equal(inspectionForms('%25'.repeat(50_000), 'query').length, 1);
  assert.equal(inspectionForms('&#x26;'.repeat(50_000), 'json').length, 1);
  assert.equal(inspectionForms('\\u005c'.repeat(50_000), 'json').length, 1);
  assert.equal(inspectionForms('%c0%'.repeat(50_000), 'path').length, 1);
  assert.equal(inspectionForms('Aa0+'.repeat(50_000), 'query').length, 1);
  // The quiet test over long runs of its own classes, failing at the very end.
  assert.equal(inspectionForms('a.'.repeat(50_000) + '\u0000', 'json').length, 1);
  assert.equal(inspectionForms('Ab/'.repeat(50_000) + '%', 'json').length, 1);
  assert.equal(inspectionForms(' ,'.repeat(50_000) + '&', 'json').length, 1);
  assert.equal(inspectionForms('&amp'.repeat(50_000), 'json').length, 1);
});

test('full-width percent escapes fold and then decode in the next pass', () => {
  assert.deepEqual(inspectionForms('．％２ｅ／．％２ｅ／ｅｔｃ／ｐａｓｓｗｄ', 'json'), ['../../etc/passwd']);
  assert.deepEqual(inspectionForms('%EF%BC%8E%EF%BC%85%EF%BC%92%EF%BD%85%EF%BC%8F', 'path'), ['../']);
});

test('a Windows path is kept beside its JS-escape reading (`\\b` of `\\boot.ini` is not a backspace to a file API)', () => {
  assert.deepEqual(inspectionForms('C:\\boot.ini', 'json'), ['C:oot.ini', 'C:\\boot.ini']);
  assert.deepEqual(inspectionForms('C%253A%255Cboot.ini', 'path'), ['C:oot.ini', 'C:\\boot.ini']);
  assert.deepEqual(inspectionForms(base64('C:\\boot.ini'), 'json'), [base64('C:\\boot.ini'), 'C:oot.ini', 'C:\\boot.ini']);
  assert.deepEqual(inspectionForms('..\\..\\windows\\win.ini', 'query'), ['..\\..\\windows\\win.ini'], 'no letter escape: one form');
  assert.deepEqual(inspectionForms('\\u0027 or 1=1', 'json'), ["' or 1=1"], 'a \\u escape is no path');
});

test('short base64 of syntax is a second form; short words stay one form', () => {
  assert.deepEqual(inspectionForms('fCBpZA==', 'json'), ['fCBpZA==', '| id']);
  assert.deepEqual(inspectionForms('Cmlk', 'json'), ['Cmlk', '\nid']);
  assert.deepEqual(inspectionForms('MScLT1ILMT0xLS0gLQ==', 'xml'), ['MScLT1ILMT0xLS0gLQ==', "1' OR 1=1-- -"], 'VT decoded, then read as a space');
  for (const value of ['city', 'orderId', 'SUMMER25', 'pending', 'TSHIRT-BLU-M', 'device', 'en-GB', 'true']) assert.deepEqual(inspectionForms(value, 'json'), [value], value);
});

/** Values of every kind the fast path and the decoders tell apart. */
const SAMPLES = ['', 'a', 'orderId', 'ORD-2025-000123', '3f2c5a4e-8a1b-4c3d-9e8f-0a1b2c3d4e5f', 'Please leave it, thanks!', '+44 20 7946 0958',
  'https://x.example/?a=1&b=2', '%27%20or%201%3D1', '1+union+select', 'a+b', 'Zoë', '＜script＞', 'sel\u0000ect', 'C:\\boot.ini', 'fCBpZA==',
  base64("' or 1=1--"), 'data:text/html;base64,PHNjcmlwdD4=', 'eyJpZCI6MTIzfQ', '&#x27;', '\t\r\n', 'x'.repeat(40), 'A1b2'.repeat(10), 'Cmlk', '~^@?,'];

test('the profiled forms are the forms, each with profileOf of itself', () => {
  const profiles: number[] = [];
  let state = 5;
  const random = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state;
  };
  const pool = 'aZ09+/=_-.%&\\ \t\n,:;<>\'"é\u0000～';
  const values = [...SAMPLES];
  for (let index = 0; index < 2000; index++) {
    let value = '';
    for (let length = random() % 20; length > 0; length--) value += pool[random() % pool.length];
    values.push(value);
  }
  for (const value of values) {
    for (const source of ['json', 'query', 'form', 'path', 'header'] as const) {
      const forms = profiledInspectionForms(value, source, profiles);
      assert.deepEqual(forms, inspectionForms(value, source), value);
      forms.forEach((form, index) => assert.equal(profiles[index], profileOf(form), `${JSON.stringify(value)} form ${index}`));
    }
  }
});

test('the fast path adds a base64 form exactly when the decoder finds text', () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/=_-';
  let state = 3;
  for (let iteration = 0; iteration < 20_000; iteration++) {
    let value = '';
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    for (let length = 2 + (state % 24); length > 0; length--) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      value += alphabet[state % alphabet.length];
    }
    const forms = inspectionForms(value, 'json');
    assert.equal(forms[0], value);
    assert.equal(forms.length > 1, decodeBase64(value).changed, value);
  }
});
