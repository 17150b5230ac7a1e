import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSchemaLearner, restoreSchemaLearner } from './schema-learner.js';
import type { LearnerState } from './schema-learner.js';
import type { JsonSchema } from './json-schema.js';

const learn = (values: readonly unknown[], options = {}) => {
  const learner = createSchemaLearner(options);
  for (const value of values) learner.add(value);
  return learner;
};

const users = Array.from({ length: 40 }, (_, index) => ({
  id: `3fa85f64-5717-4562-b3fc-2c963f66a${String(index).padStart(3, '0')}`,
  email: `user${index}@example.com`,
  status: index % 4 === 0 ? 'suspended' : 'active',
  createdAt: `2024-03-${String((index % 28) + 1).padStart(2, '0')}T10:20:30Z`,
  score: index % 3 === 0 ? 4.5 : index,
  nickname: index % 5 === 0 ? null : `nick${index}`,
  ...(index % 2 === 0 ? { phone: '+1 555 0100' } : {}),
  address: { city: 'Paris', zip: '75001', geo: { lat: 48.85, lng: 2.35 } },
  roles: index % 2 === 0 ? ['admin', 'editor'] : [],
  orders: [{ orderId: index, total: 10.5, lines: [{ sku: 'A-1', qty: 2 }] }],
}));

test('a realistic user body: types, formats, enums, nullables, optional fields, nesting', () => {
  const schema = learn(users).toSchema();
  assert.deepEqual(schema, {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      email: { type: 'string', format: 'email' },
      status: { type: 'string', enum: ['active', 'suspended'] },
      createdAt: { type: 'string', format: 'date-time' },
      score: { type: 'number' },
      nickname: { type: ['string', 'null'] },
      phone: { type: 'string' },
      address: {
        type: 'object',
        properties: {
          city: { type: 'string', enum: ['Paris'] },
          zip: { type: 'string', enum: ['75001'] },
          geo: { type: 'object', properties: { lat: { type: 'number' }, lng: { type: 'number' } }, required: ['lat', 'lng'] },
        },
        required: ['city', 'geo', 'zip'],
      },
      roles: { type: 'array', items: { type: 'string', enum: ['admin', 'editor'] } },
      orders: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            orderId: { type: 'integer' },
            total: { type: 'number' },
            lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string', enum: ['A-1'] }, qty: { type: 'integer' } }, required: ['qty', 'sku'] } },
          },
          required: ['lines', 'orderId', 'total'],
        },
      },
    },
    required: ['address', 'createdAt', 'email', 'id', 'nickname', 'orders', 'roles', 'score', 'status'],
  });
});

test('conflicting types become a oneOf of per-type branches; null joins as its own branch', () => {
  const schema = learn([{ v: 'a' }, { v: { x: 1 } }, { v: null }, { v: 2 }, { v: true }, { v: [1] }]).toSchema();
  assert.deepEqual(schema.properties?.v, {
    oneOf: [
      { type: 'boolean' },
      { type: 'integer' },
      { type: 'string' },
      { type: 'array', items: { type: 'integer' } },
      { type: 'object', properties: { x: { type: 'integer' } }, required: ['x'] },
      { type: 'null' },
    ],
  });
});

test('integer and number merge into number; only nulls give type null; nothing seen gives {}', () => {
  assert.deepEqual(learn([1, 2.5, 3]).toSchema(), { type: 'number' });
  assert.deepEqual(learn([1, 2, 3]).toSchema(), { type: 'integer' });
  assert.deepEqual(learn([null]).toSchema(), { type: 'null' });
  assert.deepEqual(learn([]).toSchema(), {});
  assert.deepEqual(learn([[], []]).toSchema(), { type: 'array' });
  assert.deepEqual(learn([{}]).toSchema(), { type: 'object', properties: {} });
});

test('a format is kept only when every value agrees', () => {
  assert.deepEqual(learn(['a@example.com', 'b@example.org']).toSchema(), { type: 'string', format: 'email' });
  assert.deepEqual(learn(['a@example.com', 'not an email']).toSchema(), { type: 'string' });
  assert.deepEqual(learn(['2024-01-01', '2024-01-01T00:00:00Z']).toSchema(), { type: 'string' });
  assert.deepEqual(learn(['10.0.0.1', '::1']).toSchema(), { type: 'string' });
});

test('a nullable enum lists null, so null values stay valid', () => {
  const values = Array.from({ length: 60 }, (_, index) => (index % 3 === 0 ? null : index % 3 === 1 ? 'on' : 'off'));
  assert.deepEqual(learn(values).toSchema(), { type: ['string', 'null'], enum: ['off', 'on', null] });
});

