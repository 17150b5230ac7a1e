// The identity stage's HTTP Basic and mutual TLS paths, with stand-in request contexts: which
// credential wins, what is refused, what the brute-force tracker counts, and what requests that do
// not use these methods cost (nothing: the TLS socket is not even looked at).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PeerCertificate } from 'node:tls';
import { isBulwarkError } from '../../../core/errors.js';
import { hashPassword, passwordVerificationCount } from '../../../identity/index.js';
import { createTestStage } from '../../../../test/helpers/stage.js';
import type { RequestContext, TlsPeer } from '../../request-context.js';
import type { Stage } from '../../stage.js';
import type { Verdict } from '../../verdict.js';
import { identityStage } from './index.js';

const FAST = { logN: 14, r: 8, p: 1 };
const JWT_ONLY = { jwt: { issuers: [{ issuer: 'https://issuer.test', audiences: ['api'], keys: [{ kty: 'EC' }] }] } };
const FINGERPRINT = '5A:11:'.repeat(15) + '5A:11';
const basicHeader = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface Options {
  headers?: Record<string, string>;
  protocol?: 'http' | 'https';
  tls?: TlsPeer;
  clientIp?: string;
}

function contextOf(options: Options = {}): RequestContext {
  const headers = options.headers ?? {};
  const protocol = options.protocol ?? 'https';
  return {
    id: 'req-1', startedAt: 0, method: 'GET', url: '/orders', path: '/orders', query: '',
    headers, rawHeaders: Object.entries(headers).flat(), protocol, tls: options.tls ?? (protocol === 'https' ? tlsPeer(undefined) : undefined),
    host: 'api.example.com', remoteAddress: options.clientIp ?? '192.0.2.1', clientIp: options.clientIp ?? '192.0.2.1', routeName: 'api',
    bodyLimit: { maxBytes: 1024, maxInflateRatio: 100 }, events: [],
  };
}

/** A TLS peer whose certificate reads are counted. */
function tlsPeer(certificate: Partial<PeerCertificate> | undefined, authorized = true, authorizationError?: string): TlsPeer & { reads: number } {
  const stub = {
    reads: 0,
    authorized,
    authorizationError: authorizationError as unknown as Error,
    getPeerCertificate() {
      stub.reads++;
      return (certificate ?? {}) as PeerCertificate;
    },
  };
  return stub as unknown as TlsPeer & { reads: number };
}

const certificate = (cn: string | string[], san = '', fingerprint = FINGERPRINT): Partial<PeerCertificate> => ({
  subject: { CN: cn }, subjectaltname: san, fingerprint256: fingerprint,
});

async function run(stage: Stage, ctx: RequestContext): Promise<Verdict> {
  assert.ok(stage.onRequest !== undefined);
  return stage.onRequest(ctx);
}

function ruleOf(verdict: Verdict): string | undefined {
  return verdict.action === 'deny' ? verdict.ruleId : undefined;
}

function headerOf(verdict: Verdict, name: string): string | undefined {
  return verdict.action === 'deny' ? verdict.headers?.[name] : undefined;
}

