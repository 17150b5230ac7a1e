// The identity stage end to end with a real OpenID provider (oidc-provider) on loopback: discovery,
// real client-credentials tokens, key rotation, the provider going down, and what reaches the upstream.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { request } from 'undici';
import { openKeyStore } from '../../src/store/index.js';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';
import { API_AUDIENCE, GATEWAY_CLIENT, signingKey, startProvider, type SigningKey, type TestProvider } from '../helpers/oidc.js';

const SHOP = join(import.meta.dirname, '../fixtures/contract/shop.yaml');

async function call(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: { ruleId?: string; headers?: Record<string, string> } }> {
  const response = await request(url, { headers });
  return { status: response.statusCode, headers: response.headers, body: await response.body.json() as { ruleId?: string } };
}

function identityYaml(issuer: string, extra = ''): string {
  return `stages:
  identity:
    jwt:
      issuers:
        - issuer: ${issuer}
          audiences: [${API_AUDIENCE}]
          algorithms: [RS256]
          claims: { keep: [client_id] }
      keys: { cooldown: 100ms, stale: 2s, ttl: 10m }
    forward:
      claims: { client_id: x-consumer-client }
${extra}`;
}

describe('identity stage with a real OpenID provider', () => {
  let key1: SigningKey;
  let provider: TestProvider;
  let api: TestUpstream;
  let gw: TestGateway;

  before(async () => {
    key1 = await signingKey('key-1');
    provider = await startProvider([key1]);
    api = await startUpstream();
    gw = await startTestGateway(`${listenerYaml()}
${identityYaml(provider.issuer, '    anonymous: { pathPrefixes: [/public] }')}
routes:
${route('api', api.url)}`);
  });
  after(async () => {
    await gw.close();
    await api.close();
    await provider.close();
  });

  test('a token from the provider is verified, and the consumer reaches the upstream in headers', async () => {
    const token = await provider.token('books:read books:write');
    const answer = await call(`${gw.url}/books`, { authorization: `Bearer ${token}`, 'x-consumer-id': 'admin', 'x-consumer-scopes': 'everything' });
    assert.equal(answer.status, 200);
    const seen = api.seen.at(-1)!.headers;
    assert.equal(seen['x-consumer-id'], 'reporting-service');
    assert.equal(seen['x-consumer-scopes'], 'books:read books:write');
    assert.equal(seen['x-consumer-client'], 'reporting-service');
    assert.equal(seen.authorization, `Bearer ${token}`, 'the token itself is passed on unchanged');
  });

  test('no token: 401 with a challenge; public prefixes stay open, and forged identity headers are dropped', async () => {
    const missing = await call(`${gw.url}/books`);
    assert.equal(missing.status, 401);
    assert.equal(missing.body.ruleId, 'identity.credentials-missing');
    assert.equal(missing.headers['www-authenticate'], 'Bearer realm="api"');
    assert.equal((await call(`${gw.url}/public/info`, { 'x-consumer-id': 'admin' })).status, 200);
    assert.equal(api.seen.at(-1)!.headers['x-consumer-id'], undefined);
  });

  test('tampered, foreign and badly sent tokens are refused with RFC 6750 codes', async () => {
    const token = await provider.token();
    const [header, payload] = token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'admin' })).toString('base64url')}.${token.split('.')[2]}`;
    const bad = await call(`${gw.url}/books`, { authorization: `Bearer ${tampered}` });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.ruleId, 'identity.token-invalid');
    assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
    const other = await signingKey('key-1');
    const foreign = await new SignJWT({ scope: 'admin' }).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setIssuer(provider.issuer)
      .setAudience(API_AUDIENCE).setSubject('mallory').setIssuedAt().setExpirationTime('5m').sign(other.privateKey);
    assert.equal((await call(`${gw.url}/books`, { authorization: `Bearer ${foreign}` })).body.ruleId, 'identity.token-invalid');
    assert.equal((await call(`${gw.url}/books?access_token=${token}`)).body.ruleId, 'identity.token-in-query');
    const several = await call(`${gw.url}/books?access_token=${token}`, { authorization: `Bearer ${token}` });
    assert.equal(several.status, 400);
    assert.equal(several.body.ruleId, 'identity.multiple-credentials');
    assert.equal((await call(`${gw.url}/books`, { authorization: 'Bearer not.a.jwt' })).status, 401, 'never a 500 on a malformed token');
  });

  test('key rotation: a token signed with a new key is accepted once the provider publishes it', async () => {
    const key2 = await signingKey('key-2');
    await provider.close();
    provider = await startProvider([key2, key1], provider.port);
    const rotated = await provider.token();
    assert.match(Buffer.from(rotated.split('.')[0]!, 'base64url').toString(), /key-2/);
    await new Promise((resolve) => setTimeout(resolve, 150)); // past the unknown-kid cool-down
    assert.equal((await call(`${gw.url}/books`, { authorization: `Bearer ${rotated}` })).status, 200);
  });

  test('provider down: cached keys keep verifying until they go stale', async () => {
    await provider.close();
    const selfSigned = await new SignJWT({ scope: 'books:read' }).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setIssuer(provider.issuer)
      .setAudience(API_AUDIENCE).setSubject('batch-job').setIssuedAt().setExpirationTime('5m').sign(key1.privateKey);
    assert.equal((await call(`${gw.url}/books`, { authorization: `Bearer ${selfSigned}` })).status, 200);
    provider = await startProvider([key1], provider.port);
  });
});

describe('identity with an OpenAPI document', () => {
  test('operations the document marks public need no token; the others do', async () => {
    const key = await signingKey('k');
    const provider = await startProvider([key]);
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml()}
${identityYaml(provider.issuer)}
routes:
${route('shop', api.url, `    openapi: { document: ${JSON.stringify(SHOP)} }`)}`);
    try {
      assert.equal((await call(`${gw.url}/api/v1/users/7`)).status, 200, 'getUser has security: []');
      assert.equal((await call(`${gw.url}/api/v1/users/me`)).body.ruleId, 'identity.credentials-missing');
      const token = await provider.token();
      assert.equal((await call(`${gw.url}/api/v1/users/me`, { authorization: `Bearer ${token}` })).status, 200);
      const events = await gw.events();
      const denied = events.find((e) => e.ruleId === 'identity.credentials-missing');
      assert.equal(denied?.operation, 'GET /users/me');
    } finally {
      await gw.close();
      await api.close();
      await provider.close();
    }
  });
});

