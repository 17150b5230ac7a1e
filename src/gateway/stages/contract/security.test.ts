// Credential presence for OpenAPI security requirements (alternatives OR-ed, schemes within one
// AND-ed) and the credential names that are never "unknown parameters". Operations come from the
// shop document; other schemes are tried on a copy of one of its operations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildApiModel, compileContract, loadApiDocument, type CompiledOperation, type SecurityRequirement, type SecuritySchemeSpec } from '../../../contract/index.js';
import type { RequestContext } from '../../request-context.js';
import { credentialsPresent, schemeCredentialNames } from './security.js';

const SHOP = join(import.meta.dirname, '../../../../test/fixtures/contract/shop.yaml');
const contract = compileContract(buildApiModel(await loadApiDocument(SHOP)));

function operation(method: string, path: string): CompiledOperation {
  const match = contract.match(method, `/api/v1${path}`);
  assert.ok(match.kind === 'found', `${method} ${path}`);
  return match.value;
}

const deleteUser = operation('DELETE', '/users/7');
const me = operation('GET', '/users/me');
const listUsers = operation('GET', '/users');

const SCHEMES: Readonly<Record<string, SecuritySchemeSpec>> = {
  headerKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
  queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
  cookieKey: { type: 'apiKey', in: 'cookie', name: 'session' },
  basic: { type: 'http', scheme: 'basic' },
  bearer: { type: 'http', scheme: 'bearer' },
  upperBearer: { type: 'http', scheme: 'Bearer' },
  oauth: { type: 'oauth2' },
  oidc: { type: 'openIdConnect' },
  mtls: { type: 'mutualTLS' },
};

/** A copy of a real operation with other security requirements. */
function withSecurity(security: readonly SecurityRequirement[], schemes: Readonly<Record<string, SecuritySchemeSpec>> = SCHEMES): CompiledOperation {
  return { ...deleteUser, spec: { ...deleteUser.spec, security }, schemes };
}

const only = (name: string): CompiledOperation => withSecurity([{ [name]: [] }]);

interface RequestShape { query?: string; headers?: Record<string, string>; protocol?: 'http' | 'https' }

function contextOf({ query = '', headers = {}, protocol = 'https' }: RequestShape = {}): RequestContext {
  return {
    id: 'req-1', startedAt: 0, method: 'GET', url: `/x${query === '' ? '' : `?${query}`}`, path: '/x', query,
    headers: { host: 'shop.example', ...headers }, rawHeaders: [],
    protocol, host: 'shop.example', remoteAddress: '192.0.2.1', clientIp: '192.0.2.1', routeName: 'shop',
    bodyLimit: { maxBytes: 1024, maxInflateRatio: 1 }, events: [],
  };
}

const present = (op: CompiledOperation, shape: RequestShape = {}): boolean => credentialsPresent(op, contextOf(shape));
const auth = (value: string): RequestShape => ({ headers: { authorization: value } });

test('the shop document: an API key header, a bearer token, a public operation', () => {
  assert.equal(present(deleteUser), false);
  assert.equal(present(deleteUser, { headers: { 'x-api-key': 'k-1' } }), true);
  assert.equal(present(deleteUser, { headers: { 'x-other-key': 'k-1' } }), false);
  assert.equal(present(me), false);
  assert.equal(present(me, auth('Bearer t0ken')), true);
  assert.equal(present(me, { headers: { 'x-api-key': 'k-1' } }), false, 'the operation replaces the document-level API key');
  assert.equal(present(listUsers), true);
});

test('a consumer the identity stage authenticated satisfies any requirement; an anonymous one does not', () => {
  const authenticated = { ...contextOf(), consumer: { id: 'svc', kind: 'api-key' as const, scopes: [], roles: [], groups: [] } };
  assert.equal(credentialsPresent(me, authenticated), true, 'a gateway API key in front of a bearer-documented operation');
  const anonymous = { ...contextOf(), consumer: { id: '192.0.2.1', kind: 'anonymous' as const, scopes: [], roles: [], groups: [] } };
  assert.equal(credentialsPresent(me, anonymous), false);
});

