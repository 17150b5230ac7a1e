import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyApplies, type PolicyAudience } from './policy-match.js';

const policy = (overrides: Partial<PolicyAudience>): PolicyAudience => ({ anyone: false, consumers: new Set(), roles: [], groups: [], scopes: [], ...overrides });
const alice = { id: 'alice', scopes: ['books:read'], roles: ['librarian'], groups: ['staff'] };

test('anyone applies to every caller, anonymous included; otherwise a caller is needed', () => {
  assert.equal(policyApplies(policy({ anyone: true }), undefined), true);
  assert.equal(policyApplies(policy({}), undefined), false);
});

test('named by id, role or group; naming none means every authenticated caller', () => {
  assert.equal(policyApplies(policy({}), alice), true);
  assert.equal(policyApplies(policy({ consumers: new Set(['alice']) }), alice), true);
  assert.equal(policyApplies(policy({ roles: ['librarian'] }), alice), true);
  assert.equal(policyApplies(policy({ groups: ['staff'] }), alice), true);
  assert.equal(policyApplies(policy({ roles: ['admin'], groups: ['ops'] }), alice), false);
});

test('all of its scopes must be held', () => {
  assert.equal(policyApplies(policy({ roles: ['librarian'], scopes: ['books:read'] }), alice), true);
  assert.equal(policyApplies(policy({ roles: ['librarian'], scopes: ['books:read', 'admin'] }), alice), false);
});
