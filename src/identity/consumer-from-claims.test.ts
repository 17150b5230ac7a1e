import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consumerFromClaims, scopesOf } from './consumer-from-claims.js';

const mapping = { subject: 'sub', roles: ['realm_access.roles', 'roles'], groups: ['groups'], keep: ['tenant', 'org.id'] };

test('maps subject, scopes, roles from several paths, groups and kept claims', () => {
  const consumer = consumerFromClaims({
    iss: 'https://idp', sub: 'alice', scope: 'a b', scp: ['c'], realm_access: { roles: ['editor'] }, roles: 'admin', groups: ['staff', 7], tenant: 't1', org: { id: 'o1' },
  }, mapping);
  assert.deepEqual(consumer, { id: 'alice', kind: 'jwt', scopes: ['a', 'b', 'c'], roles: ['editor', 'admin'], groups: ['staff'], claims: { tenant: 't1', 'org.id': 'o1', iss: 'https://idp' } });
});

test('no subject, no consumer; inherited properties are never read', () => {
  assert.equal(consumerFromClaims({ scope: 'a' }, mapping), undefined);
  assert.equal(consumerFromClaims({ sub: '' }, mapping), undefined);
  const consumer = consumerFromClaims({ sub: 'x' }, { ...mapping, roles: ['constructor.name', '__proto__'] });
  assert.deepEqual(consumer?.roles, []);
});

test('scope strings and scp arrays, deduplicated', () => {
  assert.deepEqual(scopesOf({ scope: 'a  b a' }), ['a', 'b']);
  assert.deepEqual(scopesOf({ scp: 'x y' }), ['x', 'y']);
  assert.deepEqual(scopesOf({}), []);
});
