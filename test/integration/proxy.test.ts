// Forwarding through a real gateway to real upstreams: headers, routing, bodies, request ids.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

describe('proxy', () => {
  let api: TestUpstream;
  let admin: TestUpstream;
  let gw: TestGateway;

  before(async () => {
    api = await startUpstream();
    admin = await startUpstream();
    gw = await startTestGateway(`${listenerYaml('  trustedProxies: [10.0.0.0/8]')}
routes:
${route('api', `${api.url}/base/`, '    match: { pathPrefix: /api }\n    stripPrefix: true')}
${route('admin-host', admin.url, '    match: { hosts: [admin.example.test] }')}
${route('root', api.url)}`);
  });
  after(async () => {
    await gw.close();
    await api.close();
    await admin.close();
  });

  test('forwards to the upstream base path with the prefix stripped and the query kept', async () => {
    const res = await request(`${gw.url}/api/books/1?x=1&y=%2F`);
    assert.equal(res.statusCode, 200);
    const body = await res.body.json() as { url: string; headers: Record<string, string> };
    assert.equal(body.url, '/base/books/1?x=1&y=%2F');
    assert.equal(body.headers.host, new URL(api.url).host);
  });

  test('sets X-Forwarded-* and a request id, ignoring spoofed values from untrusted peers', async () => {
    const res = await request(`${gw.url}/api/x`, { headers: { 'x-forwarded-for': '6.6.6.6', 'x-request-id': 'spoofed-id', 'x-forwarded-proto': 'https' } });
    const body = await res.body.json() as { headers: Record<string, string> };
    assert.equal(body.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(body.headers['x-forwarded-proto'], 'http');
    assert.match(body.headers['x-forwarded-host'] ?? '', /^127\.0\.0\.1:\d+$/);
    assert.notEqual(body.headers['x-request-id'], 'spoofed-id');
    assert.equal(res.headers['x-request-id'], body.headers['x-request-id']);
  });

  test('removes hop-by-hop headers and those named in Connection', async () => {
    // undici refuses to send these, so the request is written by hand.
    const { port } = new URL(gw.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => { text += chunk.toString(); });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      socket.write('GET /api/x HTTP/1.1\r\nHost: a\r\nConnection: close, x-secret-hop\r\nX-Secret-Hop: 1\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nX-Kept: yes\r\n\r\n');
    });
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { headers: Record<string, string> };
    assert.equal(body.headers['x-secret-hop'], undefined);
    assert.equal(body.headers.te, undefined);
    assert.equal(body.headers['keep-alive'], undefined);
    assert.equal(body.headers['x-kept'], 'yes');
  });

  test('routes by host before path', async () => {
    const before = admin.seen.length;
    const res = await request(`${gw.url}/anything`, { headers: { host: 'admin.example.test' } });
    assert.equal(res.statusCode, 200);
    await res.body.dump();
    assert.equal(admin.seen.length, before + 1);
  });

  test('streams request bodies of unknown length (chunked) to the upstream', async () => {
    function* chunks() {
      for (let i = 0; i < 8; i++) yield Buffer.alloc(1024, 97);
    }
    const res = await request(`${gw.url}/upload`, { method: 'PUT', body: Readable.from(chunks()), headers: { 'content-type': 'application/octet-stream' } });
    const body = await res.body.json() as { bodyLength: number; headers: Record<string, string> };
    assert.equal(body.bodyLength, 8192);
  });

  test('normalises the path before routing: dot segments cannot escape the route', async () => {
    const res = await request(`${gw.url}/api/../admin/x`);
    const body = await res.body.json() as { url: string };
    assert.equal(res.statusCode, 200);
    assert.equal(body.url, '/admin/x', 'forwarded normalised to the root route, not under /api');
  });

  test('encoded slashes are rejected with problem+json', async () => {
    const res = await request(`${gw.url}/api/a%2f..%2f..%2fetc`);
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers['content-type'], 'application/problem+json');
    const problem = await res.body.json() as { ruleId: string; requestId: string; status: number };
    assert.equal(problem.ruleId, 'gateway.path-invalid');
    assert.equal(problem.status, 400);
    assert.equal(problem.requestId, res.headers['x-request-id']);
  });

  test('HEAD answers carry no body', async () => {
    const res = await request(`${gw.url}/api/x`, { method: 'HEAD' });
    assert.equal(res.statusCode, 200);
    assert.equal((await res.body.text()), '');
  });

  test('events are written for denials, with the request id', async () => {
    const res = await request(`${gw.url}/x%00y`);
    const problem = await res.body.json() as { requestId: string };
    const events = await gw.events();
    const event = events.find((e) => e.requestId === problem.requestId);
    assert.ok(event, 'event stored');
    assert.equal(event.ruleId, 'gateway.path-invalid');
    assert.equal(event.action, 'blocked');
    assert.equal(event.status, 400);
  });
});

describe('no route', () => {
  test('an unknown host gets 404 problem+json with security headers', async () => {
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml()}
routes:
${route('only', api.url, '    match: { hosts: [api.example.test] }')}`);
    try {
      const res = await request(`${gw.url}/x`, { headers: { host: 'other.example.test' } });
      assert.equal(res.statusCode, 404);
      const problem = await res.body.json() as { ruleId: string };
      assert.equal(problem.ruleId, 'gateway.route-not-found');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(api.seen.length, 0);
    } finally {
      await gw.close();
      await api.close();
    }
  });
});

describe('behind a trusted proxy', () => {
  test('the client comes from X-Forwarded-For, the chain is extended and the request id kept', async () => {
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml('  trustedProxies: [127.0.0.1]')}
stages:
  ip: { deny: [198.51.100.0/24] }
routes:
${route('api', api.url)}`);
    try {
      const denied = await request(`${gw.url}/x`, { headers: { 'x-forwarded-for': '198.51.100.7' } });
      assert.equal(denied.statusCode, 403);
      const problem = await denied.body.json() as { ruleId: string; detail: string };
      assert.equal(problem.ruleId, 'ip.denied');
      assert.doesNotMatch(problem.detail, /198\.51/, 'the address is not echoed');
      const events = await gw.events();
      assert.equal(events.at(-1)?.clientIp, '198.51.100.7');

      const res = await request(`${gw.url}/x`, { headers: { 'x-forwarded-for': '203.0.113.5', 'x-request-id': 'lb-1234', 'x-forwarded-proto': 'https' } });
      const body = await res.body.json() as { headers: Record<string, string> };
      assert.equal(body.headers['x-forwarded-for'], '203.0.113.5, 127.0.0.1');
      assert.equal(body.headers['x-request-id'], 'lb-1234');
      assert.equal(body.headers['x-forwarded-proto'], 'https');
      const bad = await request(`${gw.url}/x`, { headers: { 'x-request-id': 'has spaces\tand tabs' } });
      await bad.body.dump();
      assert.notEqual(bad.headers['x-request-id'], 'has spaces\tand tabs', 'malformed ids are replaced');
    } finally {
      await gw.close();
      await api.close();
    }
  });
});
