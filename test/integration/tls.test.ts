// TLS termination (TLS >= 1.2), HTTP -> HTTPS redirect, HSTS, and upstream certificate verification.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { Agent, request } from 'undici';
import { route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-tls-'));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
  '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
const trusting = new Agent({ connect: { ca: readFileSync(cert) } });
after(async () => {
  await trusting.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS', () => {
  let api: TestUpstream;
  let gw: TestGateway;
  let httpsUrl: string;
  let redirectUrl: string;

  before(async () => {
    api = await startUpstream();
    gw = await startTestGateway(`server:
  listeners:
    - { protocol: https, host: 127.0.0.1, port: 0, tls: { cert: ${cert}, key: ${key} } }
    - { protocol: http, host: 127.0.0.1, port: 0, redirectToHttps: { port: 8443 } }
routes:
${route('api', api.url)}`);
    httpsUrl = gw.running.listeners[0]!.url;
    redirectUrl = gw.running.listeners[1]!.url;
  });
  after(async () => {
    await gw.close();
    await api.close();
  });

  test('serves HTTPS and sends HSTS there', async () => {
    const res = await request(`${httpsUrl}/x`, { dispatcher: trusting });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['strict-transport-security']), /max-age=31536000; includeSubDomains/);
    const body = await res.body.json() as { headers: Record<string, string> };
    assert.equal(body.headers['x-forwarded-proto'], 'https');
  });

  test('refuses TLS 1.1', async () => {
    const port = Number(new URL(httpsUrl).port);
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', rejectUnauthorized: false });
      socket.once('secureConnect', () => { socket.destroy(); resolve('connected'); });
      socket.once('error', () => resolve('refused'));
    });
    assert.equal(outcome, 'refused');
  });

  test('the HTTP listener redirects to HTTPS with 308 and never to a strange host', async () => {
    const res = await request(`${redirectUrl}/books?id=1`, { headers: { host: 'shop.example.test:8080' } });
    assert.equal(res.statusCode, 308);
    assert.equal(res.headers.location, 'https://shop.example.test:8443/books?id=1');
    await res.body.dump();
    const evil = await request(`${redirectUrl}/x`, { headers: { host: 'evil.test/@x' } });
    assert.equal(evil.statusCode, 400);
    await evil.body.dump();
  });
});

describe('upstream TLS verification', () => {
  test('an upstream with an untrusted certificate -> 502; trusted with a CA file -> 200', async () => {
    const server = createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (_req, res) => res.end('secure'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `https://localhost:${(server.address() as AddressInfo).port}`;
    const gw = await startTestGateway(`server:
  listeners: [{ protocol: http, host: 127.0.0.1, port: 0 }]
routes:
  - name: untrusted
    match: { pathPrefix: /untrusted }
    upstream: { url: ${upstreamUrl} }
  - name: trusted
    match: { pathPrefix: /trusted }
    upstream: { url: ${upstreamUrl}, tls: { ca: ${cert} } }`);
    try {
      const untrusted = await request(`${gw.url}/untrusted`);
      assert.equal(untrusted.statusCode, 502);
      assert.equal((await untrusted.body.json() as { ruleId: string }).ruleId, 'gateway.upstream-tls');
      const trusted = await request(`${gw.url}/trusted`);
      assert.equal(trusted.statusCode, 200);
      assert.equal(await trusted.body.text(), 'secure');
    } finally {
      await gw.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
