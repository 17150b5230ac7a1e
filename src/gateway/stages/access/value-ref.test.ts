import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readValue, type ValueSources } from './value-ref.js';

const sources: ValueSources = {
  path: { userId: 'u-1' },
  query: 'tenant=t%201&x',
  headers: { 'x-tenant': 't-1' },
  body: () => ({ ok: true, value: { order: { account: 'a-9' }, list: ['a'] } }),
  consumer: { id: 'alice', kind: 'jwt', scopes: [], roles: [], groups: [], claims: { sub: 'alice', org: { accounts: ['a-9'] } } },
};

test('reads each source', () => {
  assert.equal(readValue('path.userId', sources), 'u-1');
  assert.equal(readValue('query.tenant', sources), 't 1');
  assert.equal(readValue('header.X-Tenant', sources), 't-1');
  assert.equal(readValue('body.order.account', sources), 'a-9');
  assert.deepEqual(readValue('claim.org.accounts', sources), ['a-9']);
  assert.equal(readValue('consumer.id', sources), 'alice');
});

test('absent, inherited and unparseable values are undefined', () => {
  assert.equal(readValue('path.nope', sources), undefined);
  assert.equal(readValue('body.order.constructor', sources), undefined);
  assert.equal(readValue('claim.__proto__', sources), undefined);
  assert.equal(readValue('consumer.roles', sources), undefined);
  assert.equal(readValue('body.order', { ...sources, body: () => ({ ok: false, error: 'bad' }) }), undefined);
  assert.equal(readValue('claim.sub', { ...sources, consumer: undefined }), undefined);
  assert.equal(readValue('query.tenant', { ...sources, query: 'tenant=%zz' }), undefined);
});