describe('identity: HTTP Basic', () => {
  let hash: string;
  let basic: Stage;
  before(async () => {
    hash = await hashPassword('open sesame', FAST);
    basic = createTestStage(identityStage, {
      basic: { enabled: true, realm: 'orders', users: [{ username: 'reports', passwordHash: hash, consumer: 'reporting', scopes: ['orders:read'], roles: ['auditor'] }] },
      bruteForce: { maxFailures: 3 },
    });
  });

  test('the right password over HTTPS makes a basic consumer, forwarded to the upstream', async () => {
    const ctx = contextOf({ headers: { authorization: basicHeader('reports', 'open sesame') } });
    assert.equal((await run(basic, ctx)).action, 'continue');
    assert.deepEqual(ctx.consumer, { id: 'reporting', kind: 'basic', scopes: ['orders:read'], roles: ['auditor'], groups: [], claims: { username: 'reports' } });
    assert.equal(ctx.upstreamHeaders?.['x-consumer-id'], 'reporting');
    assert.ok(ctx.upstreamHeaders && 'authorization' in ctx.upstreamHeaders && ctx.upstreamHeaders.authorization === undefined, 'the password is not forwarded');
    const again = contextOf({ headers: { authorization: basicHeader('reports', 'open sesame') } });
    const before = passwordVerificationCount();
    const verdict = basic.onRequest!(again);
    assert.ok(!(verdict instanceof Promise), 'a cached success is answered synchronously');
    assert.equal(passwordVerificationCount(), before, 'and without scrypt');
  });

  test('forwardAuthorization passes the header on', async () => {
    const stage = createTestStage(identityStage, { basic: { enabled: true, forwardAuthorization: true, users: [{ username: 'reports', passwordHash: hash }] } });
    const ctx = contextOf({ headers: { authorization: basicHeader('reports', 'open sesame') } });
    assert.equal((await run(stage, ctx)).action, 'continue');
    assert.ok(!('authorization' in (ctx.upstreamHeaders ?? {})));
  });

  test('wrong password and unknown user get the same 401 with the RFC 7617 challenge', async () => {
    const wrong = await run(basic, contextOf({ headers: { authorization: basicHeader('reports', 'open sesame!') }, clientIp: '192.0.2.10' }));
    const unknown = await run(basic, contextOf({ headers: { authorization: basicHeader('nobody', 'open sesame') }, clientIp: '192.0.2.11' }));
    for (const verdict of [wrong, unknown]) {
      assert.equal(ruleOf(verdict), 'identity.basic-invalid');
      assert.equal(verdict.action === 'deny' && verdict.status, 401);
      assert.equal(headerOf(verdict, 'www-authenticate'), 'Basic realm="orders", charset="UTF-8"');
    }
    assert.equal(wrong.action === 'deny' && wrong.detail, unknown.action === 'deny' && unknown.detail);
    const malformed = await run(basic, contextOf({ headers: { authorization: 'Basic bm9jb2xvbg==' }, clientIp: '192.0.2.12' }));
    assert.equal(ruleOf(malformed), 'identity.basic-invalid');
  });

  test('over plain HTTP: 403 without checking the password, and no challenge', async () => {
    const before = passwordVerificationCount();
    const verdict = await run(basic, contextOf({ protocol: 'http', headers: { authorization: basicHeader('reports', 'open sesame') } }));
    assert.equal(ruleOf(verdict), 'identity.basic-over-http');
    assert.equal(verdict.action === 'deny' && verdict.status, 403);
    assert.equal(headerOf(verdict, 'www-authenticate'), undefined);
    assert.equal(passwordVerificationCount(), before);
  });

  test('no credentials: the challenge names Basic on HTTPS only', async () => {
    assert.equal(headerOf(await run(basic, contextOf()), 'www-authenticate'), 'Bearer realm="api", Basic realm="orders", charset="UTF-8"');
    assert.equal(headerOf(await run(basic, contextOf({ protocol: 'http' })), 'www-authenticate'), 'Bearer realm="api"');
  });

  test('Basic plus another credential is refused as several', async () => {
    const stage = createTestStage(identityStage, { basic: { enabled: true, users: [{ username: 'u', passwordHash: hash }] }, apiKeys: { enabled: true } }, {
      keyStore: () => { throw new Error('not used'); },
    });
    const verdict = await run(stage, contextOf({ headers: { authorization: basicHeader('u', 'open sesame'), 'x-api-key': 'bwk_x' } }));
    assert.equal(ruleOf(verdict), 'identity.multiple-credentials');
  });

  test('failures lock out the user name, from any address, even with the right password', async () => {
    const stage = createTestStage(identityStage, { basic: { enabled: true, users: [{ username: 'ops', passwordHash: hash }] }, bruteForce: { maxFailures: 2, lockout: '30s' } });
    for (const ip of ['198.51.100.1', '198.51.100.2']) {
      assert.equal(ruleOf(await run(stage, contextOf({ headers: { authorization: basicHeader('ops', 'guess') }, clientIp: ip }))), 'identity.basic-invalid');
    }
    const before = passwordVerificationCount();
    const locked = await run(stage, contextOf({ headers: { authorization: basicHeader('ops', 'open sesame') }, clientIp: '198.51.100.3' }));
    assert.equal(ruleOf(locked), 'identity.locked-out');
    assert.equal(headerOf(locked, 'retry-after'), '30');
    assert.equal(passwordVerificationCount(), before, 'a locked-out request costs no scrypt');
  });

  test('Basic disabled: the header is no credential, as before', async () => {
    const stage = createTestStage(identityStage, { ...JWT_ONLY, anonymous: { pathPrefixes: ['/orders'] } });
    assert.equal((await run(stage, contextOf({ headers: { authorization: basicHeader('reports', 'open sesame') } }))).action, 'continue');
    const closed = createTestStage(identityStage, JWT_ONLY);
    const verdict = await run(closed, contextOf({ protocol: 'http', headers: { authorization: basicHeader('reports', 'open sesame') } }));
    assert.equal(ruleOf(verdict), 'identity.credentials-missing', 'not basic-over-http: Basic is not in use');
  });

  test('a plaintext password or a duplicate user is refused at load, without echoing the password', () => {
    assert.throws(() => createTestStage(identityStage, { basic: { enabled: true, users: [{ username: 'u', passwordHash: 'hunter2-plaintext' }] } }), (error: unknown) => {
      assert.ok(isBulwarkError(error) && error.code === 'CONFIG_INVALID');
      assert.match(error.message, /basic\.users\[0\]\.passwordHash/);
      assert.ok(!error.message.includes('hunter2'));
      return true;
    });
    assert.throws(() => createTestStage(identityStage, { basic: { enabled: true, users: [{ username: 'u', passwordHash: hash }, { username: 'u', passwordHash: hash }] } }),
      (error: unknown) => isBulwarkError(error) && /basic\.users\[1\]\.username/.test(error.message));
  });
});

