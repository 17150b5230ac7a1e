import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFieldSink } from './field-sink.js';
import { keySegment, parseJsonBody, walkJson } from './json.js';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './limits.js';

function walk(value: unknown, limits: Partial<ExtractLimits> = {}) {
  const sink = createFieldSink({ ...DEFAULT_EXTRACT_LIMITS, ...limits });
  walkJson(sink, value, 'body.$', '', 'body', 'json');
  for (const field of sink.fields) assert.deepEqual([field.kind, field.source], ['body', 'json']);
  return { rows: sink.fields.map((field) => [field.location, field.name, field.isName, field.value]), sink };
}

test('keys are names, strings are values, in document order; numbers, booleans and null are not fields', () => {
  const body = { user: { name: "Maria O'Brien", age: 41, admin: false, tags: ['a', 'b'], manager: null }, items: [{ sku: 'X-1', qty: 2 }] };
  assert.deepEqual(walk(body).rows, [
    ['body.$.user#name', 'user', true, 'user'],
    ['body.$.user.name#name', 'name', true, 'name'],
    ['body.$.user.name', 'name', false, "Maria O'Brien"],
    ['body.$.user.age#name', 'age', true, 'age'],
    ['body.$.user.admin#name', 'admin', true, 'admin'],
    ['body.$.user.tags#name', 'tags', true, 'tags'],
    ['body.$.user.tags[0]', 'tags', false, 'a'],
    ['body.$.user.tags[1]', 'tags', false, 'b'],
    ['body.$.user.manager#name', 'manager', true, 'manager'],
    ['body.$.items#name', 'items', true, 'items'],
    ['body.$.items[0].sku#name', 'sku', true, 'sku'],
    ['body.$.items[0].sku', 'sku', false, 'X-1'],
    ['body.$.items[0].qty#name', 'qty', true, 'qty'],
  ]);
});

test('operator keys such as $ne and __proto__ from JSON.parse are names at their path', () => {
  const body = parseJsonBody('{"username":{"$ne":null},"password":{"$regex":".*"},"__proto__":{"isAdmin":true}}');
  assert.ok(body.ok);
  assert.deepEqual(walk(body.value).rows, [
    ['body.$.username#name', 'username', true, 'username'],
    ['body.$.username.$ne#name', '$ne', true, '$ne'],
    ['body.$.password#name', 'password', true, 'password'],
    ['body.$.password.$regex#name', '$regex', true, '$regex'],
    ['body.$.password.$regex', '$regex', false, '.*'],
    ['body.$.__proto__#name', '__proto__', true, '__proto__'],
    ['body.$.__proto__.isAdmin#name', 'isAdmin', true, 'isAdmin'],
  ]);
});

test('keys that are not identifiers are bracketed and JSON-escaped, so a location reads back unambiguously', () => {
  assert.equal(keySegment('a b'), '["a b"]');
  assert.equal(keySegment('x.comment'), '["x.comment"]');
  assert.equal(keySegment('say "hi"'), '["say \\"hi\\""]');
  assert.equal(keySegment(''), '[""]');
  assert.equal(keySegment('9lives'), '["9lives"]');
  assert.equal(keySegment('_id'), '._id');
  assert.equal(keySegment('k'.repeat(300)), `["${'k'.repeat(256)}"]`);
  assert.deepEqual(walk({ 'first name': 'Ann' }).rows, [['body.$["first name"]#name', 'first name', true, 'first name'], ['body.$["first name"]', 'first name', false, 'Ann']]);
});

test('a root string or array of strings is located at body.$', () => {
  assert.deepEqual(walk('<script>').rows, [['body.$', '', false, '<script>']]);
  assert.deepEqual(walk(['a', ['b']]).rows, [['body.$[0]', '', false, 'a'], ['body.$[1][0]', '', false, 'b']]);
  assert.deepEqual(walk(42).rows, []);
});

test('parseJsonBody skips a byte order mark and reports invalid JSON', () => {
  assert.deepEqual(parseJsonBody('\ufeff{"a":"b"}'), { ok: true, value: { a: 'b' } });
  assert.deepEqual(parseJsonBody('{"a":'), { ok: false });
  assert.deepEqual(parseJsonBody(''), { ok: false });
});

test('past maxDepth, locations stop growing but deeper values are still fields; truncation is reported', () => {
  const { rows, sink } = walk({ a: { b: { c: { d: 'deep', e: ['x'] } } } }, { maxDepth: 2 });
  assert.deepEqual(rows, [
    ['body.$.a#name', 'a', true, 'a'],
    ['body.$.a.b#name', 'b', true, 'b'],
    ['body.$.a.b[...]#name', 'c', true, 'c'],
    ['body.$.a.b[...]#name', 'd', true, 'd'],
    ['body.$.a.b[...]', 'd', false, 'deep'],
    ['body.$.a.b[...]#name', 'e', true, 'e'],
    ['body.$.a.b[...]', 'e', false, 'x'],
  ]);
  assert.equal(sink.truncated, true);
  assert.match(sink.problems[0] ?? '', /deeper than 2 levels/);
});

test('nesting 100 000 levels deep is walked without recursion', () => {
  const text = '['.repeat(100_000) + '"bottom"' + ']'.repeat(100_000);
  const parsed = parseJsonBody(text);
  assert.ok(parsed.ok);
  const { rows } = walk(parsed.value);
  assert.deepEqual(rows, [[`body.$${'[0]'.repeat(64)}[...]`, '', false, 'bottom']]);
});

test('maxFields stops the walk and says so', () => {
  const { rows, sink } = walk({ list: Array.from({ length: 100 }, (_, index) => `v${index}`) }, { maxFields: 10 });
  assert.equal(rows.length, 10);
  assert.equal(sink.isFull, true);
  assert.equal(sink.truncated, true);
  assert.deepEqual(sink.problems, ['more than 10 inputs: the rest was not inspected']);
});

test('a value longer than maxFieldChars is cut; maxTotalChars bounds all values together', () => {
  const cut = walk({ image: 'A'.repeat(1000) }, { maxFieldChars: 100 });
  assert.equal(cut.rows[1]?.[3], 'A'.repeat(100));
  assert.deepEqual(cut.sink.problems, ['a value longer than 100 characters was cut']);
  const total = walk({ a: 'x'.repeat(60), b: 'y'.repeat(60), c: 'z' }, { maxTotalChars: 100 });
  assert.deepEqual(total.rows.map((row) => row[3]), ['a', 'x'.repeat(60), 'b', 'y'.repeat(38)]);
  assert.equal(total.sink.isFull, true);
});
