// The RFC 8725 negative corpus: every known way to get a forged or misused JWT accepted, each
// refused with a stable reason; plus the happy paths, the cache, and claim mapping.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createHmac } from 'node:crypto';
import { staticKeySource } from './key-source.js';
import { createJwtVerifier, type IssuerConfig, type JwtResult, type JwtVerifier } from './jwt-verifier.js';

const ISSUER = 'https://idp.example';
const AUDIENCE = 'https://api.example';
let rsa: { privateKey: CryptoKey; publicJwk: JWK; spki: string };
let ec: { privateKey: CryptoKey; publicJwk: JWK };
let verifier: JwtVerifier;
let now = Date.now();

function issuerConfig(keys: JWK[], extra: Partial<IssuerConfig> = {}): IssuerConfig {
  return {
    issuer: ISSUER, keys: staticKeySource(keys), audiences: [AUDIENCE], algorithms: ['RS256', 'ES256'], leewayMs: 30_000, requiredClaims: [],
    claims: { subject: 'sub', roles: ['realm_access.roles'], groups: ['groups'], keep: ['tenant'] },
    ...extra,
  };
}

before(async () => {
  const rsaPair = await generateKeyPair('RS256', { extractable: true });
  rsa = { privateKey: rsaPair.privateKey, publicJwk: { ...(await exportJWK(rsaPair.publicKey)), kid: 'rsa-1', alg: 'RS256' }, spki: await exportSPKI(rsaPair.publicKey) };
  const ecPair = await generateKeyPair('ES256', { extractable: true });
  ec = { privateKey: ecPair.privateKey, publicJwk: { ...(await exportJWK(ecPair.publicKey)), kid: 'ec-1', alg: 'ES256' } };
  verifier = createJwtVerifier([issuerConfig([rsa.publicJwk, ec.publicJwk])], { maxTokenBytes: 8192, cacheEntries: 100, now: () => now });
});

function sign(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, key: 'rsa' | 'ec' = 'rsa'): Promise<string> {
  const alg = key === 'rsa' ? 'RS256' : 'ES256';
  // The registered claims get defaults; a test that sets one (sub, aud, exp ...) keeps its value.
  const seconds = Math.floor(now / 1000);
  return new SignJWT({ scope: 'books:read', iss: ISSUER, aud: AUDIENCE, sub: 'alice', iat: seconds, exp: seconds + 300, ...claims })
    .setProtectedHeader({ alg, kid: key === 'rsa' ? 'rsa-1' : 'ec-1', ...header })
    .sign(key === 'rsa' ? rsa.privateKey : ec.privateKey);
}

