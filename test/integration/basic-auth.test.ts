// HTTP Basic end to end: a real HTTPS listener (certificate made by openssl) and a plain HTTP one,
// users with scrypt hashes from the same code as `bulwark passwords hash`, the verification cache
// seen through the verification counter (never through timing), and the lock-out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { hashPassword, passwordVerificationCount } from '../../src/identity/index.js';
import { route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-basic-'));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
  '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
const trusting = new Agent({ connect: { ca: readFileSync(cert) } });
after(async () => {
  await trusting.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The cheapest cost the gateway accepts, to keep the test quick. */
const FAST = { logN: 14, r: 8, p: 1 };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

interface Answer { status: number; headers: Record<string, unknown>; body: { ruleId?: string; detail?: string } }
async function call(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await request(url, { headers, dispatcher: url.startsWith('https:') ? trusting : undefined });
  return { status: response.statusCode, headers: response.headers, body: await response.body.json() as Answer['body'] };
}

/** What a request costs in scrypt runs. */
async function scryptsOf(run: () => Promise<Answer>): Promise<{ answer: Answer; scrypts: number }> {
  const before = passwordVerificationCount();
  const answer = await run();
  return { answer, scrypts: passwordVerificationCount() - before };
}

describe('HTTP Basic over a real HTTPS listener', () => {
  let api: TestUpstream;
  let gw: TestGateway;
  let httpsUrl: string;
  let httpUrl: string;

  before(async () => {
    api = await startUpstream();
    const reports = await hashPassword('correct horse battery staple', FAST);
    const ops = await hashPassword('caf\u00e9 au lait', FAST);
    gw = await startTestGateway(`server:
  listeners:
    - { protocol: https, host: 127.0.0.1, port: 0, tls: { cert: ${cert}, key: ${key} } }
    - { protocol: http, host: 127.0.0.1, port: 0 }
stages:
  identity:
    apiKeys: { enabled: true }
    basic:
      enabled: true
      realm: reporting
      users:
        - { username: reports, passwordHash: '${reports}', consumer: reporting-service, scopes: [reports:read], groups: [finance] }
        - { username: ops, passwordHash: '${ops}' }
    bruteForce: { maxFailures: 4, lockout: 15s }
routes:
${route('api', api.url)}`);
    httpsUrl = gw.running.listeners[0]!.url;
    httpUrl = gw.running.listeners[1]!.url;
  });
  after(async () => {
    await gw.close();
    await api.close();
  });

  test('the right password is admitted; the consumer reaches the upstream; the next request does not run scrypt', async () => {
    const first = await scryptsOf(() => call(`${httpsUrl}/reports`, { authorization: basic('reports', 'correct horse battery staple'), 'x-consumer-id': 'admin' }));
    assert.equal(first.answer.status, 200);
    assert.equal(first.scrypts, 1);
    const seen = api.seen.at(-1)!.headers;
    assert.equal(seen['x-consumer-id'], 'reporting-service');
    assert.equal(seen['x-consumer-scopes'], 'reports:read');
    assert.equal(seen['x-consumer-groups'], 'finance');
    assert.equal(seen.authorization, undefined, 'the password stops at the gateway');
    const second = await scryptsOf(() => call(`${httpsUrl}/reports`, { authorization: basic('reports', 'correct horse battery staple') }));
    assert.equal(second.answer.status, 200);
    assert.equal(second.scrypts, 0, 'answered from the cache');
  });

  test('UTF-8 passwords in either Unicode form (RFC 7617 charset="UTF-8")', async () => {
    assert.equal((await call(`${httpsUrl}/x`, { authorization: basic('ops', 'cafe\u0301 au lait') })).status, 200);
    assert.equal(api.seen.at(-1)!.headers['x-consumer-id'], 'ops', 'the consumer defaults to the username');
  });

  test('a wrong password and an unknown user: the same 401 with the Basic challenge, one scrypt each, never cached', async () => {
    const wrong = await scryptsOf(() => call(`${httpsUrl}/reports`, { authorization: basic('reports', 'Correct horse battery staple') }));
    const unknown = await scryptsOf(() => call(`${httpsUrl}/reports`, { authorization: basic('nobody', 'correct horse battery staple') }));
    for (const { answer, scrypts } of [wrong, unknown]) {
      assert.equal(answer.status, 401);
      assert.equal(answer.body.ruleId, 'identity.basic-invalid');
      assert.equal(answer.headers['www-authenticate'], 'Basic realm="reporting", charset="UTF-8"');
      assert.equal(scrypts, 1, 'an unknown user costs a verification too');
    }
    assert.equal(wrong.answer.body.detail, unknown.answer.body.detail);
    const again = await scryptsOf(() => call(`${httpsUrl}/reports`, { authorization: basic('reports', 'Correct horse battery staple') }));
    assert.equal(again.scrypts, 1, 'a failure is not cached');
    // Three failures so far from this address: a success ends the streak before the lock-out test.
    assert.equal((await call(`${httpsUrl}/x`, { authorization: basic('reports', 'correct horse battery staple') })).status, 200);
  });

  test('over plain HTTP: 403 basic-over-http, the password is not checked', async () => {
    const overHttp = await scryptsOf(() => call(`${httpUrl}/reports`, { authorization: basic('ops', 'caf\u00e9 au lait') }));
    assert.equal(overHttp.answer.status, 403);
    assert.equal(overHttp.answer.body.ruleId, 'identity.basic-over-http');
    assert.equal(overHttp.answer.headers['www-authenticate'], undefined, 'no challenge inviting a retry over HTTP');
    assert.equal(overHttp.scrypts, 0);
    assert.equal(api.seen.filter((seen) => seen.url === '/reports' && seen.headers['x-consumer-id'] === 'ops').length, 0);
  });

  test('no credentials: 401 naming Bearer and Basic on HTTPS, Bearer only on HTTP', async () => {
    const overHttps = await call(`${httpsUrl}/reports`);
    assert.equal(overHttps.status, 401);
    assert.equal(overHttps.headers['www-authenticate'], 'Bearer realm="api", Basic realm="reporting", charset="UTF-8"');
    assert.equal((await call(`${httpUrl}/reports`)).headers['www-authenticate'], 'Bearer realm="api"');
  });

  test('Basic together with an API key is refused as several credentials', async () => {
    const several = await call(`${httpsUrl}/reports`, { authorization: basic('reports', 'correct horse battery staple'), 'x-api-key': 'bwk_AAAAAAAAAAAA_x' });
    assert.equal(several.status, 400);
    assert.equal(several.body.ruleId, 'identity.multiple-credentials');
  });

  test('repeated failures lock out: then even the right password gets 429 without scrypt', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await call(`${httpsUrl}/reports`, { authorization: basic('ops', `guess-${i}`) })).status, 401);
    const locked = await scryptsOf(() => call(`${httpsUrl}/reports`, { authorization: basic('ops', 'caf\u00e9 au lait') }));
    assert.equal(locked.answer.status, 429);
    assert.equal(locked.answer.body.ruleId, 'identity.locked-out');
    assert.equal(locked.answer.headers['retry-after'], '15');
    assert.equal(locked.scrypts, 0);
    const events = await gw.events();
    assert.equal(events.filter((e) => e.ruleId === 'identity.basic-invalid').length, 7);
    assert.ok(!JSON.stringify(events).includes('guess-'), 'passwords never reach the events');
  });
});
