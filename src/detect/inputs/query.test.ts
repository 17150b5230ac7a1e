import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFieldSink } from './field-sink.js';
import { DEFAULT_EXTRACT_LIMITS } from './limits.js';
import { extractQuery } from './query.js';

function fields(query: string, path = '/search'): [string, string, boolean, string, string][] {
  const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
  extractQuery(sink, query, path);
  return sink.fields.map((field) => [field.location, field.name, field.isName, field.value, field.source]);
}

test('names and values are fields of their own, raw and percent-encoded', () => {
  assert.deepEqual(fields('q=%27%20OR%201%3D1--&page=2'), [
    ['query.q#name', 'q', true, 'q', 'query'],
    ['query.q', 'q', false, '%27%20OR%201%3D1--', 'query'],
    ['query.page#name', 'page', true, 'page', 'query'],
    ['query.page', 'page', false, '2', 'query'],
  ]);
});

test('repeated names are all kept; a pair without `=` is a name only; empty pairs and values are skipped', () => {
  assert.deepEqual(fields('id=1&id=2&debug&&x='), [
    ['query.id#name', 'id', true, 'id', 'query'],
    ['query.id', 'id', false, '1', 'query'],
    ['query.id#name', 'id', true, 'id', 'query'],
    ['query.id', 'id', false, '2', 'query'],
    ['query.debug#name', 'debug', true, 'debug', 'query'],
    ['query.x#name', 'x', true, 'x', 'query'],
  ]);
});

test('only `&` separates pairs: `;` and `+` are data; `=` after the first belongs to the value', () => {
  assert.deepEqual(fields('a=1;b=2&c=x+y==z'), [
    ['query.a#name', 'a', true, 'a', 'query'],
    ['query.a', 'a', false, '1;b=2', 'query'],
    ['query.c#name', 'c', true, 'c', 'query'],
    ['query.c', 'c', false, 'x+y==z', 'query'],
  ]);
});

test('a nameless value is kept (some parsers read it); bracketed names stay as sent for the NoSQL and pollution detectors', () => {
  assert.deepEqual(fields('=%3Cscript%3E&user[$ne]=admin&__proto__[isAdmin]=1').map((field) => field.slice(0, 4)), [
    ['query.', '', false, '%3Cscript%3E'],
    ['query.user[$ne]#name', 'user[$ne]', true, 'user[$ne]'],
    ['query.user[$ne]', 'user[$ne]', false, 'admin'],
    ['query.__proto__[isAdmin]#name', '__proto__[isAdmin]', true, '__proto__[isAdmin]'],
    ['query.__proto__[isAdmin]', '__proto__[isAdmin]', false, '1'],
  ]);
});

test('a GraphQL `query` parameter is read as GraphQL: its string arguments, not its syntax', () => {
  const query = 'query=' + encodeURIComponent('{ user(name: "x\' OR 1=1--") { id } }') + '&variables=%7B%7D';
  assert.deepEqual(fields(query, '/graphql'), [
    ['query.query#name', 'query', true, 'query', 'query'],
    ['query.graphql.query.user.name', 'name', false, "x' OR 1=1--", 'graphql'],
    ['query.variables#name', 'variables', true, 'variables', 'query'],
    ['query.variables', 'variables', false, '%7B%7D', 'query'],
  ]);
});

test('a `query` parameter that is not GraphQL stays a plain value', () => {
  assert.deepEqual(fields('query=red+shoes', '/graphql').at(-1), ['query.query', 'query', false, 'red+shoes', 'query']);
  // Parses as GraphQL, but on another path and without the look of an operation.
  assert.deepEqual(fields('query=shoes', '/search').at(-1), ['query.query', 'query', false, 'shoes', 'query']);
  assert.deepEqual(fields('query=%7B%20broken', '/graphql').at(-1), ['query.query', 'query', false, '%7B%20broken', 'query']);
});

test('a long name is cut in the location but not in the value', () => {
  const name = 'n'.repeat(1000);
  const [nameField] = fields(`${name}=1`);
  assert.equal(nameField?.[0], `query.${'n'.repeat(256)}#name`);
  assert.equal(nameField?.[3], name);
});

test('50 000 separators and near-pairs complete', () => {
  assert.equal(fields('&'.repeat(50_000)).length, 0);
  assert.equal(fields('='.repeat(50_000)).length, 1);
  assert.equal(fields('a=&'.repeat(50_000)).length, DEFAULT_EXTRACT_LIMITS.maxFields);
});