/** Builds a token by hand: header and payload as given, signature as given. */
function raw(header: unknown, payload: unknown, signature = ''): string {
  const part = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.${signature}`;
}

async function reason(token: string, target: JwtVerifier = verifier): Promise<string> {
  const result: JwtResult = await target.verify(token);
  return result.ok ? 'ok' : result.reason;
}

const payload = () => ({ iss: ISSUER, aud: AUDIENCE, sub: 'alice', iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 300 });

describe('accepted tokens', () => {
  it('RS256 and ES256 from the configured issuer, mapped to a consumer', async () => {
    const result = await verifier.verify(await sign({ scope: 'books:read books:write', realm_access: { roles: ['editor'] }, groups: ['staff'], tenant: 't-1' }));
    assert.ok(result.ok);
    assert.deepEqual(result.consumer, {
      id: 'alice', kind: 'jwt', scopes: ['books:read', 'books:write'], roles: ['editor'], groups: ['staff'], claims: { tenant: 't-1', iss: ISSUER },
    });
    assert.equal(await reason(await sign({}, {}, 'ec')), 'ok');
  });

  it('a repeated token is answered from the cache, synchronously, until exp', async () => {
    const token = await sign({ jti: 'cache-me' });
    assert.equal((await verifier.verify(token)).ok, true);
    const again = verifier.verify(token);
    assert.ok(!(again instanceof Promise) && again.ok && again.cached);
    now += 301_000;
    assert.ok(verifier.verify(token) instanceof Promise, 'past exp the cache is not used (the leeway still lets this one verify)');
    now += 100_000;
    const later = await verifier.verify(token);
    assert.ok(!later.ok && later.reason === 'expired');
    now -= 401_000;
  });

  it('purge forgets the cached verifications of a consumer', async () => {
    const token = await sign({ jti: 'purge-me', sub: 'bob' });
    await verifier.verify(token);
    assert.equal(verifier.purge((consumer) => consumer.id === 'bob'), 1);
    assert.ok(verifier.verify(token) instanceof Promise, 'verified again, not from the cache');
  });
});

describe('the RFC 8725 negative corpus', () => {
  it('alg none (an unsecured JWT) is refused', async () => {
    assert.equal(await reason(raw({ alg: 'none', typ: 'JWT' }, payload())), 'algorithm');
    assert.equal(await reason(raw({ alg: 'none' }, payload(), 'AAAA')), 'algorithm');
  });

  it('HS256 "signed" with the RSA public key as an HMAC secret is refused (algorithm confusion)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'rsa-1' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(payload())).toString('base64url');
    const signature = createHmac('sha256', rsa.spki).update(`${header}.${body}`).digest('base64url');
    assert.equal(await reason(`${header}.${body}.${signature}`), 'algorithm');
  });

  it('an algorithm outside the issuer\'s allow-list is refused even with a valid signature', async () => {
    const strict = createJwtVerifier([issuerConfig([rsa.publicJwk, ec.publicJwk], { algorithms: ['RS256'] })], { maxTokenBytes: 8192, cacheEntries: 0, now: () => now });
    assert.equal(await reason(await sign({}, {}, 'ec'), strict), 'algorithm');
  });

  it('a wrong issuer or audience is refused', async () => {
    assert.equal(await reason(await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).setIssuer('https://evil.example').setAudience(AUDIENCE).setSubject('a').setExpirationTime('5m').sign(rsa.privateKey)), 'unknown-issuer');
    assert.equal(await reason(await sign({ aud: 'https://other-api.example' })), 'claim');
  });

  it('expired, not yet valid, and no exp at all are refused; the leeway applies', async () => {
    assert.equal(await reason(await sign({ exp: Math.floor(now / 1000) - 120 })), 'expired');
    assert.equal(await reason(await sign({ exp: Math.floor(now / 1000) - 10 })), 'ok', 'within the 30 s leeway');
    assert.equal(await reason(await sign({ nbf: Math.floor(now / 1000) + 600 })), 'not-yet-valid');
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('a').sign(rsa.privateKey);
    assert.equal(await reason(noExp), 'claim');
  });

  it('a kid that names no configured key (kid injection) is refused, and so is a forged signature', async () => {
    assert.equal(await reason(await sign({}, { kid: "../../../../dev/null' OR '1'='1" })), 'unknown-key');
    const token = await sign();
    const [h, p] = token.split('.');
    assert.equal(await reason(`${h}.${p}.${Buffer.alloc(256, 1).toString('base64url')}`), 'signature');
  });

  it('jku, x5u and jwk headers are never followed: no request leaves the gateway', async () => {
    let fetched = 0;
    const server = createServer((_req, res) => {
      fetched++;
      res.end('{"keys":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    try {
      const attacker = await generateKeyPair('RS256', { extractable: true });
      const attackerJwk = await exportJWK(attacker.publicKey);
      for (const header of [{ jku: url }, { x5u: url }, { jwk: attackerJwk }]) {
        const token = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'attacker', ...header }).setIssuer(ISSUER).setAudience(AUDIENCE)
          .setSubject('mallory').setExpirationTime('5m').sign(attacker.privateKey);
        assert.notEqual(await reason(token), 'ok', JSON.stringify(Object.keys(header)));
      }
      assert.equal(fetched, 0);
    } finally {
      server.close();
    }
  });

  it('an oversized token is refused before decoding', async () => {
    assert.equal(await reason(await sign({ padding: 'x'.repeat(9000) })), 'too-large');
  });

  it('duplicate claims (and duplicate header parameters) are refused', async () => {
    const token = await sign();
    const [, , signature] = token.split('.');
    const duplicated = `{"iss":"${ISSUER}","aud":"${AUDIENCE}","sub":"alice","exp":${Math.floor(now / 1000) + 300},"sub":"admin"}`;
    assert.equal(await reason(raw({ alg: 'RS256', kid: 'rsa-1' }, duplicated, signature)), 'duplicate-claim');
    assert.equal(await reason(raw('{"alg":"RS256","alg":"none","kid":"rsa-1"}', payload(), signature)), 'duplicate-claim');
    assert.equal(await reason(raw({ alg: 'RS256' }, '{"su\\u0062":"a","sub":"b"}', signature)), 'duplicate-claim', 'escaped names count');
  });

  it('malformed tokens are refused, never thrown', async () => {
    for (const token of ['', 'a', 'a.b', 'a.b.c', '...', `${'e'.repeat(20)}.${'e'.repeat(20)}.x`, raw('not json', payload()), raw({ alg: 'RS256' }, 'not json')]) {
      assert.notEqual(await reason(token), 'ok', token);
    }
  });

  it('a token without the subject claim is refused', async () => {
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(rsa.privateKey);
    assert.equal(await reason(token), 'no-subject');
  });

  it('typ is enforced when configured (RFC 9068 at+jwt)', async () => {
    const typed = createJwtVerifier([issuerConfig([rsa.publicJwk], { typ: 'at+jwt' })], { maxTokenBytes: 8192, cacheEntries: 0, now: () => now });
    assert.equal(await reason(await sign({}, { typ: 'at+jwt' }), typed), 'ok');
    assert.equal(await reason(await sign({}, { typ: 'JWT' }), typed), 'type');
  });
});
