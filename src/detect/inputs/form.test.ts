import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFieldSink } from './field-sink.js';
import { extractForm } from './form.js';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './limits.js';

function extract(body: string, limits: Partial<ExtractLimits> = {}) {
  const sink = createFieldSink({ ...DEFAULT_EXTRACT_LIMITS, ...limits });
  extractForm(sink, Buffer.from(body, 'utf8'));
  for (const field of sink.fields) assert.deepEqual([field.kind, field.source], ['body', 'form']);
  return { rows: sink.fields.map((field) => [field.location, field.name, field.isName, field.value]), sink };
}

test('a login form: names and values located under body.form, still encoded with + for space', () => {
  assert.deepEqual(extract('username=admin%27--&password=x+OR+1%3D1&remember').rows, [
    ['body.form.username#name', 'username', true, 'username'],
    ['body.form.username', 'username', false, 'admin%27--'],
    ['body.form.password#name', 'password', true, 'password'],
    ['body.form.password', 'password', false, 'x+OR+1%3D1'],
    ['body.form.remember#name', 'remember', true, 'remember'],
  ]);
});

test('qs-style names reach the NoSQL and pollution detectors as names', () => {
  assert.deepEqual(extract('password[$ne]=1&constructor[prototype][admin]=1').rows.filter((row) => row[2] === true).map((row) => row[0]), [
    'body.form.password[$ne]#name',
    'body.form.constructor[prototype][admin]#name',
  ]);
});

test('a form beyond maxRawBytes is read up to it and reported', () => {
  const { rows, sink } = extract('a=1&b=2&c=3', { maxRawBytes: 7 });
  assert.deepEqual(rows.map((row) => row[3]), ['a', '1', 'b', '2']);
  assert.deepEqual(sink.problems, ['a form body larger than 7 bytes was inspected only up to that size']);
  assert.equal(sink.truncated, true);
});

test('raw UTF-8 (sent unencoded by some clients) is decoded', () => {
  assert.deepEqual(extract('city=Zürich').rows.at(-1), ['body.form.city', 'city', false, 'Zürich']);
});