test('statistics are emitted only with withStatistics', () => {
  const learner = learn([{ n: 3, s: 'ab', a: [1] }, { n: -1.5, s: 'abcd', a: [1, 2, 3] }]);
  assert.deepEqual(learner.toSchema({ withStatistics: true }).properties, {
    n: { type: 'number', minimum: -1.5, maximum: 3 },
    s: { type: 'string', minLength: 2, maxLength: 4 },
    a: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 3 }, minItems: 1, maxItems: 3 },
  });
  assert.deepEqual(learner.toSchema().properties?.n, { type: 'number' });
});

test('sensitive locations never emit values: by name by default, by caller rule, and everything below', () => {
  const bodies = Array.from({ length: 40 }, (_, index) => ({ password: index % 2 ? 'hunter2' : 'letmein', pin: 1234, card: { kind: index % 2 ? 'visa' : 'amex' }, plan: index % 2 ? 'free' : 'pro' }));
  const learner = learn(bodies, { keepExamples: true });
  const all = { withStatistics: true, example: (_pointer: string, value: unknown) => value as string };
  const schema = learner.toSchema(all);
  assert.deepEqual(schema.properties?.password, { type: 'string', minLength: 7, maxLength: 7 });
  assert.deepEqual(schema.properties?.pin, { type: 'integer' });
  assert.deepEqual((schema.properties?.plan as JsonSchema).enum, ['free', 'pro']);
  assert.deepEqual((schema.properties?.plan as JsonSchema).examples, ['pro']);
  const hidden = learner.toSchema({ ...all, isSensitive: (pointer) => pointer === '/card' || pointer === '/plan' });
  assert.deepEqual(hidden.properties?.card, { type: 'object', properties: { kind: { type: 'string', minLength: 4, maxLength: 4 } }, required: ['kind'] });
  assert.deepEqual(hidden.properties?.plan, { type: 'string', minLength: 3, maxLength: 4 });
  const state = JSON.stringify(learner.toJSON());
  assert.equal(state.includes('hunter2') || state.includes('letmein') || state.includes('1234'), false, 'no secret in the stored state');
});

test('examples are emitted only with a policy, masked by it, and only when the learner kept them', () => {
  const bodies = [{ name: 'Ada', age: 36 }];
  assert.equal(learn(bodies).toSchema({ example: (_pointer, value) => value }).properties?.name !== undefined, true);
  assert.equal((learn(bodies).toSchema({ example: (_pointer, value) => value }).properties?.name as JsonSchema).examples, undefined);
  const kept = learn(bodies, { keepExamples: true });
  assert.equal((kept.toSchema().properties?.name as JsonSchema).examples, undefined, 'no policy, no examples');
  const masked = kept.toSchema({ example: (pointer, value) => (pointer === '/name' ? 'A***' : value) });
  assert.deepEqual(masked.properties, { name: { type: 'string', examples: ['A***'] }, age: { type: 'integer', examples: [36] } });
});

test('persistence: toJSON → restore gives the same schema and keeps learning the same way', () => {
  const learner = learn(users.slice(0, 20));
  const restored = restoreSchemaLearner(JSON.parse(JSON.stringify(learner.toJSON())));
  assert.deepEqual(restored.toSchema({ withStatistics: true }), learner.toSchema({ withStatistics: true }));
  for (const user of users.slice(20)) {
    learner.add(user);
    restored.add(user);
  }
  assert.deepEqual(restored.toJSON(), learner.toJSON());
  assert.equal(restored.count, 40);
});

test('merge equals learning all values in one learner, for learners and stored states alike', () => {
  const left = learn(users.slice(0, 15));
  const right = learn(users.slice(15));
  const fromState = learn(users.slice(0, 15));
  left.merge(right);
  fromState.merge(JSON.parse(JSON.stringify(right.toJSON())) as LearnerState);
  const whole = learn(users);
  assert.deepEqual(left.toJSON(), whole.toJSON());
  assert.deepEqual(fromState.toJSON(), whole.toJSON());
  const self = learn(users.slice(0, 2));
  self.merge(self);
  assert.deepEqual(self.toJSON(), learn([...users.slice(0, 2), ...users.slice(0, 2)]).toJSON());
});

test('invalid limits are refused', () => {
  assert.throws(() => createSchemaLearner({ maxNodes: 0 }), TypeError);
  assert.throws(() => createSchemaLearner({ maxDepth: 1.5 }), TypeError);
  assert.doesNotThrow(() => createSchemaLearner({ maxNodes: undefined }));
});