describe('opaque tokens through introspection (RFC 7662)', () => {
  test('an active token is accepted and cached; a made-up one is refused; the server down means 503, not a pass', async () => {
    const provider = await startProvider([await signingKey('k')], 0, { opaque: true });
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml()}
stages:
  identity:
    introspection:
      endpoint: ${provider.issuer}/token/introspection
      clientId: ${GATEWAY_CLIENT.id}
      clientSecret: ${GATEWAY_CLIENT.secret}
      issuer: ${provider.issuer}
      audiences: [${API_AUDIENCE}]
      timeout: 1s
routes:
${route('api', api.url)}`);
    try {
      const token = await provider.token('books:read');
      assert.equal(token.split('.').length, 1, 'an opaque token');
      assert.equal((await call(`${gw.url}/books`, { authorization: `Bearer ${token}` })).status, 200);
      assert.equal(api.seen.at(-1)!.headers['x-consumer-id'], 'reporting-service');
      assert.equal(api.seen.at(-1)!.headers['x-consumer-scopes'], 'books:read');
      const madeUp = await call(`${gw.url}/books`, { authorization: 'Bearer not-a-real-token-0123456789' });
      assert.equal(madeUp.status, 401);
      assert.equal(madeUp.body.ruleId, 'identity.token-invalid');
      await provider.close();
      assert.equal((await call(`${gw.url}/books`, { authorization: `Bearer ${token}` })).status, 200, 'answered from the cache while the server is down');
      const unknown = await call(`${gw.url}/books`, { authorization: 'Bearer another-token-never-seen-0123' });
      assert.equal(unknown.status, 503, 'fails closed when the server cannot be asked');
    } finally {
      await gw.close();
      await api.close();
    }
  });
});

describe('API keys', () => {
  test('a key from the store authenticates; revocation takes effect on the next request; expiry and mixing are refused', async () => {
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml()}
stages:
  identity:
    apiKeys: { enabled: true }
routes:
${route('api', api.url)}`);
    const store = openKeyStore({ sqlite: { path: join(gw.dir, 'events.db') } });
    try {
      const { key, record } = await store.createKey({ consumer: 'billing-batch', scopes: ['invoices:read'] });
      assert.match(key, /^bwk_/);
      assert.equal((await call(`${gw.url}/invoices`, { 'x-api-key': key })).status, 200);
      assert.equal(api.seen.at(-1)!.headers['x-consumer-id'], 'billing-batch');
      assert.equal(api.seen.at(-1)!.headers['x-consumer-scopes'], 'invoices:read');
      const wrong = await call(`${gw.url}/invoices`, { 'x-api-key': `${key.slice(0, -4)}AAAA` });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.ruleId, 'identity.api-key-invalid');
      const revokedAt = Date.now();
      assert.equal(await store.revokeKey(record.id, 'leaked in a ticket'), true);
      assert.equal((await call(`${gw.url}/invoices`, { 'x-api-key': key })).body.ruleId, 'identity.api-key-invalid');
      assert.ok(Date.now() - revokedAt < 1000, 'revocation seen within a second');
      const expired = await store.createKey({ consumer: 'old-job', scopes: [], expiresAt: new Date(Date.now() - 1000) });
      assert.equal((await call(`${gw.url}/invoices`, { 'x-api-key': expired.key })).status, 401);
      const fresh = await store.createKey({ consumer: 'x', scopes: [] });
      assert.equal((await call(`${gw.url}/invoices`, { 'x-api-key': fresh.key, authorization: 'Bearer abc.def.ghi' })).body.ruleId, 'identity.multiple-credentials');
      assert.equal((await call(`${gw.url}/invoices`)).body.ruleId, 'identity.credentials-missing');
    } finally {
      await store.close();
      await gw.close();
      await api.close();
    }
  });
});

describe('brute force', () => {
  test('repeated failures lock the client address out with Retry-After, even for a valid key', async () => {
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml()}
stages:
  identity:
    apiKeys: { enabled: true }
    bruteForce: { maxFailures: 3, lockout: 30s }
routes:
${route('api', api.url)}`);
    const store = openKeyStore({ sqlite: { path: join(gw.dir, 'events.db') } });
    try {
      const { key } = await store.createKey({ consumer: 'svc', scopes: [] });
      assert.equal((await call(`${gw.url}/x`, { 'x-api-key': key })).status, 200);
      for (let i = 0; i < 3; i++) assert.equal((await call(`${gw.url}/x`, { 'x-api-key': `bwk_${'A'.repeat(12)}_${'B'.repeat(43)}` })).status, 401);
      const locked = await call(`${gw.url}/x`, { 'x-api-key': key });
      assert.equal(locked.status, 429);
      assert.equal(locked.body.ruleId, 'identity.locked-out');
      assert.equal(locked.headers['retry-after'], '30');
      const events = await gw.events();
      assert.equal(events.filter((e) => e.ruleId === 'identity.api-key-invalid').length, 3);
    } finally {
      await store.close();
      await gw.close();
      await api.close();
    }
  });
});
