import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSchemaLearner } from './schema-learner.js';
import type { JsonSchema } from './json-schema.js';

test('long arrays: the first half of the cap, then evenly spaced items down to the tail', () => {
  const learner = createSchemaLearner({ maxArrayItems: 4 });
  // Indexes looked at in 100 items: 0, 1, then 2 + floor(k * 49): 2 and 51. A string at 51 is seen, one at 99 is not.
  learner.add(Array.from({ length: 100 }, (_, index) => (index === 51 ? 'tail' : index === 99 ? true : index)));
  assert.deepEqual(learner.toSchema(), { type: 'array', items: { oneOf: [{ type: 'integer' }, { type: 'string' }] } });
});

test('a huge sample is learned up to maxValuesPerSample values and counted as truncated', () => {
  const learner = createSchemaLearner({ maxValuesPerSample: 5 });
  learner.add({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 });
  assert.equal(learner.truncatedSamples, 1);
  // The root object used one value, so a..d were learned; e and f are not claimed present.
  assert.deepEqual(learner.toSchema().required, ['a', 'b', 'c', 'd']);
  learner.add({ a: 1 });
  assert.equal(learner.truncatedSamples, 1, 'small samples are not truncated');
  assert.equal(learner.count, 2);
});

test('objects and arrays past maxDepth are counted but not looked into (any content stays valid)', () => {
  const learner = createSchemaLearner({ maxDepth: 2 });
  learner.add({ a: { b: { c: 1 }, list: [[1]] } });
  assert.deepEqual(learner.toSchema(), {
    type: 'object',
    properties: { a: { type: 'object', properties: { b: { type: 'object' }, list: { type: 'array' } }, required: ['b', 'list'] } },
    required: ['a'],
  });
});

test('a depth-bomb (100,000 nested arrays) is walked to maxDepth only', () => {
  let bomb: unknown = 1;
  for (let depth = 0; depth < 100_000; depth++) bomb = [bomb];
  const learner = createSchemaLearner();
  learner.add(bomb);
  assert.equal(learner.nodeCount, 33);
});

test('undefined members are absent; values JSON cannot hold are ignored', () => {
  const learner = createSchemaLearner();
  learner.add({ a: 1, b: undefined, c: () => 1, d: Number.NaN, e: Symbol('x') });
  learner.add(undefined);
  assert.equal(learner.count, 1);
  assert.deepEqual(learner.toSchema(), { type: 'object', properties: { a: { type: 'integer' }, c: {}, d: {}, e: {} }, required: ['a', 'c', 'd', 'e'] });
});

test('out of nodes: new keys and items are not tracked, and the schema stays valid (no items, open object)', () => {
  const learner = createSchemaLearner({ maxNodes: 3 });
  learner.add({ a: 1, b: 2, c: [1], d: 4 });
  assert.equal(learner.nodeCount, 3);
  const schema = learner.toSchema();
  assert.deepEqual(Object.keys(schema.properties ?? {}), ['a', 'b']);
  assert.equal((schema.properties?.c as JsonSchema | undefined)?.items, undefined);
});

test('"__proto__" and other special keys are plain properties', () => {
  const learner = createSchemaLearner();
  learner.add(JSON.parse('{"__proto__": {"x": 1}, "constructor": "c", "toString": 1}'));
  const schema = learner.toSchema();
  assert.deepEqual(Object.keys(schema.properties ?? {}), ['__proto__', 'constructor', 'toString']);
  assert.equal(Object.getPrototypeOf(schema.properties), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(schema.properties, '__proto__')?.value, { type: 'object', properties: { x: { type: 'integer' } }, required: ['x'] });
});
