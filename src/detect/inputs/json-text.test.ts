import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFieldSink, type FieldSink } from './field-sink.js';
import { walkJson } from './json.js';
import { extractJsonText, type JsonTextOutcome } from './json-text.js';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './limits.js';
import { profileOf } from '../text-profile.js';

type Row = [string, string, boolean, string];

function scan(body: string | Buffer, limits: Partial<ExtractLimits> = {}): { outcome: JsonTextOutcome; rows: Row[]; sink: FieldSink } {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const sink = createFieldSink({ ...DEFAULT_EXTRACT_LIMITS, ...limits });
  const outcome = extractJsonText(sink, bytes, bytes.toString('utf8'));
  for (const field of sink.fields) assert.deepEqual([field.kind, field.source], ['body', 'json']);
  return { outcome, rows: sink.fields.map((field) => [field.location, field.name, field.isName, field.value]), sink };
}

/** What walkJson makes of JSON.parse's value: the reference the scan must agree with. */
function walked(text: string, limits: Partial<ExtractLimits> = {}): Row[] {
  const sink = createFieldSink({ ...DEFAULT_EXTRACT_LIMITS, ...limits });
  walkJson(sink, JSON.parse(text), 'body.$', '', 'body', 'json');
  return sink.fields.map((field) => [field.location, field.name, field.isName, field.value]);
}

test('the fields of walkJson over the parsed value, in document order', () => {
  const text = JSON.stringify({ user: { name: "Maria O'Brien", age: 41, admin: false, tags: ['a', 'b'], manager: null }, items: [{ sku: 'X-1', qty: 2.5e-3 }], 'first name': 'Ann', 'x.y': ['', 'z'] });
  const { outcome, rows } = scan(text);
  assert.equal(outcome, 'extracted');
  assert.deepEqual(rows, walked(text));
});

test('escapes are undone as JSON.parse does, in keys and values; non-ASCII bodies keep their characters', () => {
  const text = '{"say \\"hi\\"":"a\\u0027b\\n\\\\","caf\\u00e9":"\\ud83d\\ude00","é":"日本語 ✓","k":"\\/"}';
  const { outcome, rows } = scan(text);
  assert.equal(outcome, 'extracted');
  assert.deepEqual(rows, walked(text));
  assert.deepEqual(rows.map((row) => row[3]), ['say "hi"', "a'b\n\\", 'café', '😀', 'é', '日本語 ✓', 'k', '/']);
});

test('each string carries its character profile from the scan, or -1 where an escape changed its characters', () => {
  const text = String.raw`{"orderId":"ORD-1","note":"it's <b>50%</b>; a|b & c$","café":"naïve ✓","ctl\n":"x\u0027y","":"","n":12}`;
  const { sink } = scan(text);
  assert.equal(sink.fields.filter((field) => field.location.includes('ctl')).length, 2);
  for (const field of sink.fields) {
    const escaped = field.location.includes('ctl');
    assert.equal(field.profile, escaped ? -1 : profileOf(field.value), field.location);
  }
});

test('a byte order mark is skipped; whitespace of every JSON kind is allowed between tokens', () => {
  assert.deepEqual(scan('\ufeff{"a":"b"}').rows, [['body.$.a#name', 'a', true, 'a'], ['body.$.a', 'a', false, 'b']]);
  const pretty = JSON.stringify({ a: ['x', { b: 'y' }], c: 1 }, null, '\t').replaceAll('\n', '\r\n');
  assert.deepEqual(scan(pretty).rows, walked(pretty));
});

test('a root string, array or scalar', () => {
  assert.deepEqual(scan('"<script>"').rows, [['body.$', '', false, '<script>']]);
  assert.deepEqual(scan('["a",["b"],[],{}]').rows, [['body.$[0]', '', false, 'a'], ['body.$[1][0]', '', false, 'b']]);
  assert.deepEqual(scan(' 42 ').rows, []);
  assert.equal(scan('null').outcome, 'extracted');
});

test('every value of a repeated key is a field (JSON.parse keeps only the last)', () => {
  assert.deepEqual(scan('{"role":"user","role":"admin"}').rows.filter((row) => !row[2]).map((row) => row[3]), ['user', 'admin']);
});

