// The scanner's auth profile end to end with real components: a login server on loopback (tokens in
// a JSON body, a header and a session cookie) and a real OpenID provider (oidc-provider) issuing
// client-credentials JWTs, read from profile files and resolved over real HTTP.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { request } from 'undici';
import { loadAuthProfile, resolveIdentities } from '../../src/scan/identities/index.js';
import type { Identity } from '../../src/scan/identity.js';
import { API_AUDIENCE, CLIENT, signingKey, startProvider, type TestProvider } from '../helpers/oidc.js';

const PASSWORDS: Record<string, string> = { alice: 'alice-Pa55-word', bob: 'bob-Pa55-word', carol: 'carol-Pa55-word' };
const ENV = { ALICE_PASSWORD: PASSWORDS.alice, BOB_PASSWORD: PASSWORDS.bob, CAROL_PASSWORD: PASSWORDS.carol, WRONG_PASSWORD: 'not-the-Pa55-word' };

interface Listening { readonly url: string; readonly hits: string[]; close(): Promise<void> }

async function listen(handle: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<Listening> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => handle(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** An API below /api: three ways to log in, and /api/me answering who a credential belongs to. */
function loginApi(elsewhere: () => string) {
  const sessions = new Map<string, string>();
  const issue = (user: string) => {
    const token = randomBytes(16).toString('hex');
    sessions.set(token, user);
    return token;
  };
  const checked = (username: unknown, password: unknown) => typeof username === 'string' && PASSWORDS[username] !== undefined && PASSWORDS[username] === password ? username : undefined;
  return (req: IncomingMessage, body: string, res: ServerResponse) => {
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
    if (req.method === 'POST' && req.url === '/api/login') {
      const { username, password } = JSON.parse(body) as Record<string, unknown>;
      const user = checked(username, password);
      return user ? json(200, { data: { token: issue(user) } }) : json(401, { error: `wrong password for ${String(username)}` });
    }
    if (req.method === 'POST' && req.url === '/api/session') {
      const { username, password } = JSON.parse(body) as Record<string, unknown>;
      const user = checked(username, password);
      return user ? json(200, { ok: true }, { 'x-session-token': issue(user) }) : json(401, { error: 'no' });
    }
    if (req.method === 'POST' && req.url === '/api/form-login') {
      const form = new URLSearchParams(body);
      const user = checked(form.get('user'), form.get('pass'));
      return user ? res.writeHead(303, { location: '/api/home', 'set-cookie': `SID=${issue(user)}; Path=/; HttpOnly` }).end() : json(401, {});
    }
    if (req.url === '/api/sso') return res.writeHead(302, { location: `${elsewhere()}/login` }).end();
    if (req.url?.startsWith('/api/me')) {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? req.headers['x-session'] ?? /SID=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      const user = typeof token === 'string' ? sessions.get(token) : undefined;
      return user ? json(200, { user }) : json(401, {});
    }
    return json(404, {});
  };
}

async function whoIs(api: string, identity: Identity | undefined): Promise<unknown> {
  assert.ok(identity);
  const response = await request(`${api}/api/me`, { headers: identity.headers });
  return response.statusCode === 200 ? ((await response.body.json()) as { user: string }).user : (await response.body.dump(), response.statusCode);
}

describe('auth profile: logins at the scan target', () => {
  let dir: string;
  let api: Listening;
  let elsewhere: Listening;
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-scan-identities-'));
    elsewhere = await listen((_req, _body, res) => res.writeHead(200).end('{"token":"stolen"}'));
    api = await listen(loginApi(() => elsewhere.url));
  });
  after(async () => {
    await api.close();
    await elsewhere.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('tokens from a JSON body, a header and a session cookie become working identities', async () => {
    const file = write('auth.yaml', `identities:
  - name: alice
    role: user
    login: { path: /login, body: { username: alice, password: '\${ALICE_PASSWORD}' }, token: { from: body, pointer: /data/token } }
  - name: bob
    role: user
    login: { path: /session, body: { username: bob, password: '\${BOB_PASSWORD}' }, token: { from: header, name: X-Session-Token }, as: 'header:X-Session' }
  - name: carol
    role: admin
    login: { path: /form-login, form: { user: carol, pass: '\${CAROL_PASSWORD}' }, token: { from: cookie, name: SID }, as: 'cookie:SID' }
`);
    const { profile, warnings } = loadAuthProfile(file, ENV);
    assert.deepEqual(warnings, []);
    const { identities, problems } = await resolveIdentities(profile, { target: new URL(`${api.url}/api`), timeoutMs: 5000 });
    assert.deepEqual(problems, []);
    assert.deepEqual(identities.map((identity) => [identity.name, identity.role]), [['alice', 'user'], ['bob', 'user'], ['carol', 'admin']]);
    assert.match(identities[0]?.bearerToken ?? '', /^[0-9a-f]{32}$/);
    assert.deepEqual(Object.keys(identities[1]?.headers ?? {}), ['x-session']);
    assert.equal(identities[1]?.bearerToken, undefined);
    assert.match(identities[2]?.headers.cookie ?? '', /^SID=[0-9a-f]{32}$/);
    assert.equal(await whoIs(api.url, identities[0]), 'alice');
    assert.equal(await whoIs(api.url, identities[1]), 'bob');
    assert.equal(await whoIs(api.url, identities[2]), 'carol');
    assert.ok(!api.hits.includes('GET /api/home'), 'the 303 after the form login is not followed');
  });

  test('a wrong password is a clear problem naming the identity and the status, never the password', async () => {
    const file = write('wrong.yaml', `identities:
  - { name: alice, role: user, login: { path: /login, body: { username: alice, password: '\${ALICE_PASSWORD}' }, token: { from: body, pointer: /data/token } } }
  - { name: bob, role: user, login: { path: /login, body: { username: bob, password: '\${WRONG_PASSWORD}' }, token: { from: body, pointer: /data/token } } }
`);
    const { profile } = loadAuthProfile(file, ENV);
    const { identities, problems } = await resolveIdentities(profile, { target: new URL(`${api.url}/api/`) });
    assert.deepEqual(identities.map((identity) => identity.name), ['alice']);
    assert.deepEqual(problems, [`${file}: identity "bob" (identities[1]): login POST ${api.url}/api/login answered 401`]);
    assert.ok(!problems.join('\n').includes('Pa55'));
  });

  test('a token missing at the pointer names the pointer', async () => {
    const file = write('pointer.json', JSON.stringify({ identities: [{ name: 'alice', role: 'user', login: { path: '/login', body: { username: 'alice', password: '${ALICE_PASSWORD}' }, token: { from: 'body', pointer: '/token' } } }] }));
    const { profile } = loadAuthProfile(file, ENV);
    const { problems } = await resolveIdentities(profile, { target: new URL(`${api.url}/api`) });
    assert.match(problems[0] ?? '', /identity "alice" \(identities\[0\]\): login POST \S+ answered 200 without a token at \/token in the body$/);
  });

  test('a login redirected to another origin is not followed: the credentials stay on the target', async () => {
    const file = write('sso.yaml', `identities:
  - { name: alice, role: user, login: { path: /sso, body: { username: alice, password: '\${ALICE_PASSWORD}' }, token: { from: body, pointer: /token } } }
`);
    const { profile } = loadAuthProfile(file, ENV);
    const { identities, problems } = await resolveIdentities(profile, { target: new URL(`${api.url}/api`) });
    assert.deepEqual(identities, []);
    assert.match(problems[0] ?? '', /answered 302 \(redirects are not followed\)$/);
    assert.deepEqual(elsewhere.hits, []);
  });
});

describe('auth profile: OAuth 2 client credentials at a real OpenID provider', () => {
  let dir: string;
  let provider: TestProvider;
  let tokenEndpoint: string;
  let jwksUri: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-scan-identities-'));
    provider = await startProvider([await signingKey('scan-key')]);
    const discovery = await request(`${provider.issuer}/.well-known/openid-configuration`);
    ({ token_endpoint: tokenEndpoint, jwks_uri: jwksUri } = await discovery.body.json() as { token_endpoint: string; jwks_uri: string });
  });
  after(async () => {
    await provider.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const profileFile = (name: string, secretVariable: string) => {
    const file = join(dir, name);
    writeFileSync(file, `identities:
  - { name: alice, role: user, bearer: static-token }
  - name: reporting
    role: admin
    oauth2: { tokenUrl: '\${TOKEN_URL}', clientId: ${CLIENT.id}, clientSecret: '\${${secretVariable}}', scope: 'books:read admin' }
`);
    return file;
  };

  test('the identity carries a JWT access token from the provider as its bearer token', async () => {
    const { profile, warnings } = loadAuthProfile(profileFile('oidc.yaml', 'CLIENT_SECRET'), { TOKEN_URL: tokenEndpoint, CLIENT_SECRET: CLIENT.secret });
    assert.equal(warnings.length, 1, 'one user: BOLA / BFLA are skipped');
    const { identities, problems } = await resolveIdentities(profile, { target: new URL('https://api.example/'), timeoutMs: 5000 });
    assert.deepEqual(problems, []);
    const admin = identities.find((identity) => identity.name === 'reporting');
    const token = admin?.bearerToken ?? '';
    assert.equal(token.split('.').length, 3);
    assert.equal(admin?.headers.authorization, `Bearer ${token}`);
    assert.equal(decodeProtectedHeader(token).typ, 'at+jwt');
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(jwksUri)), { issuer: provider.issuer, audience: API_AUDIENCE });
    assert.equal(payload.client_id, CLIENT.id);
    assert.deepEqual(String(payload.scope).split(' ').sort(), ['admin', 'books:read']);
  });

  test('a wrong client secret is a problem with the OAuth error code, never the secret', async () => {
    const wrong = 'wrong-secret-of-sufficient-length-0000000000';
    const { profile } = loadAuthProfile(profileFile('oidc-wrong.yaml', 'WRONG_SECRET'), { TOKEN_URL: tokenEndpoint, WRONG_SECRET: wrong });
    const { identities, problems } = await resolveIdentities(profile, { target: new URL('https://api.example/') });
    assert.deepEqual(identities.map((identity) => identity.name), ['alice']);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /identity "reporting" \(identities\[1\]\): token request to http:\/\/127\.0\.0\.1:\d+\/token answered 401 \(invalid_client\)$/);
    assert.ok(!problems[0]?.includes(wrong) && !problems[0]?.includes(CLIENT.secret));
  });
});
