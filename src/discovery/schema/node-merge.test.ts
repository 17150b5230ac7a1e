import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { isIdLikeKey } from './node-merge.js';
import { createSchemaLearner } from './schema-learner.js';

test('id-like keys: numbers, dates, addresses, emails, uuids, hex digests', () => {
  for (const key of ['42', '2024-01-01', '10.0.0.1', 'a@b.c', randomUUID(), 'deadbeef01', '2001:db8::1']) assert.equal(isIdLikeKey(key), true, key);
  for (const key of ['name', 'address2', 'line_1', 'cafe', 'deadbeef', 'v1', '', '-']) assert.equal(isIdLikeKey(key), false, key);
});

test('an object keyed by ids becomes a map: 10,000 ids do not make 10,000 properties', () => {
  const learner = createSchemaLearner();
  for (let batch = 0; batch < 100; batch++) {
    const byId: Record<string, unknown> = {};
    for (let index = 0; index < 100; index++) byId[randomUUID()] = { name: `n${index}`, count: index };
    learner.add({ users: byId });
  }
  assert.ok(learner.nodeCount < 10, `${learner.nodeCount} nodes`);
  assert.deepEqual(learner.toSchema().properties?.users, {
    type: 'object',
    additionalProperties: { type: 'object', properties: { name: { type: 'string' }, count: { type: 'integer' } }, required: ['count', 'name'] },
  });
});

test('past maxProperties, an object with ordinary keys becomes a map too', () => {
  const learner = createSchemaLearner({ maxProperties: 5 });
  learner.add(Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`field${String.fromCharCode(97 + index)}`, index])));
  assert.deepEqual(Object.keys(learner.toSchema().properties ?? {}).length, 5);
  learner.add({ fieldz: 'text' });
  assert.deepEqual(learner.toSchema(), { type: 'object', additionalProperties: { oneOf: [{ type: 'integer' }, { type: 'string' }] } });
  assert.equal(learner.nodeCount, 2, 'the per-key nodes were folded and freed');
});

test('a map that had a sensitive key keeps no values', () => {
  const learner = createSchemaLearner({ maxProperties: 2 });
  for (let round = 0; round < 40; round++) learner.add({ token: 'abc', mode: 'x', other: 'y' });
  assert.deepEqual(learner.toSchema(), { type: 'object', additionalProperties: { type: 'string' } });
});

test('memory stays bounded: 100,000 varied samples keep the node count under maxNodes', () => {
  const learner = createSchemaLearner({ maxNodes: 500 });
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let index = 0; index < 100_000; index++) {
    const wide: Record<string, unknown> = {};
    for (let key = 0; key < 5; key++) wide[`k${Math.floor(next() * 1e6)}x`] = { deep: { [`d${Math.floor(next() * 1e4)}q`]: [next()] } };
    learner.add({ id: index, wide, text: `t${next()}`, list: Array.from({ length: Math.floor(next() * 80) }, () => ({ [`f${Math.floor(next() * 300)}z`]: 1 })) });
  }
  assert.ok(learner.nodeCount <= 500, `${learner.nodeCount} nodes`);
  const state = JSON.stringify(learner.toJSON());
  assert.ok(state.length < 200_000, `state of ${state.length} bytes`);
  assert.equal(learner.count, 100_000);
});

test('merging a map into an object with properties, and properties into a map, folds them alike', () => {
  const ids = Array.from({ length: 12 }, (_, index) => String(1000 + index));
  const asMap = createSchemaLearner();
  asMap.add(Object.fromEntries(ids.map((id) => [id, { a: 1 }])));
  const asObject = createSchemaLearner();
  asObject.add({ 7: { a: 'x' } });
  const whole = createSchemaLearner();
  whole.add({ 7: { a: 'x' } });
  whole.add(Object.fromEntries(ids.map((id) => [id, { a: 1 }])));
  asObject.merge(asMap);
  assert.deepEqual(asObject.toJSON(), whole.toJSON());
  assert.deepEqual(asObject.toSchema(), { type: 'object', additionalProperties: { type: 'object', properties: { a: { oneOf: [{ type: 'integer' }, { type: 'string' }] } }, required: ['a'] } });
});
