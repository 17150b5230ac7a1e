import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSchemas } from './schema-drift.js';
import { createSchemaLearner } from './schema-learner.js';
import type { JsonSchema } from './json-schema.js';

const learned = (values: readonly unknown[]): JsonSchema => {
  const learner = createSchemaLearner();
  for (const value of values) learner.add(value);
  return learner.toSchema();
};

/** An OpenAPI 3.0 response schema, as @readme/openapi-parser leaves it once dereferenced. */
const documentedUser: JsonSchema = {
  type: 'object',
  required: ['id', 'email'],
  properties: {
    id: { type: 'integer', format: 'int64' },
    email: { type: 'string', format: 'email' },
    nickname: { type: 'string', nullable: true },
    legacyCode: { type: 'string' },
    password: { type: 'string', writeOnly: true },
    tags: { type: 'array', items: { type: 'string' } },
  },
};

test('a body that follows its document has no drift', () => {
  const traffic = learned([{ id: 1, email: 'a@example.com', nickname: null, legacyCode: 'x', tags: ['a'] }, { id: 2, email: 'b@example.com', nickname: 'bee', legacyCode: 'y', tags: [] }]);
  assert.deepEqual(compareSchemas(documentedUser, traffic, '', { direction: 'response' }), []);
});

test('every kind of drift, with pointers into the data', () => {
  const traffic = learned([
    { id: 1.5, email: 'not-an-email', nickname: null, debug: true, tags: [1] },
    { id: 2, nickname: 'x', debug: false, tags: [] },
  ]);
  assert.deepEqual(compareSchemas(documentedUser, traffic, '', { direction: 'response' }), [
    { pointer: '/id', kind: 'type-mismatch', documented: 'integer', observed: 'number' },
    { pointer: '/email', kind: 'required-mismatch', documented: 'required', observed: 'optional' },
    { pointer: '/email', kind: 'format-mismatch', documented: 'email', observed: 'none' },
    { pointer: '/debug', kind: 'undocumented-field', observed: 'boolean' },
    { pointer: '/tags/*', kind: 'type-mismatch', documented: 'string', observed: 'integer' },
    { pointer: '/legacyCode', kind: 'never-seen-field', documented: 'string' },
  ]);
});

test('readOnly / writeOnly fields are not "never seen" in the direction they never travel', () => {
  const traffic = learned([{ id: 1, email: 'a@example.com', nickname: 'n', legacyCode: 'c', tags: [] }]);
  assert.deepEqual(compareSchemas(documentedUser, traffic, '', { direction: 'response' }), []);
  assert.deepEqual(compareSchemas(documentedUser, traffic).map((difference) => difference.pointer), ['/password']);
});

test('null is drift for a 3.0 schema without nullable, and fine for a 3.1 type list', () => {
  const traffic = learned([{ note: null }, { note: 'x' }]);
  assert.deepEqual(compareSchemas({ type: 'object', properties: { note: { type: 'string' } } }, traffic), [
    { pointer: '/note', kind: 'type-mismatch', documented: 'string', observed: 'null | string' },
  ]);
  assert.deepEqual(compareSchemas({ type: 'object', properties: { note: { type: ['string', 'null'] } } }, traffic), []);
});

test('allOf parts document fields together; oneOf accepts any branch type and any branch field', () => {
  const traffic = learned([{ id: 1, name: 'a', value: 'x', shape: { kind: 'circle', radius: 1 } }, { id: 2, name: 'b', value: 3, shape: { kind: 'square', side: 2 } }]);
  const documented: JsonSchema = {
    allOf: [
      { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
      {
        properties: {
          name: { type: 'string' },
          value: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
          shape: { oneOf: [{ type: 'object', properties: { kind: { type: 'string' }, radius: { type: 'number' } } }, { type: 'object', properties: { kind: { type: 'string' }, side: { type: 'number' } } }] },
        },
      },
    ],
  };
  assert.deepEqual(compareSchemas(documented, traffic), []);
  assert.deepEqual(compareSchemas({ ...documented, allOf: [documented.allOf![0]!] }, traffic).map((difference) => `${difference.kind} ${difference.pointer}`), [
    'undocumented-field /name', 'undocumented-field /value', 'undocumented-field /shape',
  ]);
});

test('maps: documented additionalProperties and patternProperties document keys; map values are compared', () => {
  const ids = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [String(100 + index), { score: 'high' }]));
  const traffic = learned([{ scores: ids, 'x-trace': 'abc' }]);
  const documented: JsonSchema = {
    type: 'object',
    properties: { scores: { type: 'object', additionalProperties: { type: 'object', properties: { score: { type: 'integer' } } } } },
    patternProperties: { '^x-': { type: 'string' } },
  };
  assert.deepEqual(compareSchemas(documented, traffic), [{ pointer: '/scores/*/score', kind: 'type-mismatch', documented: 'integer', observed: 'string' }]);
});

test('only formats inference can confirm are compared; nothing learned means no drift', () => {
  const traffic = learned(['abc', 'def']);
  assert.deepEqual(compareSchemas({ type: 'string', format: 'hostname' }, traffic), []);
  assert.deepEqual(compareSchemas({ type: 'string', format: 'password' }, traffic), []);
  assert.deepEqual(compareSchemas({ type: 'string', format: 'uuid' }, traffic), [{ pointer: '', kind: 'format-mismatch', documented: 'uuid', observed: 'none' }]);
  assert.deepEqual(compareSchemas({ type: 'string', format: 'uuid' }, {}), []);
});

test('a base pointer prefixes every difference; a cyclic document terminates', () => {
  const tree: JsonSchema = { type: 'object', properties: { name: { type: 'string' } } };
  tree.properties!.children = { type: 'array', items: tree };
  const traffic = learned([{ name: 'root', children: [{ name: 'leaf', children: [{ name: 7, children: [] }] }] }]);
  assert.deepEqual(compareSchemas(tree, traffic, '/body'), [{ pointer: '/body/children/*/children/*/name', kind: 'type-mismatch', documented: 'string', observed: 'integer' }]);
});
