import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSchemaLearner, restoreSchemaLearner } from './schema-learner.js';
import type { LearnerState } from './schema-learner.js';

function stateOf(values: readonly unknown[], options = {}): LearnerState {
  const learner = createSchemaLearner(options);
  for (const value of values) learner.add(value);
  return JSON.parse(JSON.stringify(learner.toJSON())) as LearnerState;
}

const sample = stateOf([{ id: 1, tags: ['a'], nested: { ok: true } }, { id: 2.5, tags: [], nested: null }]);

test('the state is plain JSON with readable fields', () => {
  assert.deepEqual(sample.root.types, { object: 2 });
  assert.deepEqual(sample.root.object?.properties.map(([key, seen]) => [key, seen]), [['id', 2], ['tags', 2], ['nested', 2]]);
  const [, , id] = sample.root.object.properties[0]!;
  assert.deepEqual({ types: id.types, minimum: id.minimum, maximum: id.maximum }, { types: { integer: 1, number: 1 }, minimum: 1, maximum: 2.5 });
});

/** Each corruption sets one place of a copy of the sample state (a path of keys and indexes) to a bad value. */
const CORRUPTIONS: [string, (string | number)[], unknown][] = [
  ['not an object', ['root'], 'x'],
  ['unknown version', ['version'], 2],
  ['negative count', ['root', 'count'], -1],
  ['fractional count', ['root', 'types', 'object'], 1.5],
  ['type counts do not add up', ['root', 'types', 'object'], 3],
  ['property seen more often than its object', ['root', 'object', 'properties', 0, 1], 5],
  ['repeated property', ['root', 'object', 'properties', 3], structuredClone(sample.root.object!.properties[0])],
  ['malformed property entry', ['root', 'object', 'properties', 3], ['x']],
  ['non-finite bound', ['root', 'object', 'properties', 0, 2, 'minimum'], 'low'],
  ['minimum above maximum', ['root', 'object', 'properties', 0, 2, 'minimum'], 99],
  ['minItems above maxItems', ['root', 'object', 'properties', 1, 2, 'array', 'minItems'], 9],
  ['malformed formats', ['root', 'object', 'properties', 1, 2, 'array', 'items', 'strings', 'formats'], 'uuid'],
  ['malformed enum values', ['root', 'object', 'properties', 1, 2, 'array', 'items', 'strings', 'values'], [['a', 0]]],
  ['limits that are not integers', ['limits', 'maxNodes'], 'many'],
];

function corrupted(path: readonly (string | number)[], value: unknown): unknown {
  const state = structuredClone(sample) as unknown;
  let parent = state as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return state;
}

test('a corrupt state is refused with a TypeError, whatever is wrong', () => {
  assert.doesNotThrow(() => restoreSchemaLearner(structuredClone(sample)));
  for (const [name, path, value] of CORRUPTIONS) assert.throws(() => restoreSchemaLearner(corrupted(path, value)), TypeError, name);
});

test('a state larger than its limits is refused, so a stored state cannot grow memory', () => {
  const wide = stateOf([{ a: 1, b: 2, c: 3 }]);
  assert.throws(() => restoreSchemaLearner({ ...wide, limits: { ...wide.limits, maxNodes: 2 } }), TypeError);
  assert.throws(() => restoreSchemaLearner({ ...wide, limits: { ...wide.limits, maxProperties: 2 } }), TypeError);
  const deep = stateOf([{ a: { b: { c: 1 } } }]);
  assert.throws(() => restoreSchemaLearner({ ...deep, limits: { ...deep.limits, maxDepth: 2 } }), TypeError);
  assert.doesNotThrow(() => restoreSchemaLearner(deep));
  const inflated = { ...wide, limits: { ...wide.limits, maxNodes: 1e12 } };
  assert.throws(() => restoreSchemaLearner(inflated, { limits: { maxNodes: 3 } }), TypeError, 'the caller pins the limits');
  assert.equal(restoreSchemaLearner(inflated, { limits: { maxNodes: 4 } }).toJSON().limits.maxNodes, 4);
});

test('sensitivity survives a restore, and a restore-time rule can add more', () => {
  const values = Array.from({ length: 40 }, (_, index) => ({ apiKey: index % 2 ? 'k1' : 'k2', plan: index % 2 ? 'free' : 'pro' }));
  const state = stateOf(values);
  assert.equal(JSON.stringify(state).includes('k1'), false);
  const restored = restoreSchemaLearner(state, { isSensitive: (pointer) => pointer === '/plan' });
  assert.deepEqual(restored.toSchema().properties, { apiKey: { type: 'string' }, plan: { type: 'string' } });
  assert.equal(JSON.stringify(restored.toJSON()).includes('free'), false, 'values of a location made sensitive are dropped');
});
