// What clients can send that is not a well-formed request: every case gets a clear 4xx problem,
// nothing half-parsed is forwarded, and the gateway keeps serving.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

/** Sends raw bytes and returns everything the gateway answers before closing (or 2 s). */
function raw(url: string, payload: string | Buffer, options: { endAfterWrite?: boolean } = {}): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (chunk) => { answer += chunk.toString('latin1'); });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(payload);
    if (options.endAfterWrite) socket.end();
  });
}

function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

// Built before the gateway starts: compressing 50 MiB blocks this process's event loop, which the
// in-process gateway's overload monitor would (rightly) answer with 503.
const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));

describe('bad input', () => {
  let api: TestUpstream;
  let gw: TestGateway;

  before(async () => {
    api = await startUpstream();
    gw = await startTestGateway(`${listenerYaml('  timeouts: { headers: 1s, request: 2s }\n  maxHeaderBytes: 4kb')}
routes:
${route('api', api.url)}`);
  });
  after(async () => {
    await gw.close();
    await api.close();
  });

  test('malformed request line -> 400 problem', async () => {
    const answer = await raw(gw.url, 'GARBAGE\r\n\r\n');
    assert.equal(statusOf(answer), 400);
    assert.match(answer, /application\/problem\+json/);
    assert.match(answer, /gateway\.malformed-request/);
  });

  test('Content-Length together with Transfer-Encoding (smuggling) -> 400, nothing forwarded', async () => {
    const seen = api.seen.length;
    const answer = await raw(gw.url, 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    assert.equal(statusOf(answer), 400);
    assert.equal(api.seen.length, seen);
  });

  test('headers over maxHeaderBytes -> 431', async () => {
    const answer = await raw(gw.url, `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(5000)}\r\n\r\n`);
    assert.equal(statusOf(answer), 431);
    assert.match(answer, /limits\.headers-too-large/);
  });

  test('too many headers -> 431 from the limits stage', async () => {
    const headers = Array.from({ length: 120 }, (_, i) => `X-H${i}: 1\r\n`).join('');
    const answer = await raw(gw.url, `GET / HTTP/1.1\r\nHost: a\r\n${headers}Connection: close\r\n\r\n`);
    assert.equal(statusOf(answer), 431);
    assert.match(answer, /limits\.too-many-headers/);
  });

  test('slow headers (slowloris) -> 408 after the headers timeout', async () => {
    const answer = await raw(gw.url, 'GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ');
    assert.equal(statusOf(answer), 408);
  });

  test('invalid JSON body -> 400 limits.json-invalid, not forwarded', async () => {
    const seen = api.seen.length;
    const res = await request(`${gw.url}/x`, { method: 'POST', body: '{"a":', headers: { 'content-type': 'application/json' } });
    assert.equal(res.statusCode, 400);
    assert.equal((await res.body.json() as { ruleId: string }).ruleId, 'limits.json-invalid');
    assert.equal(api.seen.length, seen);
  });

  test('JSON nested deeper than 64 -> 400 limits.json-too-deep', async () => {
    const res = await request(`${gw.url}/x`, { method: 'POST', body: `${'['.repeat(65)}${']'.repeat(65)}`, headers: { 'content-type': 'application/json' } });
    assert.equal(res.statusCode, 400);
    assert.equal((await res.body.json() as { ruleId: string }).ruleId, 'limits.json-too-deep');
  });

  test('a gzip bomb is stopped at the decoded limit -> 413', async () => {
    const res = await request(`${gw.url}/x`, { method: 'POST', body: bomb, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    assert.equal(res.statusCode, 413);
    assert.match((await res.body.json() as { ruleId: string }).ruleId, /^limits\.body-(too-large|inflate-ratio)$/);
  });

  test('a corrupt gzip body -> 400 limits.body-corrupt', async () => {
    const res = await request(`${gw.url}/x`, { method: 'POST', body: Buffer.from('not gzip at all'), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    assert.equal(res.statusCode, 400);
    assert.equal((await res.body.json() as { ruleId: string }).ruleId, 'limits.body-corrupt');
  });

  test('an unknown content-encoding -> 415', async () => {
    const res = await request(`${gw.url}/x`, { method: 'POST', body: 'x', headers: { 'content-type': 'application/json', 'content-encoding': 'zstd-custom' } });
    assert.equal(res.statusCode, 415);
    await res.body.dump();
  });

  test('a body over the limit without Content-Length (chunked) -> 413, the upstream never sees it whole', async () => {
    function* big() {
      for (let i = 0; i < 40; i++) yield Buffer.alloc(64 * 1024, 120);
    }
    const res = await request(`${gw.url}/upload`, { method: 'PUT', body: Readable.from(big()), headers: { 'content-type': 'application/octet-stream' } }).catch((error: Error) => error);
    // The gateway may close the socket while the client still writes; either way it decided 413.
    if (!(res instanceof Error)) {
      assert.equal(res.statusCode, 413);
      await res.body.dump();
    }
    const events = await gw.events();
    assert.ok(events.some((e) => e.path === '/upload' && e.ruleId === 'limits.body-too-large'), 'the 413 decision was recorded');
    assert.ok(!api.seen.some((r) => r.url === '/upload' && r.body.length > 1024 * 1024), 'the upstream never got the whole body');
  });

  test('a declared Content-Length over the limit -> 413 before the body is read', async () => {
    const answer = await raw(gw.url, 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Type: application/octet-stream\r\nContent-Length: 5000000\r\n\r\nabc');
    assert.equal(statusOf(answer), 413);
    assert.match(answer, /limits\.body-too-large/);
  });

  test('a client that aborts mid-body does not crash the gateway', async () => {
    await raw(gw.url, 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":', { endAfterWrite: true });
    const res = await request(`${gw.url}/still-alive`);
    assert.equal(res.statusCode, 200);
    await res.body.dump();
  });

  test('a header name with an underscore -> 400', async () => {
    const res = await request(`${gw.url}/x`, { headers: { x_user_id: '1' } });
    assert.equal(res.statusCode, 400);
    assert.equal((await res.body.json() as { ruleId: string }).ruleId, 'limits.header-underscore');
  });
});

describe('connection limits', () => {
  test('maxRequestsPerSocket closes keep-alive after the limit', async () => {
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml('  maxRequestsPerSocket: 2')}
routes:
${route('api', api.url)}`);
    try {
      const one = 'GET /x HTTP/1.1\r\nHost: a\r\n\r\n';
      const answer = await raw(gw.url, one + one);
      const heads = answer.split('HTTP/1.1 ').slice(1);
      assert.equal(heads.length, 2);
      assert.doesNotMatch(heads[0] ?? '', /connection: close/i);
      assert.match(heads[1] ?? '', /connection: close/i);
    } finally {
      await gw.close();
      await api.close();
    }
  });
});
