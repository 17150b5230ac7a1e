import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeJwtClaims, detectAuth } from './detect-auth.js';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (header: unknown, claims: unknown): string => `${b64(header)}.${b64(claims)}.c2lnbmF0dXJl`;

test('no credentials: nothing found', () => {
  assert.deepEqual(detectAuth({ requestHeaders: { accept: 'application/json' }, query: [['page', '2']] }), []);
});

test('Basic, and a bearer JWT with its issuer, algorithm and scopes (never the token)', () => {
  assert.deepEqual(detectAuth({ requestHeaders: { authorization: 'Basic dXNlcjpwYXNz' } }), [{ kind: 'basic', in: 'header', name: 'authorization' }]);
  const token = jwt({ alg: 'RS256', typ: 'JWT' }, { iss: 'https://id.example.com/', sub: 'u1', scope: 'write:books read:books read:books' });
  const [auth] = detectAuth({ requestHeaders: { authorization: `Bearer ${token}` } });
  assert.deepEqual(auth, { kind: 'bearer-jwt', in: 'header', name: 'authorization', algorithm: 'RS256', issuer: 'https://id.example.com/', scopes: ['read:books', 'write:books'] });
  assert.ok(!JSON.stringify(auth).includes(token.split('.')[1]!));
});

test('scp as an array (Azure AD, Okta) gives the scopes too', () => {
  assert.deepEqual(decodeJwtClaims(jwt({ alg: 'ES256' }, { scp: ['b', 'a', 7] }))?.scopes, ['a', 'b']);
});

test('an opaque bearer token, a scheme given alone (a log that keeps only the scheme) and other schemes', () => {
  assert.equal(detectAuth({ requestHeaders: { authorization: 'Bearer 2YotnFZFEjr1zCsicMWpAA' } })[0]!.kind, 'bearer');
  assert.equal(detectAuth({ requestHeaders: { authorization: 'Bearer' } })[0]!.kind, 'bearer');
  assert.equal(detectAuth({ requestHeaders: { authorization: 'bearer' } })[0]!.kind, 'bearer');
  assert.deepEqual(detectAuth({ requestHeaders: { authorization: 'Digest username="u", realm="r"' } }), [{ kind: 'other', in: 'header', name: 'digest' }]);
});

test('things that look like JWTs but are not: opaque', () => {
  for (const token of ['a.b.c', `${b64({ typ: 'JWT' })}.${b64({})}.x`, `${b64([1])}.${b64({})}.x`, `${b64({ alg: 'HS256' })}.bm90IGpzb24.x`, `${b64({ alg: 'HS256' })}.${b64({})}`, 'x'.repeat(20_000)]) {
    assert.equal(decodeJwtClaims(token), undefined, token.slice(0, 40));
  }
});

test('API keys in headers and in the query; access_token in the query is a bearer token in the URL', () => {
  const found = detectAuth({ requestHeaders: { 'x-api-key': 'k', 'ocp-apim-subscription-key': 'k' }, query: [['api_key', 'k'], ['API_KEY', 'k'], ['access_token', 't'], ['page', '1']] });
  assert.deepEqual(found, [
    { kind: 'api-key', in: 'header', name: 'x-api-key' },
    { kind: 'api-key', in: 'header', name: 'ocp-apim-subscription-key' },
    { kind: 'api-key', in: 'query', name: 'api_key' },
    { kind: 'bearer', in: 'query', name: 'access_token' },
  ]);
});

test('session cookies by name, prefixes and all; other cookies are not credentials', () => {
  const found = detectAuth({ requestHeaders: { cookie: 'theme=dark; JSESSIONID=abc; __Host-app_session=x; _ga=GA1.2; csrftoken=y; connect.sid=s%3A1' } });
  assert.deepEqual(found.map((auth) => auth.name), ['jsessionid', '__host-app_session', 'connect.sid']);
  assert.ok(found.every((auth) => auth.kind === 'session-cookie' && auth.in === 'cookie'));
});

test('mutual TLS when the gateway verified a client certificate', () => {
  assert.deepEqual(detectAuth({ requestHeaders: {}, clientCertificate: true }), [{ kind: 'mtls', in: 'tls', name: 'client-certificate' }]);
  assert.deepEqual(detectAuth({ requestHeaders: {}, clientCertificate: false }), []);
});

test('decoded facts are remembered by header and claims only, and stay right past the cache size', () => {
  const segment = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const token = (issuer: string, signature: string): string => `${segment({ alg: 'RS256' })}.${segment({ iss: issuer, scope: 'read write' })}.${signature}`;
  assert.deepEqual(decodeJwtClaims(token('https://a.example', 'sig1')), { algorithm: 'RS256', issuer: 'https://a.example', scopes: ['read', 'write'] });
  assert.deepEqual(decodeJwtClaims(token('https://a.example', 'sig2')), { algorithm: 'RS256', issuer: 'https://a.example', scopes: ['read', 'write'] });
  for (let index = 0; index < 300; index++) assert.equal(decodeJwtClaims(token(`https://issuer-${index}.example`, 's'))?.issuer, `https://issuer-${index}.example`);
  assert.equal(decodeJwtClaims('opaque.token'), undefined);
  assert.equal(decodeJwtClaims(`${segment({ alg: 'RS256' })}.not-json.sig`), undefined);
  assert.equal(decodeJwtClaims(`${segment({ alg: 'RS256' })}.not-json.sig`), undefined, 'a remembered failure');
});
