import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OperationSpec } from '../contract/index.js';
import type { Exchange } from './exchange.js';
import type { Identity } from './identity.js';
import { createResourcePool } from './resource-pool.js';

const op = (method: string, pathTemplate: string, security: OperationSpec['security'] = [{ bearer: [] }]): OperationSpec => ({ method, pathTemplate, basePaths: [''], parameters: [], responses: [], security, deprecated: false, extensions: {}, pointer: '' });
const user = (name: string): Identity => ({ name, role: 'user', headers: {}, query: {} });
const answer = (status: number, body: unknown, headers: Record<string, string> = {}, url = 'http://api.test/orders'): Exchange => ({
  request: { method: 'POST', url, headers: {} },
  response: { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body), isTruncated: false, durationMs: 1 },
});

const createOrder = op('POST', '/orders');
const listOrders = op('GET', '/orders');
const getOrder = op('GET', '/orders/{orderId}');
const addItem = op('POST', '/orders/{id}/items');
const getItem = op('GET', '/orders/{id}/items/{itemId}');
const alice = user('alice');
const bob = user('bob');

test('ids come from created objects, Location headers and lists, per owner, whatever the parameter is called', () => {
  const pool = createResourcePool([createOrder, listOrders, getOrder, addItem, getItem]);
  assert.equal(pool.covers(getOrder, alice), false);
  pool.learn(createOrder, alice, answer(201, { id: 7, total: 3 }));
  pool.learn(createOrder, bob, answer(201, '', { location: '/orders/8' }));
  pool.learn(listOrders, alice, answer(200, { items: [{ orderId: 'x-1' }, { id: 9 }] }));
  assert.deepEqual(pool.pathValues(getOrder, alice), { orderId: '7' }, 'created beats listed');
  assert.deepEqual(pool.pathValues(getOrder, bob), { orderId: '8' });
  assert.deepEqual(pool.pathValues(addItem, alice), { id: '7' }, 'another name for the same resource');
  assert.equal(pool.covers(getItem, alice), false);
  pool.learn(addItem, alice, answer(201, { itemId: 'i-1' }, {}, 'http://api.test/orders/7/items'));
  assert.deepEqual(pool.pathValues(getItem, alice), { id: '7', itemId: 'i-1' });
  assert.equal(pool.covers(getItem, alice), true);
  assert.deepEqual(pool.pathValues(getOrder, undefined), {}, 'anonymous owns nothing here');
  pool.learn(listOrders, bob, answer(200, [{ id: 11 }]));
  const carol = user('carol');
  pool.learn(listOrders, carol, answer(200, [{ id: 12 }]));
  assert.deepEqual(pool.pathValues(getOrder, carol, { createdOnly: true }), {}, 'carol only listed');
  assert.deepEqual(pool.pathValues(getOrder, bob, { createdOnly: true }), { orderId: '8' });
});

test('what a public operation creates (a sign-up) is nobody\'s to own', () => {
  const signUp = op('POST', '/users', []);
  const getUser = op('GET', '/users/{userId}');
  const pool = createResourcePool([signUp, getUser]);
  pool.learn(signUp, alice, answer(201, { id: 4 }));
  assert.deepEqual(pool.pathValues(getUser, alice, { createdOnly: true }), {});
});

test('failures and answers without ids teach nothing', () => {
  const pool = createResourcePool([createOrder, getOrder]);
  pool.learn(createOrder, alice, answer(400, { id: 1 }));
  pool.learn(createOrder, alice, answer(201, 'not json'));
  pool.learn(createOrder, alice, answer(201, { id: { nested: true } }));
  assert.deepEqual(pool.pathValues(getOrder, alice), {});
});
