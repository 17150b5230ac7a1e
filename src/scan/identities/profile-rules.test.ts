import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IdentityConfig } from './auth-profile-schema.js';
import { profileProblems } from './profile-rules.js';

const alice: IdentityConfig = { name: 'alice', role: 'user', bearer: 'a' };
const login = (token: NonNullable<IdentityConfig['login']>['token']): IdentityConfig => ({ name: 'bob', role: 'user', login: { method: 'POST', path: '/l', as: 'bearer', token } });
const paths = (identities: IdentityConfig[]) => profileProblems(identities).map((problem) => problem.path);

test('a valid profile has no problems', () => {
  assert.deepEqual(profileProblems([alice, login({ from: 'body', pointer: '' }), { name: 'root', role: 'admin', basic: { username: 'r', password: 'p' } }]), []);
});

test('each rule reports at its key', () => {
  assert.deepEqual(paths([alice, { name: 'bob', role: 'user' }]), ['identities[1]']);
  assert.deepEqual(paths([alice, { ...alice, role: 'admin' }]), ['identities[1].name']);
  assert.deepEqual(paths([{ ...alice, role: 'admin' }]), ['identities']);
  assert.deepEqual(paths([alice, login({ from: 'cookie', pointer: '/t' })]), ['identities[1].login.token.name', 'identities[1].login.token.pointer']);
  assert.deepEqual(paths([alice, login({ from: 'body', name: 'x' })]), ['identities[1].login.token.pointer', 'identities[1].login.token.name']);
  assert.deepEqual(paths([alice, { name: 'c', role: 'user', apiKey: { in: 'cookie', name: 'k', value: 'a;b' } }]), ['identities[1].apiKey.value']);
  assert.deepEqual(paths([alice, { name: 'c', role: 'user', apiKey: { in: 'query', name: 'a key', value: 'v' } }]), []);
  assert.deepEqual(paths([alice, { name: 'c', role: 'user', oauth2: { tokenUrl: 'https://[bad', clientId: 'c', clientSecret: 's', auth: 'basic' } }]), ['identities[1].oauth2.tokenUrl']);
});
