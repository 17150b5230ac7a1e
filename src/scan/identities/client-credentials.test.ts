import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OAuth2Config } from './auth-profile-schema.js';
import { clientCredentials } from './client-credentials.js';
import type { FetchLike } from './send-request.js';

const SECRET = 'cs-very-secret:/+ é';
const base: OAuth2Config = { tokenUrl: 'https://idp.example/oauth/token?tenant=t1', clientId: 'scanner app', clientSecret: SECRET, auth: 'basic' };

function idp(status: number, body: unknown) {
  const sent: { url: string; headers: Record<string, string>; body?: string }[] = [];
  const fetch: FetchLike = (url, init) => {
    sent.push({ url, headers: init.headers, ...(init.body === undefined ? {} : { body: init.body }) });
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  };
  return { fetch, sent };
}

test('client_secret_basic: id and secret url-encoded, then base64 (RFC 6749 §2.3.1); the token is a bearer token', async () => {
  const { fetch, sent } = idp(200, { access_token: 'at-1', token_type: 'Bearer', expires_in: 300 });
  const credentials = await clientCredentials({ ...base, scope: 'books:read admin', audience: 'https://api.example', resource: 'https://api.example/' }, { fetch, timeoutMs: 1000 });
  assert.deepEqual(credentials, { headers: { authorization: 'Bearer at-1' }, query: {}, bearerToken: 'at-1' });
  assert.equal(sent[0]?.url, base.tokenUrl);
  const basic = Buffer.from((sent[0]?.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
  assert.deepEqual(basic.split(':').map(decodeURIComponent), ['scanner app', SECRET]);
  const form = new URLSearchParams(sent[0]?.body);
  assert.deepEqual(Object.fromEntries(form), { grant_type: 'client_credentials', scope: 'books:read admin', audience: 'https://api.example', resource: 'https://api.example/' });
});

test('client_secret_post puts id and secret in the form, with no Authorization header', async () => {
  const { fetch, sent } = idp(200, { access_token: 'at-2', token_type: 'bearer' });
  await clientCredentials({ ...base, auth: 'post' }, { fetch, timeoutMs: 1000 });
  assert.equal(sent[0]?.headers.authorization, undefined);
  assert.deepEqual(Object.fromEntries(new URLSearchParams(sent[0]?.body)), { grant_type: 'client_credentials', client_id: 'scanner app', client_secret: SECRET });
});

test('failures name the endpoint (without its query), the status and the OAuth error code, never a secret', async () => {
  const cases: [number, unknown, RegExp][] = [
    [401, { error: 'invalid_client', error_description: `secret ${SECRET} is wrong` }, /^token request to https:\/\/idp\.example\/oauth\/token answered 401 \(invalid_client\)$/],
    [400, { error: 'bad "code"' }, /answered 400$/],
    [500, 'oops', /answered 500$/],
    [200, { token_type: 'Bearer' }, /answered 200 without an access_token/],
    [200, { access_token: 'at', token_type: 'DPoP' }, /issued a token of type DPoP, not Bearer/],
    [200, { access_token: 'a t' }, /characters a header cannot carry/],
  ];
  for (const [status, body, expected] of cases) {
    const { fetch } = idp(status, body);
    await assert.rejects(clientCredentials(base, { fetch, timeoutMs: 1000 }), (error: Error) => {
      assert.match(error.message, expected);
      assert.ok(!error.message.includes('very-secret') && !error.message.includes('tenant'));
      return true;
    });
  }
});
