import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admits, patternSchema, viewOf } from './schema-view.js';
import type { JsonSchema } from './json-schema.js';

const typesOf = (schema: JsonSchema | boolean) => {
  const types = viewOf(schema).types;
  return types === undefined ? undefined : [...types].sort();
};

test('types: 3.1 lists, 3.0 nullable, enum and const without type, booleans, nothing', () => {
  assert.deepEqual(typesOf({ type: ['string', 'null'] }), ['null', 'string']);
  assert.deepEqual(typesOf({ type: 'integer', nullable: true }), ['integer', 'null']);
  assert.deepEqual(typesOf({ enum: ['a', 1, null] }), ['integer', 'null', 'string']);
  assert.deepEqual(typesOf({ const: 2.5 }), ['number']);
  assert.equal(typesOf({}), undefined);
  assert.equal(typesOf(true), undefined);
  assert.deepEqual(typesOf(false), []);
});

test('number admits integer, not the other way round', () => {
  assert.equal(admits(new Set(['number']), 'integer'), true);
  assert.equal(admits(new Set(['integer']), 'number'), false);
  assert.equal(admits(undefined, 'object'), true);
});

test('allOf intersects: properties and required of every part, types all parts admit', () => {
  const view = viewOf({ allOf: [{ type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] }, { properties: { name: { type: 'string' } }, required: ['name'] }] });
  assert.deepEqual([...view.properties.keys()], ['id', 'name']);
  assert.deepEqual([...view.required], ['id', 'name']);
  assert.deepEqual(typesOf({ allOf: [{ type: ['number', 'string'] }, { type: 'integer' }] }), ['integer']);
});

test('oneOf / anyOf unite: any branch type, every branch property, required only where all object branches require it', () => {
  const view = viewOf({
    oneOf: [
      { type: 'object', properties: { kind: { type: 'string' }, radius: { type: 'number' } }, required: ['kind', 'radius'] },
      { type: 'object', properties: { kind: { type: 'string' }, side: { type: 'number' } }, required: ['kind', 'side'] },
      { type: 'string' },
    ],
  });
  assert.deepEqual([...view.types!].sort(), ['object', 'string']);
  assert.deepEqual([...view.properties.keys()], ['kind', 'radius', 'side']);
  assert.deepEqual([...view.required], ['kind']);
  assert.deepEqual([...viewOf({ anyOf: [{ type: 'string', format: 'email' }, { type: 'string' }] }).formats], [], 'one branch takes any string');
  assert.deepEqual([...viewOf({ anyOf: [{ type: 'string', format: 'email' }, { type: 'string', format: 'uri' }] }).formats], ['email', 'uri']);
});

test('a cyclic (dereferenced recursive) schema is read without looping', () => {
  const node: JsonSchema = { type: 'object', properties: {} };
  node.properties!.child = node;
  node.allOf = [node];
  assert.deepEqual([...viewOf(node).properties.keys()], ['child']);
});

test('patternProperties run on RE2; a pattern RE2 cannot read matches everything', () => {
  const view = viewOf({ patternProperties: { '^x-': { type: 'string' }, '(?<=a)b': { type: 'integer' } } });
  assert.deepEqual(patternSchema(view, 'x-trace'), { type: 'string' });
  assert.deepEqual(patternSchema(view, 'other'), { type: 'integer' });
  assert.equal(patternSchema(viewOf({ patternProperties: { '^x-': true } }), 'other'), undefined);
});