describe('identity: mutual TLS', () => {
  const mtls = (extra: object = {}) => createTestStage(identityStage, {
    mtls: {
      enabled: true,
      consumers: [
        { id: 'billing', match: { subject: 'billing.internal' }, scopes: ['invoices:read'] },
        { id: 'spiffe-orders', match: { san: 'spiffe://corp/orders', fingerprint256: FINGERPRINT.replace(/:/g, '').toLowerCase() }, roles: ['svc'] },
      ],
      ...extra,
    },
    bruteForce: { maxFailures: 2, lockout: '10s' },
  });

  test('a verified certificate is mapped by CN, or by SAN and fingerprint together', async () => {
    const stage = mtls();
    const byCn = contextOf({ tls: tlsPeer(certificate('billing.internal')) });
    assert.equal((await run(stage, byCn)).action, 'continue');
    assert.deepEqual(byCn.consumer, {
      id: 'billing', kind: 'mtls', scopes: ['invoices:read'], roles: [], groups: [],
      claims: { certSubject: 'billing.internal', certFingerprint256: FINGERPRINT.replace(/:/g, '').toLowerCase() },
    });
    const bySan = contextOf({ tls: tlsPeer(certificate('whatever', 'DNS:x.internal, URI:spiffe://corp/orders')) });
    assert.equal((await run(stage, bySan)).action, 'continue');
    assert.equal(bySan.consumer?.id, 'spiffe-orders');
    const wrongFingerprint = await run(stage, contextOf({ tls: tlsPeer(certificate('whatever', 'URI:spiffe://corp/orders', 'AA'.repeat(32))), clientIp: '192.0.2.50' }));
    assert.equal(ruleOf(wrongFingerprint), 'identity.certificate-unmapped', 'every key of a match must hold');
    assert.equal(wrongFingerprint.action === 'deny' && wrongFingerprint.status, 403);
  });

  test('an unverified certificate is 401 with OpenSSL\'s reason', async () => {
    const verdict = await run(mtls(), contextOf({ tls: tlsPeer(certificate('billing.internal'), false, 'CERT_HAS_EXPIRED'), clientIp: '192.0.2.51' }));
    assert.equal(ruleOf(verdict), 'identity.certificate-invalid');
    assert.equal(verdict.action === 'deny' && verdict.status, 401);
    assert.match(verdict.action === 'deny' ? verdict.detail : '', /CERT_HAS_EXPIRED/);
  });

  test("unmapped: 'subject' makes the CN the consumer with nothing granted; several CNs never do", async () => {
    const stage = mtls({ unmapped: 'subject' });
    const ctx = contextOf({ tls: tlsPeer(certificate('new-service')) });
    assert.equal((await run(stage, ctx)).action, 'continue');
    assert.deepEqual([ctx.consumer?.id, ctx.consumer?.scopes, ctx.consumer?.kind], ['new-service', [], 'mtls']);
    const ambiguous = await run(stage, contextOf({ tls: tlsPeer(certificate(['billing.internal', 'admin'])), clientIp: '192.0.2.52' }));
    assert.equal(ruleOf(ambiguous), 'identity.certificate-unmapped');
  });

  test('any other credential wins: the certificate is not even read', async () => {
    const stage = createTestStage(identityStage, { ...JWT_ONLY, mtls: { enabled: true, unmapped: 'subject' } });
    const peer = tlsPeer(certificate('billing.internal'));
    const verdict = await run(stage, contextOf({ tls: peer, headers: { authorization: 'Bearer not.a.jwt' } }));
    assert.equal(ruleOf(verdict), 'identity.token-invalid');
    assert.equal(peer.reads, 0);
  });

  test('no certificate: the usual missing-credentials answer', async () => {
    assert.equal(ruleOf(await run(mtls(), contextOf())), 'identity.credentials-missing');
    assert.equal(ruleOf(await run(mtls(), contextOf({ protocol: 'http' }))), 'identity.credentials-missing');
  });

  test('certificate failures count toward the lock-out, per address and per certificate', async () => {
    const stage = mtls();
    const peer = () => tlsPeer(certificate('stranger', '', 'BB'.repeat(32)));
    for (let i = 0; i < 2; i++) assert.equal(ruleOf(await run(stage, contextOf({ tls: peer(), clientIp: `203.0.113.${i}` }))), 'identity.certificate-unmapped');
    assert.equal(ruleOf(await run(stage, contextOf({ tls: peer(), clientIp: '203.0.113.9' }))), 'identity.locked-out', 'the certificate is locked out');
  });
});

test('zero per-request cost when mtls and basic are off: the TLS socket is never read', async () => {
  assert.ok(createTestStage(identityStage, {}).onRequest === undefined, 'nothing configured: no request phase at all');
  const stage = createTestStage(identityStage, { ...JWT_ONLY, anonymous: { pathPrefixes: ['/orders'] } });
  const peer = tlsPeer(certificate('billing.internal'));
  assert.equal((await run(stage, contextOf({ tls: peer }))).action, 'continue');
  assert.equal(peer.reads, 0);
});