test('apiKey in a header: looked up case-insensitively', () => {
  const op = only('headerKey');
  assert.equal(present(op, { headers: { 'x-api-key': 'k-1' } }), true);
  assert.equal(present(op, { headers: { 'x-api-keys': 'k-1' } }), false);
  assert.equal(present(op, { query: 'X-API-Key=k-1' }), false, 'not from the query');
  assert.equal(present(op), false);
});

test('apiKey in the query: by decoded name, exact', () => {
  const op = only('queryKey');
  assert.equal(present(op, { query: 'api_key=k-1' }), true);
  assert.equal(present(op, { query: 'limit=5&api_key=k-1&x=2' }), true);
  assert.equal(present(op, { query: 'api%5Fkey=k-1' }), true);
  assert.equal(present(op, { query: '%E0%A4=1&api_key=k-1' }), true, 'a badly encoded pair elsewhere does not hide it');
  assert.equal(present(op, { query: 'apikey=k-1&api_key_x=1&xapi_key=1' }), false);
  assert.equal(present(op, { query: 'q=api_key' }), false, 'a value is not a name');
  assert.equal(present(op, { headers: { api_key: 'k-1' } }), false, 'not from a header');
  assert.equal(present(op), false);
});

test('apiKey in a cookie: by exact name, among others', () => {
  const op = only('cookieKey');
  assert.equal(present(op, { headers: { cookie: 'session=abc' } }), true);
  assert.equal(present(op, { headers: { cookie: 'theme=dark;  session=abc; lang=en' } }), true);
  assert.equal(present(op, { headers: { cookie: 'xsession=abc; sessions=1; theme=session' } }), false);
  assert.equal(present(op, { headers: { cookie: 'Session=abc' } }), false, 'cookie names are case-sensitive');
  assert.equal(present(op, { query: 'session=abc' }), false);
  assert.equal(present(op), false);
});

test('http basic: the scheme name is case-insensitive and must be followed by credentials', () => {
  const op = only('basic');
  for (const value of ['Basic YTpi', 'basic YTpi', 'BASIC YTpi', '  Basic YTpi']) assert.equal(present(op, auth(value)), true, value);
  for (const value of ['Basic', 'BasicYTpi', 'Bearer YTpi', 'Digest username="a"', '']) assert.equal(present(op, auth(value)), false, value);
  assert.equal(present(op, { headers: { 'proxy-authorization': 'Basic YTpi' } }), false);
});

test('http bearer: case-insensitive scheme; Bearer alone is not a credential', () => {
  for (const op of [only('bearer'), only('upperBearer')]) {
    for (const value of ['Bearer t0ken', 'bearer t0ken', 'BEARER t0ken']) assert.equal(present(op, auth(value)), true, value);
    for (const value of ['Bearer', 'bearer', 'Bearert0ken', 'Basic YTpi', 'Token t0ken']) assert.equal(present(op, auth(value)), false, value);
    assert.equal(present(op), false);
  }
});

test('oauth2 and openIdConnect: a bearer token', () => {
  for (const op of [only('oauth'), only('oidc')]) {
    assert.equal(present(op, auth('Bearer t0ken')), true);
    assert.equal(present(op, auth('bearer t0ken')), true);
    assert.equal(present(op, auth('Bearer')), false);
    assert.equal(present(op, auth('Basic YTpi')), false);
    assert.equal(present(op), false);
  }
});

test('mutualTLS: present on TLS connections', () => {
  assert.equal(present(only('mtls'), { protocol: 'https' }), true);
  assert.equal(present(only('mtls'), { protocol: 'http' }), false);
});

