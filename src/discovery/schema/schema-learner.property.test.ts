// Properties over random schemas: every emitted schema compiles in strict Ajv 2020 and accepts its
// training values; merging equals learning in one; a stored state restores to the same learner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createSchemaLearner, restoreSchemaLearner } from './schema-learner.js';
import type { SchemaLearnerOptions } from './schema-learner.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, options?: { mode?: 'fast' | 'full' }) => Ajv2020;

type Random = () => number;

/** mulberry32: small, seeded, good enough to pick shapes. */
function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const KEYS = ['id', 'name', 'status', '__proto__', 'constructor', 'a/b', 'x~y', '', 'émoji😀', 'createdAt', 'total', 'items', 'meta', '42'];
const TEXTS = ['', 'a', 'hello world', 'Ünïcödé', '😀😀', 'user:42', 'x'.repeat(70), 'line\nbreak'];
const FORMATTED: Record<string, (random: Random) => string> = {
  email: (random) => `user${Math.floor(random() * 1000)}@example.com`,
  uuid: (random) => `3fa85f64-5717-4562-b3fc-${String(Math.floor(random() * 1e12)).padStart(12, '0')}`,
  'date-time': (random) => new Date(1.7e12 + Math.floor(random() * 1e10)).toISOString(),
  date: (random) => new Date(1.7e12 + Math.floor(random() * 1e10)).toISOString().slice(0, 10),
  time: (random) => `${String(Math.floor(random() * 24)).padStart(2, '0')}:15:00Z`,
  ipv4: (random) => `10.0.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`,
  ipv6: (random) => `2001:db8::${Math.floor(random() * 65535).toString(16)}`,
  uri: (random) => `https://example.com/p/${Math.floor(random() * 1000)}`,
};

type Shape = (random: Random) => unknown;

/** A random generator of values: scalars, formats, enums, nullables, objects, arrays, id-keyed maps, unions. */
function randomShape(random: Random, depth: number): Shape {
  const kinds = depth >= 3 ? ['scalar', 'format', 'enum'] : ['scalar', 'format', 'enum', 'object', 'object', 'array', 'map', 'union'];
  switch (pick(random, kinds)) {
    case 'scalar': {
      const kind = pick(random, ['integer', 'mixed', 'boolean', 'text', 'null']);
      if (kind === 'integer') return (r) => Math.floor((r() - 0.5) * 1e6);
      if (kind === 'mixed') return (r) => (r() < 0.5 ? Math.floor(r() * 100) : r() * 100 - 50);
      if (kind === 'boolean') return (r) => r() < 0.5;
      if (kind === 'text') return (r) => pick(r, TEXTS);
      return () => null;
    }
    case 'format':
      return FORMATTED[pick(random, Object.keys(FORMATTED))]!;
    case 'enum': {
      const values = ['active', 'suspended', 'deleted'].slice(0, 1 + Math.floor(random() * 3));
      return (r) => pick(r, values);
    }
    case 'object': {
      const fields = Array.from({ length: 1 + Math.floor(random() * 5) }, () => ({ key: pick(random, KEYS), shape: randomShape(random, depth + 1), optional: random() < 0.3, nullable: random() < 0.2 }));
      return (r) => {
        const value: Record<string, unknown> = {};
        for (const field of fields) if (!field.optional || r() < 0.5) Object.defineProperty(value, field.key, { value: field.nullable && r() < 0.3 ? null : field.shape(r), enumerable: true, writable: true, configurable: true });
        return value;
      };
    }
    case 'array': {
      const items = randomShape(random, depth + 1);
      return (r) => Array.from({ length: Math.floor(r() * 6) }, () => items(r));
    }
    case 'map': {
      const values = randomShape(random, depth + 1);
      return (r) => Object.fromEntries(Array.from({ length: Math.floor(r() * 12) }, () => [String(Math.floor(r() * 1e6)), values(r)]));
    }
    default: {
      const shapes = [randomShape(random, depth + 1), randomShape(random, depth + 1)];
      return (r) => pick(r, shapes)(r);
    }
  }
}

interface Case {
  readonly seed: number;
  readonly values: unknown[];
  readonly options: SchemaLearnerOptions;
}

function randomCase(seed: number): Case {
  const random = seeded(seed);
  const shape = randomShape(random, 0);
  const values = Array.from({ length: 1 + Math.floor(random() * 60) }, () => JSON.parse(JSON.stringify(shape(random)) ?? 'null') as unknown);
  // Small caps on some seeds, so map switches and depth limits are exercised too.
  const options: SchemaLearnerOptions = random() < 0.3 ? { maxProperties: 3, maxIdLikeKeys: 2, maxDepth: 2 } : {};
  return { seed, values, options };
}

const SEEDS = Array.from({ length: 300 }, (_, index) => index + 1);

test('every emitted schema compiles in strict Ajv 2020 (full formats) and accepts all its training values', () => {
  // ownProperties: with Ajv's default, a property named "constructor" or "toString" is read from
  // Object.prototype when absent, and fails its type (an Ajv option the contract stage should set too).
  const ajv = addFormats(new Ajv2020({ strict: true, strictTypes: true, allowUnionTypes: true, ownProperties: true }), { mode: 'full' });
  for (const seed of SEEDS) {
    const { values, options } = randomCase(seed);
    const learner = createSchemaLearner(options);
    for (const value of values) learner.add(value);
    for (const output of [{}, { withStatistics: true, minEnumObservations: 2, minEnumValueCount: 1 }]) {
      const schema = learner.toSchema(output);
      const validate = ajv.compile(schema);
      for (const value of values) assert.equal(validate(value), true, `seed ${seed}: ${JSON.stringify(value)} against ${JSON.stringify(schema)}: ${ajv.errorsText(validate.errors)}`);
    }
  }
});

test('merging learners of any split equals one learner of everything (state, not just schema)', () => {
  for (const seed of SEEDS) {
    const { values, options } = randomCase(seed);
    const split = Math.floor(seeded(seed * 31)() * (values.length + 1));
    const left = createSchemaLearner(options);
    const right = createSchemaLearner(options);
    const whole = createSchemaLearner(options);
    values.forEach((value, index) => (index < split ? left : right).add(value));
    for (const value of values) whole.add(value);
    left.merge(right);
    assert.deepEqual(left.toJSON(), whole.toJSON(), `seed ${seed}, split at ${split}`);
  }
});

test('toJSON → JSON text → restore gives the same state and schema', () => {
  for (const seed of SEEDS) {
    const { values, options } = randomCase(seed);
    const learner = createSchemaLearner({ ...options, keepExamples: true });
    for (const value of values) learner.add(value);
    const restored = restoreSchemaLearner(JSON.parse(JSON.stringify(learner.toJSON())));
    assert.deepEqual(restored.toJSON(), learner.toJSON(), `seed ${seed}`);
    assert.deepEqual(restored.toSchema({ withStatistics: true }), learner.toSchema({ withStatistics: true }), `seed ${seed}`);
  }
});
