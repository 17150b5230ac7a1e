import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createScalarLearner, inferScalar, restoreScalarLearner } from './scalar-type.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, options?: { mode?: 'fast' | 'full' }) => Ajv2020;

test('a parameter is the narrowest type all its values read as', () => {
  assert.deepEqual(inferScalar(['1', '2', '30']), { type: 'integer' });
  assert.deepEqual(inferScalar(['1', '2.5']), { type: 'number' });
  assert.deepEqual(inferScalar(['true', 'false']), { type: 'boolean' });
  assert.deepEqual(inferScalar(['1', 'true']), { type: 'string' });
  assert.deepEqual(inferScalar(['1', '']), { type: 'string' }, 'an empty value is not an integer');
  assert.deepEqual(inferScalar(['007', '12']), { type: 'string' }, 'leading zeros: an identifier, not a number');
  assert.deepEqual(inferScalar([]), {});
});

test('formats, enums and statistics for string parameters', () => {
  assert.deepEqual(inferScalar(['3fa85f64-5717-4562-b3fc-2c963f66afa6']), { type: 'string', format: 'uuid' });
  assert.deepEqual(inferScalar(['2024-01-01', '2024-02-29']), { type: 'string', format: 'date' });
  const sorts = Array.from({ length: 40 }, (_, index) => (index % 2 ? 'asc' : 'desc'));
  assert.deepEqual(inferScalar(sorts), { type: 'string', enum: ['asc', 'desc'] });
  assert.deepEqual(inferScalar(['5', '50'], { withStatistics: true }), { type: 'integer', minimum: 5, maximum: 50 });
  assert.deepEqual(inferScalar(['ab', 'abcd'], { withStatistics: true }), { type: 'string', minLength: 2, maxLength: 4 });
});

test('a repeated parameter is an array of its values', () => {
  assert.deepEqual(inferScalar([['1', '2'], '3']), { type: 'array', items: { type: 'integer' } });
  assert.deepEqual(inferScalar([['a', 'b'], ['c']], { withStatistics: true }), { type: 'array', items: { type: 'string', minLength: 1, maxLength: 1 }, minItems: 1, maxItems: 2 });
  assert.deepEqual(inferScalar([[]]), { type: 'array', items: {} });
});

test('sensitive parameters (by name or flag) keep and emit no values', () => {
  const tokens = Array.from({ length: 40 }, (_, index) => (index % 2 ? '1111' : '2222'));
  const byName = createScalarLearner({ name: 'X-Api-Key', keepExamples: true });
  for (const token of tokens) byName.add(token);
  const output = { withStatistics: true, example: (_pointer: string, value: unknown) => value as string };
  assert.deepEqual(byName.toSchema(output), { type: 'integer' });
  assert.equal(JSON.stringify(byName.toJSON()).includes('1111'), false);
  const plain = createScalarLearner({ name: 'page', keepExamples: true });
  for (const token of tokens) plain.add(token);
  assert.deepEqual(plain.toSchema(output), { type: 'integer', minimum: 1111, maximum: 2222, examples: [2222] });
  assert.deepEqual(plain.toSchema({ ...output, isSensitive: () => true }), { type: 'integer' });
});

test('merge equals learning everything; state round-trips through JSON and is checked', () => {
  const values = ['1', '2', ['3', '4'], 'x@example.com', '5'];
  const whole = createScalarLearner();
  const left = createScalarLearner();
  const right = createScalarLearner();
  values.forEach((value, index) => {
    whole.add(value);
    (index < 2 ? left : right).add(value);
  });
  left.merge(right);
  assert.deepEqual(left.toJSON(), whole.toJSON());
  const restored = restoreScalarLearner(JSON.parse(JSON.stringify(whole.toJSON())));
  assert.deepEqual(restored.toJSON(), whole.toJSON());
  assert.equal(restored.count, 5);
  assert.throws(() => restoreScalarLearner({ ...whole.toJSON(), occurrences: -1 }), TypeError);
  assert.throws(() => restoreScalarLearner({ ...whole.toJSON(), version: 3 }), TypeError);
  const empty = restoreScalarLearner(JSON.parse(JSON.stringify(createScalarLearner().toJSON())));
  empty.add('7');
  assert.deepEqual(empty.toSchema({ withStatistics: true }), { type: 'integer', minimum: 7, maximum: 7 });
});

test('emitted parameter schemas accept their values under the contract stage coercion (coerceTypes: array)', () => {
  const ajv = addFormats(new Ajv2020({ strict: true, allowUnionTypes: true, coerceTypes: 'array' }), { mode: 'full' });
  const samples: (string | string[])[][] = [['1', '22'], ['1.5', '-3'], ['true'], ['007', 'abc'], [['1', '2'], '3'], ['2024-01-01'], ['1e3', '2']];
  for (const values of samples) {
    const validate = ajv.compile(inferScalar(values, { withStatistics: true }));
    for (const value of values) assert.equal(validate(value), true, `${JSON.stringify(value)}: ${ajv.errorsText(validate.errors)}`);
  }
});
