// The first stages in the real pipeline: per-route overrides, monitor mode, security headers on
// upstream and local answers, CORS, and the failure policy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

describe('stages in the pipeline', () => {
  let api: TestUpstream;
  let gw: TestGateway;

  before(async () => {
    api = await startUpstream();
    gw = await startTestGateway(`${listenerYaml()}
stages:
  limits:
    body: { maxBytes: 1kb }
  headers:
    cors: { enabled: true, allowOrigins: [https://app.example.test], allowCredentials: true }
routes:
${route('uploads', api.url, `    match: { pathPrefix: /uploads }
    stages:
      limits: { body: { maxBytes: 8kb } }`)}
${route('watched', api.url, `    match: { pathPrefix: /watched }
    stages:
      limits: { mode: monitor }
      ip: { deny: [127.0.0.1] , mode: monitor }
      # A stage that buffers the body caps it at the limit even when limits only monitors (buffering
      # costs memory, see runtime.ts capsStreamedBody); threats would buffer it, so it is off here.
      threats: { enabled: false }`)}
${route('locked', api.url, `    match: { pathPrefix: /locked }
    stages:
      ip: { allow: [10.0.0.0/8] }`)}
${route('api', api.url)}`);
  });
  after(async () => {
    await gw.close();
    await api.close();
  });

  const post = (path: string, size: number) => request(`${gw.url}${path}`, { method: 'POST', body: Buffer.alloc(size, 97), headers: { 'content-type': 'application/octet-stream' } });

  test('global body limit applies; a route override raises it for that route only', async () => {
    const small = await post('/x', 2048);
    assert.equal(small.statusCode, 413);
    assert.equal((await small.body.json() as { ruleId: string }).ruleId, 'limits.body-too-large');
    const upload = await post('/uploads/file', 2048);
    assert.equal(upload.statusCode, 200);
    await upload.body.dump();
    const tooBig = await post('/uploads/file', 9000);
    assert.equal(tooBig.statusCode, 413);
    await tooBig.body.dump();
  });

  test('monitor mode lets the request through and records a monitored event', async () => {
    const res = await post('/watched/x', 2048);
    assert.equal(res.statusCode, 200);
    const requestId = res.headers['x-request-id'];
    await res.body.dump();
    const events = (await gw.events()).filter((e) => e.requestId === requestId);
    assert.deepEqual(events.map((e) => [e.ruleId, e.action]).sort(), [['ip.denied', 'monitored'], ['limits.body-too-large', 'monitored']]);
  });

  test('an allow list on one route denies everyone else there', async () => {
    const res = await request(`${gw.url}/locked/x`);
    assert.equal(res.statusCode, 403);
    assert.equal((await res.body.json() as { ruleId: string }).ruleId, 'ip.not-allowed');
  });

  test('banners are removed and security headers added, on upstream answers and on denials', async () => {
    const ok = await request(`${gw.url}/x`, { headers: { authorization: 'Bearer abc' } });
    await ok.body.dump();
    assert.equal(ok.headers.server, undefined);
    assert.equal(ok.headers['x-powered-by'], undefined);
    assert.equal(ok.headers['x-content-type-options'], 'nosniff');
    assert.equal(ok.headers['cache-control'], 'no-store');
    assert.equal(ok.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
    const denied = await post('/x', 4096);
    await denied.body.dump();
    assert.equal(denied.headers['x-content-type-options'], 'nosniff');
    assert.equal(denied.headers['x-frame-options'], 'DENY');
  });

  test('CORS: allowed origin gets its own origin back, others get nothing, preflights answered locally', async () => {
    const allowed = await request(`${gw.url}/x`, { headers: { origin: 'https://app.example.test' } });
    await allowed.body.dump();
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.test');
    assert.equal(allowed.headers['access-control-allow-credentials'], 'true');
    const other = await request(`${gw.url}/x`, { headers: { origin: 'https://evil.example' } });
    await other.body.dump();
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    const seen = api.seen.length;
    const preflight = await request(`${gw.url}/x`, { method: 'OPTIONS', headers: { origin: 'https://app.example.test', 'access-control-request-method': 'PUT' } });
    await preflight.body.dump();
    assert.equal(preflight.statusCode, 204);
    assert.equal(api.seen.length, seen, 'preflight not forwarded');
    const badPreflight = await request(`${gw.url}/x`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' } });
    assert.equal(badPreflight.statusCode, 403);
    await badPreflight.body.dump();
  });
});

describe('metrics and health', () => {
  test('/healthz, /readyz and /metrics on the admin port count requests and denials', async () => {
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml()}
routes:
${route('api', api.url)}`);
    try {
      await (await request(`${gw.url}/x`)).body.dump();
      await (await request(`${gw.url}/x`, { headers: { x_bad: '1' } })).body.dump();
      assert.equal((await request(`${gw.adminUrl}/healthz`)).statusCode, 200);
      assert.equal((await request(`${gw.adminUrl}/readyz`)).statusCode, 200);
      const text = await (await request(`${gw.adminUrl}/metrics`)).body.text();
      assert.match(text, /bulwark_requests_total\{route="api",method="GET",status_class="2xx"\} 1/);
      assert.match(text, /bulwark_denials_total\{stage="limits",rule="limits.header-underscore",route="api",action="blocked"\} 1/);
      assert.match(text, /bulwark_request_duration_seconds_bucket/);
      assert.match(text, /nodejs_eventloop_lag_seconds/);
    } finally {
      await gw.close();
      await api.close();
    }
  });
});
