// Mutual TLS end to end with real certificates made by openssl: a client CA and another CA, client
// certificates mapped and unmapped, one signed by the other CA and one expired; listeners that
// request and that require a certificate; the identity stage mapping certificates to consumers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { isBulwarkError } from '../../src/core/errors.js';
import { loadGatewayConfig } from '../../src/gateway/index.js';
import { openKeyStore } from '../../src/store/index.js';
import { route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-mtls-'));
const file = (name: string) => join(dir, name);
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });

function makeCa(name: string): void {
  openssl('req', '-x509', ...EC, '-days', '2', '-subj', `/CN=${name}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.pem`));
}

/** A client certificate signed by `ca`, valid for two days, with an optional subjectAltName. */
function makeClient(name: string, ca: string, cn: string, san?: string): void {
  openssl('req', ...EC, '-subj', `/CN=${cn}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`));
  if (san !== undefined) writeFileSync(file(`${name}.ext`), `subjectAltName=${san}\nextendedKeyUsage=clientAuth\n`);
  openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file(`${ca}.pem`), '-CAkey', file(`${ca}.key`), '-CAcreateserial', '-days', '2',
    ...(san === undefined ? [] : ['-extfile', file(`${name}.ext`)]), '-out', file(`${name}.pem`));
}

/** A client certificate that expired in 2020: `openssl ca` is the tool that takes explicit dates. */
function makeExpiredClient(name: string, ca: string, cn: string): void {
  openssl('req', ...EC, '-subj', `/CN=${cn}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`));
  writeFileSync(file('ca.cnf'), '[ca]\ndefault_ca=test\n[test]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=any\n[any]\ncommonName=supplied\n');
  writeFileSync(file('index.txt'), '');
  writeFileSync(file('serial'), '1000\n');
  openssl('ca', '-batch', '-config', file('ca.cnf'), '-cert', file(`${ca}.pem`), '-keyfile', file(`${ca}.key`), '-in', file(`${name}.csr`),
    '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-notext', '-out', file(`${name}.pem`));
}

