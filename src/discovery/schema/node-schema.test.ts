import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineBranches } from './node-schema.js';

test('combineBranches: nothing, only null, one type, nullable type, several types', () => {
  assert.deepEqual(combineBranches([], false), {});
  assert.deepEqual(combineBranches([], true), { type: 'null' });
  assert.deepEqual(combineBranches([{ type: 'string', format: 'uuid' }], false), { type: 'string', format: 'uuid' });
  assert.deepEqual(combineBranches([{ type: 'string', format: 'uuid' }], true), { type: ['string', 'null'], format: 'uuid' });
  assert.deepEqual(combineBranches([{ type: 'string', enum: ['a'] }], true), { type: ['string', 'null'], enum: ['a', null] });
  assert.deepEqual(combineBranches([{ type: 'string' }, { type: 'integer' }], true), { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] });
});

test('type stays the first keyword of a nullable schema (readable exports)', () => {
  assert.deepEqual(Object.keys(combineBranches([{ type: 'integer', minimum: 1 }], true)), ['type', 'minimum']);
});