test('alternatives are OR-ed', () => {
  const op = withSecurity([{ headerKey: [] }, { bearer: [] }, { cookieKey: [] }]);
  assert.equal(present(op, { headers: { 'x-api-key': 'k-1' } }), true);
  assert.equal(present(op, auth('Bearer t0ken')), true);
  assert.equal(present(op, { headers: { cookie: 'session=abc' } }), true);
  assert.equal(present(op, auth('Basic YTpi')), false);
  assert.equal(present(op), false);
});

test('schemes within one requirement are AND-ed', () => {
  const op = withSecurity([{ headerKey: [], bearer: ['read'] }]);
  assert.equal(present(op, { headers: { 'x-api-key': 'k-1', authorization: 'Bearer t0ken' } }), true);
  assert.equal(present(op, { headers: { 'x-api-key': 'k-1' } }), false);
  assert.equal(present(op, auth('Bearer t0ken')), false);
  // (A and B) or C
  const mixed = withSecurity([{ headerKey: [], queryKey: [] }, { basic: [] }]);
  assert.equal(present(mixed, { headers: { 'x-api-key': 'k-1' }, query: 'api_key=k-2' }), true);
  assert.equal(present(mixed, { query: 'api_key=k-2' }), false);
  assert.equal(present(mixed, { ...auth('Basic YTpi'), query: 'api_key=k-2' }), true);
});

test('no requirements, or an empty one, is public', () => {
  assert.equal(present(withSecurity([])), true);
  assert.equal(present(withSecurity([{}])), true);
  assert.equal(present(withSecurity([{ bearer: [] }, {}])), true, 'an empty alternative makes credentials optional');
});

test('a requirement naming an undefined scheme cannot be met', () => {
  assert.equal(present(withSecurity([{ missing: [] }]), auth('Bearer t0ken')), false);
  assert.equal(present(withSecurity([{ missing: [], bearer: [] }]), auth('Bearer t0ken')), false);
  assert.equal(present(withSecurity([{ missing: [] }, { bearer: [] }]), auth('Bearer t0ken')), true, 'another alternative still can');
  assert.equal(present(withSecurity([{ bearer: [] }], {}), auth('Bearer t0ken')), false, 'no schemes defined at all');
});

test('schemeCredentialNames: API key names by location (headers lowercased), other schemes ignored', () => {
  assert.deepEqual(schemeCredentialNames(deleteUser), { query: [], header: ['x-api-key'], cookie: [] });
  assert.deepEqual(schemeCredentialNames(me), { query: [], header: [], cookie: [] });
  assert.deepEqual(schemeCredentialNames(listUsers), { query: [], header: [], cookie: [] });
  const op = withSecurity([{ headerKey: [], bearer: [] }, { queryKey: [] }, { cookieKey: [], missing: [] }, { oauth: [], mtls: [], basic: [] }]);
  assert.deepEqual(schemeCredentialNames(op), { query: ['api_key'], header: ['x-api-key'], cookie: ['session'] });
  // An apiKey scheme without a name names nothing.
  assert.deepEqual(schemeCredentialNames(withSecurity([{ nameless: [] }], { nameless: { type: 'apiKey', in: 'header' } })), { query: [], header: [], cookie: [] });
});

test('empty credentials are no credentials', () => {
  assert.equal(present(only('headerKey'), { headers: { 'x-api-key': '' } }), false);
  assert.equal(present(only('headerKey'), { headers: { 'x-api-key': '   ' } }), false);
  for (const query of ['api_key', 'api_key=', 'x=1&api_key=']) assert.equal(present(only('queryKey'), { query }), false, query);
  for (const cookie of ['session=', 'session', 'session=  ; theme=dark']) assert.equal(present(only('cookieKey'), { headers: { cookie } }), false, cookie);
  for (const value of ['Bearer ', 'Bearer    ', 'bearer \t']) assert.equal(present(only('bearer'), auth(value)), false, JSON.stringify(value));
  assert.equal(present(only('oauth'), auth('Bearer  ')), false);
});
