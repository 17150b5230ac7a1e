import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignParamNames, nameFromLiteral, type NamingPart } from './param-name.js';

const at = (value: string): NamingPart => ({ type: 'static', value });
const param = (fixed?: string): NamingPart => (fixed === undefined ? { type: 'param' } : { type: 'param', fixed });

test('a literal names the parameter after it by its singular, in camelCase', () => {
  assert.equal(nameFromLiteral('users'), 'user');
  assert.equal(nameFromLiteral('categories'), 'category');
  assert.equal(nameFromLiteral('addresses'), 'address');
  assert.equal(nameFromLiteral('people'), 'person');
  assert.equal(nameFromLiteral('payment-methods'), 'paymentMethod');
  assert.equal(nameFromLiteral('user_profiles'), 'userProfile');
  assert.equal(nameFromLiteral('pullRequests'), 'pullRequest');
  assert.equal(nameFromLiteral('data'), 'data');
  assert.equal(nameFromLiteral('status'), 'status');
  assert.equal(nameFromLiteral('exports.json'), 'export');
});

test('versions, api and ids name nothing', () => {
  for (const literal of ['v1', 'api', 'API', 'rest', '42', '2024-01-31', '-', '_']) assert.equal(nameFromLiteral(literal), undefined, literal);
});

test('adjacent parameters: the last takes the singular, the ones before it are owners', () => {
  assert.deepEqual(assignParamNames([at('repos'), param(), param(), at('issues'), param()]), ['owner', 'repo', 'issue']);
  assert.deepEqual(assignParamNames([at('packages'), param(), param(), param()]), ['owner', 'owner2', 'package']);
});

test('no parent literal: id, id2...', () => {
  assert.deepEqual(assignParamNames([param(), param()]), ['id', 'id2']);
  assert.deepEqual(assignParamNames([at('v1'), param()]), ['id']);
  assert.deepEqual(assignParamNames([at('api'), at('v2'), param(), at('items'), param()]), ['id', 'item']);
});

test('names are unique in a template; fixed names are kept and derived ones move aside', () => {
  assert.deepEqual(assignParamNames([at('users'), param(), at('users'), param()]), ['user', 'user2']);
  assert.deepEqual(assignParamNames([at('users'), param(), at('friends'), param('user')]), ['user2', 'user']);
  assert.deepEqual(assignParamNames([at('users'), param('id'), at('keys'), param('id')]), ['id', 'id2']);
});
