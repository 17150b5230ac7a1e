import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValueBudget } from './json-budget.js';
import { formObject, isJsonMediaType, mediaTypeOf, sampleBody } from './sample-body.js';

const MiB = 1024 * 1024;
const plenty = () => createValueBudget(1_000_000);

test('mediaTypeOf keeps type/subtype, lowercased, without parameters', () => {
  assert.equal(mediaTypeOf('Application/JSON; charset=UTF-8'), 'application/json');
  assert.equal(mediaTypeOf(' text/plain '), 'text/plain');
  assert.equal(mediaTypeOf(undefined), '');
  assert.ok(isJsonMediaType('application/problem+json'));
  assert.ok(isJsonMediaType('application/vnd.api+json'));
  assert.ok(!isJsonMediaType('application/jsonl'));
  assert.ok(!isJsonMediaType('text/html'));
});

test('a JSON body is parsed; its size is the stated one, else the UTF-8 byte length', () => {
  assert.deepEqual(sampleBody({ contentType: 'application/json', text: '{"name":"Zoë"}' }, MiB, plenty()), {
    contentType: 'application/json', size: 15, value: { name: 'Zoë' },
  });
  assert.deepEqual(sampleBody({ contentType: 'application/json', text: '[1]', size: 99 }, MiB, plenty()), {
    contentType: 'application/json', size: 99, value: [1],
  });
  assert.deepEqual(sampleBody({ contentType: 'application/json', text: '\uFEFF{"a":1}' }, MiB, plenty()).value, { a: 1 });
});

test('a base64 body is decoded before parsing', () => {
  const text = Buffer.from('{"id":7}').toString('base64');
  assert.deepEqual(sampleBody({ contentType: 'application/json', text, isBase64: true }, MiB, plenty()), {
    contentType: 'application/json', size: 8, value: { id: 7 },
  });
});

test('invalid JSON, other media types and a missing text carry no value', () => {
  assert.deepEqual(sampleBody({ contentType: 'application/json', text: '{"a":' }, MiB, plenty()), { contentType: 'application/json', size: 5 });
  assert.deepEqual(sampleBody({ contentType: 'text/plain', text: 'hello' }, MiB, plenty()), { contentType: 'text/plain', size: 5 });
  assert.deepEqual(sampleBody({ contentType: 'application/json', size: 10 }, MiB, plenty()), { contentType: 'application/json', size: 10 });
  assert.deepEqual(sampleBody({ contentType: undefined, text: '{}' }, MiB, plenty()), { contentType: '', size: 2 });
  assert.deepEqual(sampleBody({ contentType: 'application/json', text: Buffer.from([0xff, 0xfe]).toString('latin1') }, MiB, plenty()).value, undefined);
});

test('a body over the cap is measured, not decoded, and says truncated', () => {
  const big = `[${'1,'.repeat(600)}1]`;
  assert.deepEqual(sampleBody({ contentType: 'application/json', text: big }, 1000, plenty()), {
    contentType: 'application/json', size: big.length, truncated: true,
  });
  const base64 = Buffer.alloc(1200).toString('base64');
  assert.deepEqual(sampleBody({ contentType: 'application/json', text: base64, isBase64: true }, 1000, plenty()), {
    contentType: 'application/json', size: 1200, truncated: true,
  });
  // Not a parsed type: nothing to cut, so no flag.
  assert.deepEqual(sampleBody({ contentType: 'text/plain', text: big }, 1000, plenty()), { contentType: 'text/plain', size: big.length });
});

test('the value budget is shared: once spent, further bodies say truncated', () => {
  const budget = createValueBudget(10);
  assert.deepEqual(sampleBody({ contentType: 'application/json', text: '[1,2,3,4,5]' }, MiB, budget).value, [1, 2, 3, 4, 5]);
  assert.equal(budget.remaining, 4);
  assert.equal(sampleBody({ contentType: 'application/json', text: '[1,2,3,4,5]' }, MiB, budget).truncated, true);
  assert.equal(budget.remaining, 4, 'a refused body takes nothing');
  assert.deepEqual(sampleBody({ contentType: 'application/json', text: '[1,2]' }, MiB, budget).value, [1, 2]);
  assert.equal(sampleBody({ contentType: 'application/x-www-form-urlencoded', text: 'a=1&b=2&c=3' }, MiB, budget).truncated, true);
});

test('a URL-encoded form becomes an object of strings, the first value of a name winning', () => {
  assert.deepEqual(sampleBody({ contentType: 'application/x-www-form-urlencoded; charset=utf-8', text: 'user=ada&pw=a+b%21&user=x&flag' }, MiB, plenty()), {
    contentType: 'application/x-www-form-urlencoded', size: 30, value: { user: 'ada', pw: 'a b!', flag: '' },
  });
  assert.deepEqual(sampleBody({ contentType: 'application/x-www-form-urlencoded', fields: [['a', '1'], ['a', '2']] }, MiB, plenty()).value, { a: '1' });
  assert.deepEqual(sampleBody({ contentType: 'application/x-www-form-urlencoded', text: 'bad=%E0%A4%A' }, MiB, plenty()).value, { bad: '\ufffd%A' });
});

test('formObject makes __proto__ and constructor plain own keys', () => {
  const form = formObject([['__proto__', 'x'], ['constructor', 'y']]);
  assert.deepEqual(Object.keys(form), ['__proto__', 'constructor']);
  assert.equal(Object.getPrototypeOf(form), Object.prototype);
  assert.equal(({} as Record<string, unknown>).x, undefined);
});

test('a JSON body nested deeper than the cap says truncated (consumers may recurse)', () => {
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  assert.deepEqual(sampleBody({ contentType: 'application/json', text: deep }, MiB, plenty()), { contentType: 'application/json', size: 20_000, truncated: true });
});
