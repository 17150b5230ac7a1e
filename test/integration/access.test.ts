// The access stage end to end, behind the identity stage, with tokens from a real OpenID provider:
// OpenAPI scopes, admin operations, policies, default deny and object-level (BOLA) rules.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';
import { API_AUDIENCE, signingKey, startProvider, type TestProvider } from '../helpers/oidc.js';

const LIBRARY = join(import.meta.dirname, '../fixtures/contract/library.yaml');

async function call(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; ruleId: string | undefined }> {
  const response = await request(url, { method: (options.method ?? 'GET') as 'GET', headers: options.headers ?? {}, ...(options.body ? { body: options.body } : {}) });
  const text = await response.body.text();
  const ruleId = response.headers['content-type'] === 'application/problem+json' ? (JSON.parse(text) as { ruleId: string }).ruleId : undefined;
  return { status: response.statusCode, headers: response.headers, ruleId };
}

function gatewayYaml(issuer: string, upstream: string, access: string): string {
  return `${listenerYaml()}
stages:
  identity:
    jwt:
      issuers:
        - issuer: ${issuer}
          audiences: [${API_AUDIENCE}]
          claims: { keep: [sub, client_id] }
  access:
${access}
routes:
${route('library', upstream, `    openapi: { document: ${JSON.stringify(LIBRARY)}, basePaths: [''] }`)}`;
}

describe('access stage', () => {
  let provider: TestProvider;
  let api: TestUpstream;
  let gw: TestGateway;
  const bearer = async (scope: string) => ({ authorization: `Bearer ${await provider.token(scope)}` });

  before(async () => {
    provider = await startProvider([await signingKey('k1')]);
    api = await startUpstream();
    gw = await startTestGateway(gatewayYaml(provider.issuer, api.url, `    adminOperations: ['DELETE /books/{id}']
    policies:
      - scopes: [admin]
        allow: [deleteBook]
    objectRules:
      - name: own-orders
        operations: ['GET /users/{userId}/orders']
        require: [{ value: path.userId, equals: claim.sub }]
      - name: own-books
        operations: [addBook]
        require: [{ value: body.owner, equals: consumer.id }]`));
  });
  after(async () => {
    await gw.close();
    await api.close();
    await provider.close();
  });

  test('the scopes the document requires are enforced, with an RFC 6750 insufficient_scope challenge', async () => {
    assert.equal((await call(`${gw.url}/books`, { headers: await bearer('books:read') })).status, 200);
    const short = await call(`${gw.url}/books`, { headers: await bearer('admin') });
    assert.equal(short.status, 403);
    assert.equal(short.ruleId, 'access.insufficient-scope');
    assert.equal(short.headers['www-authenticate'], 'Bearer realm="api", error="insufficient_scope", scope="books:read"');
    const json = { 'content-type': 'application/json' };
    assert.equal((await call(`${gw.url}/books`, { method: 'POST', headers: { ...json, ...(await bearer('books:read')) }, body: '{"owner":"reporting-service"}' })).ruleId, 'access.insufficient-scope');
    assert.equal((await call(`${gw.url}/health`)).status, 200, 'public operations need nothing');
  });

  test('admin operations need an explicit grant', async () => {
    assert.equal((await call(`${gw.url}/books/1`, { method: 'DELETE', headers: await bearer('books:read') })).ruleId, 'access.denied');
    assert.equal((await call(`${gw.url}/books/1`, { method: 'DELETE', headers: await bearer('books:read admin') })).status, 200);
  });

  test('object-level rules: a caller reaches only its own objects (BOLA)', async () => {
    const headers = await bearer('books:read');
    assert.equal((await call(`${gw.url}/users/reporting-service/orders`, { headers })).status, 200);
    const other = await call(`${gw.url}/users/alice/orders`, { headers });
    assert.equal(other.status, 403);
    assert.equal(other.ruleId, 'access.object-denied');
    const write = { 'content-type': 'application/json', ...(await bearer('books:write')) };
    assert.equal((await call(`${gw.url}/books`, { method: 'POST', headers: write, body: '{"title":"x","owner":"reporting-service"}' })).status, 200);
    assert.equal((await call(`${gw.url}/books`, { method: 'POST', headers: write, body: '{"title":"x","owner":"alice"}' })).ruleId, 'access.object-denied');
    assert.equal((await call(`${gw.url}/books`, { method: 'POST', headers: write, body: '{"title":"x"}' })).ruleId, 'access.object-denied', 'an absent value fails the rule');
    const events = await gw.events();
    const bola = events.find((e) => e.ruleId === 'access.object-denied');
    assert.equal(bola?.consumer, 'reporting-service');
    assert.equal(bola?.operation, 'GET /users/{userId}/orders');
  });
});

describe('default deny', () => {
  test('only what a policy grants gets through', async () => {
    const provider = await startProvider([await signingKey('k1')]);
    const api = await startUpstream();
    const gw = await startTestGateway(gatewayYaml(provider.issuer, api.url, `    defaultPolicy: deny
    policies:
      - anyone: true
        allow: [health]
      - consumers: [reporting-service]
        allow: ['GET /books']`));
    try {
      assert.equal((await call(`${gw.url}/health`)).status, 200);
      assert.equal((await call(`${gw.url}/books`, { headers: { authorization: `Bearer ${await provider.token('books:read')}` } })).status, 200);
      const orders = await call(`${gw.url}/users/reporting-service/orders`, { headers: { authorization: `Bearer ${await provider.token('books:read')}` } });
      assert.equal(orders.ruleId, 'access.denied');
    } finally {
      await gw.close();
      await api.close();
      await provider.close();
    }
  });
});
