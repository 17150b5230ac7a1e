import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SignJWT, errors, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { assertFetchableUrl, discoverIssuer, remoteKeySource, staticKeySource } from './key-source.js';
import type { KeySource, RemoteKeyOptions } from './key-source.js';

interface TestKey { readonly kid: string; readonly alg: string; readonly privateKey: CryptoKey; readonly jwk: JWK }

async function makeKey(kid: string, alg = 'ES256', extra: Partial<JWK> = {}): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, ...extra } };
}

function sign(key: TestKey, kid: string = key.kid): Promise<string> {
  return new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: key.alg, kid }).setIssuedAt().setExpirationTime('5m').sign(key.privateKey);
}

const verify = (token: string, source: KeySource, algorithms = ['ES256', 'RS256']) => jwtVerify(token, source.getKey, { algorithms });

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A local server whose behaviour a test swaps at will; `hits` counts requests per path. */
async function serve(t: TestContext, initial: Handler) {
  const state = { handler: initial, hits: new Map<string, number>() };
  const server = createServer((request, response) => {
    state.hits.set(request.url ?? '', (state.hits.get(request.url ?? '') ?? 0) + 1);
    state.handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, state, hitsOf: (path: string) => state.hits.get(path) ?? 0 };
}

const json = (body: unknown, status = 200): Handler => (_request, response) => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const jwks = (...keys: TestKey[]): Handler => json({ keys: keys.map((key) => key.jwk) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const OPTIONS: RemoteKeyOptions = { ttlMs: 600_000, cooldownMs: 0, staleMs: 86_400_000, timeoutMs: 2_000, maxBytes: 256 * 1024 };

function source(t: TestContext, url: string, options: Partial<RemoteKeyOptions> = {}): KeySource {
  const keys = remoteKeySource(url, { ...OPTIONS, ...options });
  t.after(() => keys.close());
  return keys;
}

const noMatchingKey = (error: unknown) => error instanceof errors.JWKSNoMatchingKey;

test('first load fetches the key set once and verifies tokens', async (t) => {
  const a = await makeKey('a');
  const b = await makeKey('b', 'RS256');
  const { base, hitsOf, state } = await serve(t, jwks(a, b));
  let accept: string | undefined;
  const inner = state.handler;
  state.handler = (request, response) => {
    accept = request.headers.accept;
    inner(request, response);
  };
  const keys = source(t, `${base}/jwks`);
  await keys.ready();
  assert.equal(accept, 'application/json');
  assert.equal((await verify(await sign(a), keys)).payload.sub, 'alice');
  assert.equal((await verify(await sign(b), keys)).payload.sub, 'alice');
  assert.equal(hitsOf('/jwks'), 1);
  assert.equal(keys.stats.fetches, 1);
  assert.equal(keys.stats.failures, 0);
  assert.equal(keys.stats.keys, 2);
  assert.ok(keys.stats.lastSuccessAt !== undefined && keys.stats.lastSuccessAt <= Date.now());
});

test('a rotated-in key is picked up on its unknown kid; a removed key stops after the next fetch', async (t) => {
  const a = await makeKey('a');
  const b = await makeKey('b');
  const { base, state } = await serve(t, jwks(a));
  const keys = source(t, `${base}/jwks`, { cooldownMs: 20 });
  await keys.ready();
  state.handler = jwks(a, b);
  await sleep(30);
  assert.equal((await verify(await sign(b), keys)).payload.sub, 'alice');
  assert.equal(keys.stats.fetches, 2);

  state.handler = jwks(b);
  assert.equal((await verify(await sign(a), keys)).payload.sub, 'alice', 'still held until the next fetch');
  await sleep(30);
  await assert.rejects(verify(await sign(b, 'c'), keys), noMatchingKey); // unknown kid: refetch, which drops a
  await sleep(30);
  await assert.rejects(verify(await sign(a), keys), noMatchingKey);
  assert.equal((await verify(await sign(b), keys)).payload.sub, 'alice');
});

test('a rotated-in key is picked up by the background refresh', async (t) => {
  const a = await makeKey('a');
  const b = await makeKey('b');
  const { base, state } = await serve(t, jwks(a));
  const keys = source(t, `${base}/jwks`, { ttlMs: 40, cooldownMs: 60_000 });
  await keys.ready();
  state.handler = jwks(b);
  await sleep(150);
  assert.ok(keys.stats.fetches >= 2);
  assert.equal((await verify(await sign(b), keys)).payload.sub, 'alice'); // the cooldown forbids an on-demand fetch
  await assert.rejects(verify(await sign(a), keys), noMatchingKey);
});

test('a burst of unknown kids costs at most one fetch per cooldown', async (t) => {
  const a = await makeKey('a');
  const { base, hitsOf } = await serve(t, jwks(a));
  const keys = source(t, `${base}/jwks`, { cooldownMs: 60_000 });
  const burst = () => Promise.all(Array.from({ length: 50 }, async () => {
    await assert.rejects(verify(await sign(a, randomUUID()), keys), noMatchingKey);
  }));
  await burst(); // not loaded yet: the first caller fetches, the others share that fetch
  assert.equal(hitsOf('/jwks'), 1);
  await burst();
  assert.equal(hitsOf('/jwks'), 1);
  assert.equal(keys.stats.fetches, 1);
  assert.equal((await verify(await sign(a), keys)).payload.sub, 'alice');
});

test('provider down: the old keys verify until staleMs after the last success, then nothing does', async (t) => {
  const a = await makeKey('a');
  const { base, state } = await serve(t, jwks(a));
  const keys = source(t, `${base}/jwks`, { ttlMs: 30, cooldownMs: 0, staleMs: 400 });
  await keys.ready();
  state.handler = json({ error: 'down' }, 503);
  await sleep(100); // background refreshes fail
  assert.ok(keys.stats.failures >= 1);
  assert.equal(keys.stats.keys, 1);
  assert.equal((await verify(await sign(a), keys)).payload.sub, 'alice');
  await assert.rejects(verify(await sign(a, 'other'), keys), noMatchingKey); // refetch fails, old set has no such kid
  await sleep(400);
  // Not a jose error: an outage, which the verifier must tell apart from a bad token.
  await assert.rejects(verify(await sign(a), keys), (error: unknown) => {
    assert.ok(!(error instanceof errors.JOSEError));
    assert.match((error as Error).message, /unavailable.*HTTP 503/);
    return true;
  });
  assert.equal(keys.stats.keys, 0);

  state.handler = jwks(a); // back up: the next use fetches again
  assert.equal((await verify(await sign(a), keys)).payload.sub, 'alice');
});

test('a failed refresh keeps the old keys', async (t) => {
  const a = await makeKey('a');
  const { base, state } = await serve(t, jwks(a));
  const keys = source(t, `${base}/jwks`, { ttlMs: 20 });
  await keys.ready();
  state.handler = (_request, response) => response.writeHead(200).end('{"keys": 42}');
  await sleep(80);
  assert.ok(keys.stats.failures >= 1);
  assert.equal((await verify(await sign(a), keys)).payload.sub, 'alice');
});

test('redirects, oversized, non-JSON, non-2xx and slow responses fail', async (t) => {
  const a = await makeKey('a');
  const big = JSON.stringify({ keys: [a.jwk], padding: 'x'.repeat(4096) });
  const { base, hitsOf } = await serve(t, (request, response) => {
    switch (request.url) {
      case '/good': return jwks(a)(request, response);
      case '/redirect': return response.writeHead(302, { location: `${base}/good` }).end();
      case '/big': return response.writeHead(200, { 'content-type': 'application/json' }).end(big);
      case '/big-chunked': {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write(big.slice(0, 2000));
        return response.end(big.slice(2000));
      }
      case '/html': return response.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
      case '/no-keys': return json({ keys: 'nope' })(request, response);
      case '/error': return json({ keys: [a.jwk] }, 500)(request, response);
      case '/slow': return; // never answers
      default: return response.writeHead(404).end();
    }
  });
  const cases: [string, RegExp][] = [
    ['/redirect', /HTTP 302/],
    ['/big', /larger than 1024 bytes/],
    ['/big-chunked', /larger than 1024 bytes/],
    ['/html', /not valid JSON/],
    ['/no-keys', /no "keys" array/],
    ['/error', /HTTP 500/],
    ['/slow', /fetch failed \(no complete response within 200 ms\)/],
  ];
  for (const [path, message] of cases) {
    const keys = source(t, `${base}${path}`, { maxBytes: 1024, timeoutMs: 200 });
    await assert.rejects(keys.ready(), message, path);
    assert.equal(keys.stats.failures, 1, path);
    await assert.rejects(verify(await sign(a), keys), /unavailable/, path);
  }
  assert.equal(hitsOf('/good'), 0, 'the redirect is not followed');
});

test('errors never carry key material', async (t) => {
  const a = await makeKey('a', 'RS256');
  const { base } = await serve(t, (_request, response) => response.writeHead(200).end(`{"keys":[${JSON.stringify(a.jwk)}`));
  const keys = source(t, `${base}/jwks?token=secret`);
  const error = await keys.ready().then(() => undefined, (reason: unknown) => reason as Error);
  assert.ok(error);
  assert.ok(!error.message.includes(a.jwk.n!.slice(0, 16)));
  assert.ok(!error.message.includes('secret'), 'the query string is left out');
  assert.equal(error.cause, undefined);
});

test('keys that are not for signature verification are ignored', async (t) => {
  const sig = await makeKey('sig', 'ES256', { use: 'sig' });
  const enc = await makeKey('enc', 'ES256', { use: 'enc' });
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: 'private', alg: 'ES256' };
  const oct = { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA', alg: 'HS256' };
  const { base } = await serve(t, json({ keys: [sig.jwk, enc.jwk, privateJwk, oct, 'junk', { kid: 'no-kty' }] }));
  const keys = source(t, `${base}/jwks`);
  await keys.ready();
  assert.equal(keys.stats.keys, 1);
  assert.equal((await verify(await sign(sig), keys)).payload.sub, 'alice');
  await assert.rejects(verify(await sign(enc), keys), noMatchingKey);
  await assert.rejects(verify(await sign({ ...sig, kid: 'private', privateKey }), keys), noMatchingKey);
});

test('discovery returns jwks_uri and introspection_endpoint of a matching issuer', async (t) => {
  const { base, state } = await serve(t, () => undefined);
  const documents = new Map<string, unknown>();
  state.handler = (request, response) => json(documents.get(request.url ?? '') ?? {}, documents.has(request.url ?? '') ? 200 : 404)(request, response);
  const options = { timeoutMs: 1_000, maxBytes: 64 * 1024 };

  documents.set('/a/.well-known/openid-configuration', { issuer: `${base}/a`, jwks_uri: `${base}/a/jwks` });
  assert.deepEqual(await discoverIssuer(`${base}/a`, options), { jwksUri: `${base}/a/jwks` });

  documents.set('/b/.well-known/openid-configuration', { issuer: `${base}/b/`, jwks_uri: 'https://idp.example/jwks', introspection_endpoint: 'https://idp.example/introspect' });
  assert.deepEqual(await discoverIssuer(`${base}/b/`, options), { jwksUri: 'https://idp.example/jwks', introspectionEndpoint: 'https://idp.example/introspect' });

  await assert.rejects(discoverIssuer(`${base}/b`, options), /does not match/, 'trailing slash matters (§4.3)');
  documents.set('/c/.well-known/openid-configuration', { issuer: 'https://evil.example', jwks_uri: `${base}/c/jwks` });
  await assert.rejects(discoverIssuer(`${base}/c`, options), /does not match/);
  documents.set('/d/.well-known/openid-configuration', { issuer: `${base}/d` });
  await assert.rejects(discoverIssuer(`${base}/d`, options), /no jwks_uri/);
  documents.set('/e/.well-known/openid-configuration', { issuer: `${base}/e`, jwks_uri: 'http://idp.example/jwks' });
  await assert.rejects(discoverIssuer(`${base}/e`, options), /jwks_uri: must be an https URL/);
  await assert.rejects(discoverIssuer(`${base}/missing`, options), /HTTP 404/);
  await assert.rejects(discoverIssuer(`${base}/a?x=1`, options), /query or fragment/);
  await assert.rejects(discoverIssuer('http://idp.example', options), /issuer: must be an https URL/);
});

test('assertFetchableUrl allows https and loopback http only', () => {
  for (const url of ['https://idp.example/jwks', 'https://10.0.0.1/', 'http://localhost:8080/jwks', 'http://127.0.0.1/', 'http://127.255.0.9:1/x', 'http://[::1]:9000/', 'http://LOCALHOST/']) {
    assert.doesNotThrow(() => assertFetchableUrl(url, 'jwks_uri'), url);
  }
  for (const url of ['http://idp.example/jwks', 'http://10.0.0.1/', 'http://128.0.0.1/', 'http://localhost.evil.example/', 'http://[::2]/', 'ftp://idp.example/', 'file:///etc/passwd', 'not a url', '/relative']) {
    assert.throws(() => assertFetchableUrl(url, 'jwks_uri'), /^Error: jwks_uri: /, url);
  }
  assert.throws(() => remoteKeySource('http://idp.example/jwks', OPTIONS), /jwks_uri: must be an https URL/);
});

test('a static key source picks among RS256 and ES256 keys by kid', async () => {
  const rsa = await makeKey('rsa', 'RS256');
  const ec = await makeKey('ec', 'ES256');
  const keys = staticKeySource([rsa.jwk, ec.jwk]);
  await keys.ready();
  assert.equal(keys.stats.keys, 2);
  assert.equal((await verify(await sign(rsa), keys)).payload.sub, 'alice');
  assert.equal((await verify(await sign(ec), keys)).payload.sub, 'alice');
  await assert.rejects(verify(await sign(ec, 'rsa'), keys), noMatchingKey, 'kid and alg must both fit');
  await assert.rejects(verify(await sign(ec, 'unknown'), keys), noMatchingKey);
  keys.close();
});