openssl('req', '-x509', ...EC, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', file('server.key'), '-out', file('server.pem'));
makeCa('client-ca');
makeCa('other-ca');
makeClient('billing', 'client-ca', 'billing.internal');
makeClient('orders', 'client-ca', 'orders-7f3a', 'URI:spiffe://corp/orders,DNS:orders.internal');
makeClient('stranger', 'client-ca', 'stranger');
makeClient('foreign', 'other-ca', 'billing.internal');
makeExpiredClient('expired', 'client-ca', 'billing.internal');

const fingerprintOf = (name: string) => new X509Certificate(readFileSync(file(`${name}.pem`))).fingerprint256;
const agents: Agent[] = [];
/** An undici agent trusting the gateway's certificate, presenting the named client certificate (if any). */
function agent(client?: string): Agent {
  const made = new Agent({
    connect: { ca: readFileSync(file('server.pem')), ...(client === undefined ? {} : { cert: readFileSync(file(`${client}.pem`)), key: readFileSync(file(`${client}.key`)) }) },
  });
  agents.push(made);
  return made;
}
after(async () => {
  await Promise.all(agents.map((a) => a.close()));
  rmSync(dir, { recursive: true, force: true });
});

interface Answer { status: number; headers: Record<string, unknown>; body: { ruleId?: string; detail?: string } }
async function call(url: string, dispatcher: Agent, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await request(url, { dispatcher, headers });
  return { status: response.statusCode, headers: response.headers, body: await response.body.json() as Answer['body'] };
}

const listeners = (extra = '') => `server:
  listeners:
    - { protocol: https, host: 127.0.0.1, port: 0, tls: { cert: ${file('server.pem')}, key: ${file('server.key')}, clientCertificates: request, clientCa: ${file('client-ca.pem')} } }
${extra}`;

describe('mutual TLS: a listener that requests client certificates', () => {
  let api: TestUpstream;
  let gw: TestGateway;
  let requireUrl: string;

  before(async () => {
    api = await startUpstream();
    gw = await startTestGateway(`${listeners(`    - { protocol: https, host: 127.0.0.1, port: 0, tls: { cert: ${file('server.pem')}, key: ${file('server.key')}, clientCertificates: require, clientCa: ${file('client-ca.pem')} } }`)}
stages:
  identity:
    apiKeys: { enabled: true }
    mtls:
      enabled: true
      consumers:
        - { id: billing, match: { subject: billing.internal }, scopes: [invoices:read] }
        - { id: orders, match: { san: spiffe://corp/orders, fingerprint256: "${fingerprintOf('orders')}" }, roles: [service] }
    forward:
      claims: { certFingerprint256: x-client-cert-sha256 }
routes:
${route('api', api.url)}`);
    requireUrl = gw.running.listeners[1]!.url;
  });
  after(async () => {
    await gw.close();
    await api.close();
  });

  test('a certificate from the client CA is mapped by CN and by SAN + fingerprint; the consumer reaches the upstream', async () => {
    const billing = await call(`${gw.url}/invoices`, agent('billing'), { 'x-consumer-id': 'admin' });
    assert.equal(billing.status, 200);
    const seen = api.seen.at(-1)!.headers;
    assert.equal(seen['x-consumer-id'], 'billing');
    assert.equal(seen['x-consumer-scopes'], 'invoices:read');
    const der = new X509Certificate(readFileSync(file('billing.pem'))).raw;
    assert.equal(seen['x-client-cert-sha256'], createHash('sha256').update(der).digest('hex'));
    assert.equal((await call(`${gw.url}/orders`, agent('orders'))).status, 200);
    assert.equal(api.seen.at(-1)!.headers['x-consumer-id'], 'orders');
    assert.equal(api.seen.at(-1)!.headers['x-consumer-roles'], 'service');
  });

  test('a certificate from another CA, or an expired one, is 401 certificate-invalid', async () => {
    const foreign = await call(`${gw.url}/invoices`, agent('foreign'));
    assert.equal(foreign.status, 401);
    assert.equal(foreign.body.ruleId, 'identity.certificate-invalid');
    const expired = await call(`${gw.url}/invoices`, agent('expired'));
    assert.equal(expired.status, 401);
    assert.equal(expired.body.ruleId, 'identity.certificate-invalid');
    assert.match(expired.body.detail ?? '', /CERT_HAS_EXPIRED/);
  });

  test('a valid certificate no consumer matches is 403 certificate-unmapped, with its fingerprint in the event', async () => {
    const stranger = await call(`${gw.url}/invoices`, agent('stranger'));
    assert.equal(stranger.status, 403);
    assert.equal(stranger.body.ruleId, 'identity.certificate-unmapped');
    const event = (await gw.events()).findLast((e) => e.ruleId === 'identity.certificate-unmapped');
    assert.equal(event?.evidence?.value, fingerprintOf('stranger').replace(/:/g, '').toLowerCase());
  });

  test('no certificate on the requesting listener: the usual 401 credentials-missing', async () => {
    const none = await call(`${gw.url}/invoices`, agent());
    assert.equal(none.status, 401);
    assert.equal(none.body.ruleId, 'identity.credentials-missing');
  });

  test('another credential wins over the certificate', async () => {
    const store = openKeyStore({ sqlite: { path: join(gw.dir, 'events.db') } });
    try {
      const { key } = await store.createKey({ consumer: 'batch-job', scopes: [] });
      const withKey = await call(`${gw.url}/invoices`, agent('stranger'), { 'x-api-key': key });
      assert.equal(withKey.status, 200, 'the unmapped certificate is ignored');
      assert.equal(api.seen.at(-1)!.headers['x-consumer-id'], 'batch-job');
    } finally {
      await store.close();
    }
  });

  test("'require': the handshake fails without a certificate from the client CA", async () => {
    await assert.rejects(request(`${requireUrl}/invoices`, { dispatcher: agent() }));
    await assert.rejects(request(`${requireUrl}/invoices`, { dispatcher: agent('foreign') }));
    await assert.rejects(request(`${requireUrl}/invoices`, { dispatcher: agent('expired') }));
    const billing = await call(`${requireUrl}/invoices`, agent('billing'));
    assert.equal(billing.status, 200);
    assert.equal(api.seen.at(-1)!.headers['x-consumer-id'], 'billing');
  });
});

describe('mutual TLS: failures count toward the lock-out', () => {
  test('repeated bad certificates lock the client out, then even a good certificate gets 429', async () => {
    const api = await startUpstream();
    const gw = await startTestGateway(`${listeners()}
stages:
  identity:
    mtls: { enabled: true, consumers: [{ id: billing, match: { subject: billing.internal } }] }
    bruteForce: { maxFailures: 3, lockout: 20s }
routes:
${route('api', api.url)}`);
    try {
      for (const client of ['foreign', 'stranger', 'expired']) assert.notEqual((await call(`${gw.url}/x`, agent(client))).status, 200);
      const locked = await call(`${gw.url}/x`, agent('billing'));
      assert.equal(locked.status, 429);
      assert.equal(locked.body.ruleId, 'identity.locked-out');
      assert.equal(locked.headers['retry-after'], '20');
    } finally {
      await gw.close();
      await api.close();
    }
  });
});

describe('mutual TLS: listener configuration', () => {
  function loadProblem(tls: string): string {
    const configFile = file(`config-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(configFile, `server:
  listeners:
    - { protocol: https, port: 0, tls: { cert: ${file('server.pem')}, key: ${file('server.key')}${tls} } }
routes:
  - { name: a, upstream: { url: "http://127.0.0.1:1" } }
`);
    try {
      loadGatewayConfig(configFile, {});
    } catch (error) {
      assert.ok(isBulwarkError(error) && error.code === 'CONFIG_INVALID', String(error));
      return error.message;
    }
    return '';
  }

  test('clientCa is required when client certificates are asked for, and may not be mixed with ca', () => {
    assert.match(loadProblem(', clientCertificates: request'), /server\.listeners\[0\]\.tls\.clientCa is required when server\.listeners\[0\]\.tls\.clientCertificates is request/);
    assert.match(loadProblem(', clientCertificates: require'), /tls\.clientCa is required/);
    assert.match(loadProblem(`, clientCertificates: require, clientCa: ${file('client-ca.pem')}, ca: ${file('other-ca.pem')}`), /server\.listeners\[0\]\.tls\.ca cannot be combined/);
    assert.equal(loadProblem(`, clientCertificates: require, clientCa: ${file('client-ca.pem')}`), '');
    assert.equal(loadProblem(''), '', "default 'none' needs nothing");
  });
});
