import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileKeyPart, isKeyPart, type KeySources } from './key-parts.js';

const sources = (overrides: Partial<KeySources> = {}): KeySources => ({
  clientIp: '203.0.113.7', routeName: 'api', method: 'POST', operation: 'login',
  consumer: { id: 'acme', kind: 'api-key', scopes: [], roles: [], groups: [], claims: { keyId: 'k_123', org: { id: 'o-9' } } },
  headers: { 'x-tenant': 'blue', authorization: 'Bearer eyJsecret' },
  query: 'user=Al%20ice&x=1', pathParams: { accountId: '42' },
  body: () => ({ username: 'Alice@Example.com ', nested: { id: 7 }, list: [1] }),
  ...overrides,
});

test('every part reads its value', () => {
  const read = (part: string): string | undefined => compileKeyPart(part).read(sources());
  assert.equal(read('ip'), '203.0.113.7');
  assert.equal(read('consumer'), 'acme');
  assert.equal(read('api-key'), 'k_123');
  assert.equal(read('route'), 'api');
  assert.equal(read('operation'), 'login');
  assert.equal(read('method'), 'POST');
  assert.equal(read('header.X-Tenant'), 'blue');
  assert.equal(read('query.user'), 'Al ice');
  assert.equal(read('path.accountId'), '42');
  assert.equal(read('claim.org.id'), 'o-9');
  assert.equal(read('body.nested.id'), '7');
  assert.equal(read('body.list'), undefined, 'only scalars make keys');
  assert.equal(read('body.constructor'), undefined, 'own properties only');
});

test('missing values are undefined, and anonymous callers have no consumer part', () => {
  const anonymous = sources({ consumer: { id: 'anonymous', kind: 'anonymous', scopes: [], roles: [], groups: [] }, body: undefined });
  assert.equal(compileKeyPart('consumer').read(anonymous), undefined);
  assert.equal(compileKeyPart('api-key').read(anonymous), undefined);
  assert.equal(compileKeyPart('body.username').read(anonymous), undefined);
  assert.equal(compileKeyPart('header.x-missing').read(anonymous), undefined);
});

test('credentials are hashed, long values hashed, separators escaped', () => {
  const token = compileKeyPart('header.authorization').read(sources());
  assert.match(token ?? '', /^sha256:[0-9a-f]{24}$/);
  assert.ok(!token?.includes('secret'));
  const long = compileKeyPart('header.x-tenant').read(sources({ headers: { 'x-tenant': 'x'.repeat(10_000) } }));
  assert.match(long ?? '', /^sha256:/);
  assert.equal(compileKeyPart('header.x-tenant').read(sources({ headers: { 'x-tenant': 'a|ip=1%' } })), 'a%7Cip%3D1%25');
});

test('fold makes one account of case and width variants', () => {
  const account = compileKeyPart('body.username', { fold: true });
  assert.equal(account.read(sources()), 'alice@example.com');
  assert.equal(account.read(sources({ body: () => ({ username: 'ＡＬＩＣＥ@example.com' }) })), 'alice@example.com');
  assert.equal(account.needsBody, true);
});

test('isKeyPart accepts the documented parts only', () => {
  for (const part of ['ip', 'consumer', 'api-key', 'route', 'operation', 'method', 'header.x', 'query.q', 'path.id', 'claim.sub', 'body.email']) assert.ok(isKeyPart(part), part);
  for (const part of ['ipaddress', 'header.', 'cookie.session', 'body', '']) assert.ok(!isKeyPart(part), part);
});
