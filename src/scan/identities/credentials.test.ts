import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IdentityConfig } from './auth-profile-schema.js';
import { staticCredentials, toIdentity, tokenCredentials } from './credentials.js';

const base = { name: 'alice', role: 'user' } as const;
const of = (source: Partial<IdentityConfig>) => staticCredentials({ ...base, ...source });

test('headers are lowercased; an Authorization bearer header exposes its token', () => {
  assert.deepEqual(of({ headers: { Authorization: 'Bearer abc.def.ghi', 'X-Tenant': 't1' } }), {
    headers: { authorization: 'Bearer abc.def.ghi', 'x-tenant': 't1' }, query: {}, bearerToken: 'abc.def.ghi',
  });
  assert.equal(of({ headers: { authorization: 'Basic dTpw' } })?.bearerToken, undefined);
});

test('bearer becomes an Authorization header and the bearer token', () => {
  assert.deepEqual(of({ bearer: 'tok' }), { headers: { authorization: 'Bearer tok' }, query: {}, bearerToken: 'tok' });
});

test('an API key travels in a header, the query or a cookie', () => {
  assert.deepEqual(of({ apiKey: { in: 'header', name: 'X-API-Key', value: 'k1' } }), { headers: { 'x-api-key': 'k1' }, query: {} });
  assert.deepEqual(of({ apiKey: { in: 'query', name: 'api_key', value: 'k2' } }), { headers: {}, query: { api_key: 'k2' } });
  assert.deepEqual(of({ apiKey: { in: 'cookie', name: 'sid', value: 'k3' } }), { headers: { cookie: 'sid=k3' }, query: {} });
});

test('basic is RFC 7617: base64 of UTF-8 user:password', () => {
  assert.deepEqual(of({ basic: { username: 'Aladdin', password: 'open sesame' } }), { headers: { authorization: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' }, query: {} });
  const utf8 = of({ basic: { username: 'test', password: '123£' } });
  assert.equal(utf8?.headers.authorization, 'Basic dGVzdDoxMjPCow==');
});

test('login and oauth2 are not static', () => {
  assert.equal(of({ oauth2: { tokenUrl: 'https://idp.example/token', clientId: 'c', clientSecret: 's', auth: 'basic' } }), undefined);
});

test('a token from a login goes where `as` says', () => {
  assert.deepEqual(tokenCredentials('t', 'bearer'), { headers: { authorization: 'Bearer t' }, query: {}, bearerToken: 't' });
  assert.deepEqual(tokenCredentials('t', 'header:X-Session'), { headers: { 'x-session': 't' }, query: {} });
  assert.deepEqual(tokenCredentials('t', 'cookie:SESSION'), { headers: { cookie: 'SESSION=t' }, query: {} });
});

test('an identity is frozen and has no bearerToken key without a bearer token', () => {
  const identity = toIdentity({ ...base, bearer: 'x' }, tokenCredentials('t', 'header:x-token'));
  assert.deepEqual(identity, { name: 'alice', role: 'user', headers: { 'x-token': 't' }, query: {} });
  assert.ok(!('bearerToken' in identity));
  assert.ok(Object.isFrozen(identity) && Object.isFrozen(identity.headers));
});