test('invalid JSON is refused as JSON.parse refuses it, and whatever was added is taken back', () => {
  const invalid = ['', ' ', '{', '{"a":}', '{"a" "b"}', '{"a":"b",}', '["a",]', '[01]', '[1.]', '[.5]', '[1e]', '[-]', '[+1]', '[tru]',
    '[nul]', '{a:"b"}', "{'a':'b'}", '{"a":"b"}x', '{"a":"b"}{}', '["a\\x41"]', '["\\u12"]', '["a\tb"]', '["a\nb"]', '"abc', '"abc\\"',
    '[1,,2]', '{"a":1 "b":2}', '[}', '{]', '{"a":"b"]', '[[1]', '{"a":"b"}}', 'NaN', '[Infinity]', '[-01]', '[1e+]', '["\\', '{"a":"b",'];
  for (const text of invalid) {
    assert.throws(() => JSON.parse(text), SyntaxError, text);
    const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
    sink.problems.push('before');
    const bytes = Buffer.from(text);
    assert.equal(extractJsonText(sink, bytes, bytes.toString('utf8')), 'invalid', text);
    assert.deepEqual([sink.fields, sink.problems, sink.charsLeft, sink.isFull, sink.truncated], [[], ['before'], DEFAULT_EXTRACT_LIMITS.maxTotalChars, false, false], text);
  }
  for (const text of ['[0,-0,1.5,-2e10,3E+2,4e-1,0.0e0]', '[true,false,null]', '{"":""}', '[]', '{}', ' [ { } , [ ] ] ']) {
    assert.equal(scan(text).outcome, 'extracted', text);
  }
});

test('a GraphQL-over-HTTP body is handed back untouched, root object or batch', () => {
  for (const text of ['{"variables":{"a":"x"},"query":"{ a }"}', '[{"query":"{ a }"}]', '[{"x":"1"},{"query":"{ b }"}]']) {
    const { outcome, rows } = scan(text);
    assert.deepEqual([outcome, rows], ['graphql', []], text);
  }
  for (const text of ['{"query":1}', '{"a":{"query":"{ a }"}}', '["query"]', '{"q":["query"]}', '[[{"query":"x"}]]']) {
    assert.equal(scan(text).outcome, 'extracted', text);
  }
});

test('past maxDepth locations stop growing and the cut is reported once; deep nesting needs no call stack', () => {
  const text = JSON.stringify({ a: { b: { c: { d: 'deep', e: ['x'] } } } });
  const { rows, sink } = scan(text, { maxDepth: 2 });
  assert.deepEqual(rows, walked(text, { maxDepth: 2 }));
  assert.deepEqual(sink.problems, ['nesting deeper than 2 levels: deeper values are located at their level-2 ancestor']);
  const nested = '['.repeat(100_000) + '"bottom"' + ']'.repeat(100_000);
  assert.deepEqual(scan(nested).rows, [[`body.$${'[0]'.repeat(64)}[...]`, '', false, 'bottom']]);
  assert.equal(scan('['.repeat(100_000)).outcome, 'invalid');
});

test('a full sink ends the scan and keeps what was added, as for a parsed body', () => {
  const { outcome, rows, sink } = scan(JSON.stringify({ list: Array.from({ length: 100 }, (_, index) => `v${index}`) }) + 'not json any more', { maxFields: 10 });
  assert.equal(outcome, 'extracted');
  assert.equal(rows.length, 10);
  assert.deepEqual(sink.problems, ['more than 10 inputs: the rest was not inspected']);
});

test('keys that are not identifiers are bracketed as walkJson does, long ones cut', () => {
  const text = JSON.stringify({ 'a b': '1', '9lives': '2', _id: '3', $ne: '4', ['k'.repeat(300)]: '5', ['k'.repeat(256)]: '6', 'ünï': '7' });
  assert.deepEqual(scan(text).rows, walked(text));
});

test('agrees with JSON.parse and walkJson on random documents (differential)', () => {
  let state = 7;
  const random = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
  const pieces = ['{', '}', '[', ']', '"', '"a"', '"b c"', '"\\u00e9"', '"\\n"', '"é"', ':', ',', ' ', '1', '-0.5e3', 'true', 'null', '\\', '\n', 'x'];
  let valid = 0;
  for (let iteration = 0; iteration < 3000; iteration++) {
    let text = '';
    const length = 1 + Math.floor(random() * 14);
    for (let index = 0; index < length; index++) text += pieces[Math.floor(random() * pieces.length)];
    let parsed: unknown;
    let isValid = true;
    try {
      parsed = JSON.parse(text);
    } catch {
      isValid = false;
    }
    const { outcome, rows } = scan(text);
    if (!isValid) {
      assert.equal(outcome, 'invalid', text);
      continue;
    }
    valid++;
    if (outcome === 'graphql') continue;
    assert.equal(outcome, 'extracted', text);
    // Document order and repeated keys aside, the same fields.
    const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
    walkJson(sink, parsed, 'body.$', '', 'body', 'json');
    const reference = sink.fields.map((field) => JSON.stringify([field.location, field.name, field.isName, field.value]));
    const mine = rows.map((row) => JSON.stringify(row));
    for (const row of reference) assert.ok(mine.includes(row), `${text}: ${row}`);
  }
  assert.ok(valid > 100, `only ${valid} valid documents drawn`);
});
