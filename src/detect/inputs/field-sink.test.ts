import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_LOCATION_NAME, addField, createFieldSink, locationName, note, report } from './field-sink.js';
import { DEFAULT_EXTRACT_LIMITS } from './limits.js';

test('fields are added whole; empty values are skipped without filling the sink', () => {
  const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
  assert.equal(addField(sink, 'query', 'query', 'query.q', 'q', false, 'x'), true);
  assert.equal(addField(sink, 'query', 'query', 'query.e', 'e', false, ''), true);
  assert.deepEqual(sink.fields, [{ kind: 'query', source: 'query', location: 'query.q', name: 'q', isName: false, value: 'x', profile: -1 }]);
  assert.equal(sink.truncated, false);
});

test('maxFields: the next field fills the sink and is refused; the problem is recorded once', () => {
  const sink = createFieldSink({ ...DEFAULT_EXTRACT_LIMITS, maxFields: 2 });
  for (let index = 0; index < 5; index++) addField(sink, 'query', 'query', 'query.a', 'a', false, 'v');
  assert.equal(sink.fields.length, 2);
  assert.equal(sink.isFull, true);
  assert.deepEqual(sink.problems, ['more than 2 inputs: the rest was not inspected']);
});

test('maxTotalChars: the value that crosses the budget is cut to it and the sink is full', () => {
  const sink = createFieldSink({ ...DEFAULT_EXTRACT_LIMITS, maxTotalChars: 5 });
  assert.equal(addField(sink, 'body', 'raw', 'body.raw', '', false, 'abc'), true);
  assert.equal(addField(sink, 'body', 'raw', 'body.raw', '', false, 'defgh'), false);
  assert.deepEqual(sink.fields.map((field) => field.value), ['abc', 'de']);
  assert.equal(addField(sink, 'body', 'raw', 'body.raw', '', false, 'z'), false);
});

test('report marks truncation, note does not; each problem once', () => {
  const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
  note(sink, 'read as text');
  note(sink, 'read as text');
  assert.equal(sink.truncated, false);
  report(sink, 'cut');
  assert.equal(sink.truncated, true);
  assert.deepEqual(sink.problems, ['read as text', 'cut']);
});

test('names in locations are cut to MAX_LOCATION_NAME', () => {
  assert.equal(locationName('short'), 'short');
  assert.equal(locationName('x'.repeat(MAX_LOCATION_NAME + 1)).length, MAX_LOCATION_NAME);
});

test('the sink keeps its own copy of the limits, of one shape whatever object was passed', () => {
  const frozen = createFieldSink(DEFAULT_EXTRACT_LIMITS);
  const spread = createFieldSink({ ...DEFAULT_EXTRACT_LIMITS, maxFields: 3 });
  assert.deepEqual(frozen.limits, DEFAULT_EXTRACT_LIMITS);
  assert.notEqual(frozen.limits, DEFAULT_EXTRACT_LIMITS);
  assert.deepEqual(Object.keys(frozen.limits), Object.keys(spread.limits));
  assert.equal(spread.limits.maxFields, 3);
});
