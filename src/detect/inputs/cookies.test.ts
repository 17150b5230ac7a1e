import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractCookies } from './cookies.js';
import { createFieldSink } from './field-sink.js';
import { DEFAULT_EXTRACT_LIMITS } from './limits.js';

function fields(rawHeaders: readonly string[]): [string, string, boolean, string][] {
  const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
  extractCookies(sink, rawHeaders);
  for (const field of sink.fields) assert.deepEqual([field.kind, field.source], ['cookie', 'cookie']);
  return sink.fields.map((field) => [field.location, field.name, field.isName, field.value]);
}

test('each cookie is a name and a value, split on `;` and trimmed; values keep their `=` and encoding', () => {
  assert.deepEqual(fields(['Cookie', 'session=eyJ1c2VyIjoxfQ==; theme=dark ;\tprefs=a=1&b=2; q=%27%20OR%201%3D1']), [
    ['cookie.session#name', 'session', true, 'session'],
    ['cookie.session', 'session', false, 'eyJ1c2VyIjoxfQ=='],
    ['cookie.theme#name', 'theme', true, 'theme'],
    ['cookie.theme', 'theme', false, 'dark'],
    ['cookie.prefs#name', 'prefs', true, 'prefs'],
    ['cookie.prefs', 'prefs', false, 'a=1&b=2'],
    ['cookie.q#name', 'q', true, 'q'],
    ['cookie.q', 'q', false, '%27%20OR%201%3D1'],
  ]);
});

test('a pair without `=` is a nameless value (RFC 6265bis); every Cookie header counts, whatever its case', () => {
  assert.deepEqual(fields(['cookie', '<script>alert(1)</script>', 'COOKIE', 'a=1', 'Set-Cookie', 'b=2']), [
    ['cookie.', '', false, '<script>alert(1)</script>'],
    ['cookie.a#name', 'a', true, 'a'],
    ['cookie.a', 'a', false, '1'],
  ]);
});

test('empty pairs, empty values and blank headers add nothing but names', () => {
  assert.deepEqual(fields(['Cookie', ';; ;', 'Cookie', 'x=; =y']), [
    ['cookie.x#name', 'x', true, 'x'],
    ['cookie.', '', false, 'y'],
  ]);
});

test('50 000 separators complete', () => {
  assert.deepEqual(fields(['Cookie', '; '.repeat(50_000)]), []);
  assert.equal(fields(['Cookie', 'a=b;'.repeat(50_000)]).length, DEFAULT_EXTRACT_LIMITS.maxFields);
});
