import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRouteTable } from './route-table.js';

const routes = [
  { name: 'any', hosts: [], pathPrefix: '/' },
  { name: 'api', hosts: [], pathPrefix: '/api' },
  { name: 'api-v2', hosts: [], pathPrefix: '/api/v2/' },
  { name: 'shop', hosts: ['shop.example.com'], pathPrefix: '/' },
  { name: 'wild', hosts: ['*.example.com'], pathPrefix: '/' },
  { name: 'shop-api', hosts: ['Shop.Example.com'], pathPrefix: '/api' },
];
const table = createRouteTable(routes, (r) => r);
const find = (host: string, path: string) => table.find(host, path)?.name;

test('longest prefix on whole segments', () => {
  assert.equal(find('x.test', '/'), 'any');
  assert.equal(find('x.test', '/api'), 'api');
  assert.equal(find('x.test', '/api/users'), 'api');
  assert.equal(find('x.test', '/apix'), 'any');
  assert.equal(find('x.test', '/api/v2'), 'api-v2');
  assert.equal(find('x.test', '/api/v2/things'), 'api-v2');
});

test('exact host beats wildcard beats any host', () => {
  assert.equal(find('shop.example.com', '/'), 'shop');
  assert.equal(find('shop.example.com', '/api/x'), 'shop-api');
  assert.equal(find('blog.example.com', '/api/x'), 'wild');
  assert.equal(find('example.com', '/api/x'), 'api');
  assert.equal(find('evilexample.com', '/'), 'any');
});

test('no route when nothing matches', () => {
  const only = createRouteTable([{ hosts: ['a.test'], pathPrefix: '/v1' }], (r) => r);
  assert.equal(only.find('b.test', '/v1'), undefined);
  assert.equal(only.find('a.test', '/v2'), undefined);
});
