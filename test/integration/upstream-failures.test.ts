// An upstream that is down, slow, resets, or answers garbage: the client always gets a clear
// problem+json (502 / 504), an event is stored, and the gateway keeps serving.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { request } from 'undici';
import { listenerYaml, startTestGateway, startUpstream } from '../helpers/harness.js';

async function rawUpstream(onConnection: (socket: Socket) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server: NetServer = createNetServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function expectProblem(url: string, status: number, ruleId: string): Promise<void> {
  const res = await request(url);
  assert.equal(res.statusCode, status);
  assert.equal(res.headers['content-type'], 'application/problem+json');
  const problem = await res.body.json() as { ruleId: string; detail: string };
  assert.equal(problem.ruleId, ruleId);
  assert.doesNotMatch(problem.detail, /127\.0\.0\.1|ECONN|Error:/, 'no internals in the detail');
}

function gatewayFor(upstreamUrl: string, upstreamExtra = ''): Promise<Awaited<ReturnType<typeof startTestGateway>>> {
  return startTestGateway(`${listenerYaml()}
routes:
  - name: failing
    upstream: { url: ${upstreamUrl}${upstreamExtra} }`);
}

describe('upstream failures', () => {
  test('connection refused -> 502 gateway.upstream-unavailable, with an error event', async () => {
    const gw = await gatewayFor(`http://127.0.0.1:${await freePort()}`);
    try {
      await expectProblem(`${gw.url}/x`, 502, 'gateway.upstream-unavailable');
      const events = await gw.events();
      assert.equal(events.at(-1)?.ruleId, 'gateway.upstream-unavailable');
      assert.equal(events.at(-1)?.action, 'error');
    } finally {
      await gw.close();
    }
  });

  test('slow response headers -> 504 gateway.upstream-timeout', async () => {
    const slow = await startUpstream((_req, res) => { setTimeout(() => res.end('late'), 1500).unref(); });
    const gw = await gatewayFor(slow.url, ', responseTimeout: 200ms');
    try {
      await expectProblem(`${gw.url}/x`, 504, 'gateway.upstream-timeout');
    } finally {
      await gw.close();
      await slow.close();
    }
  });

  test('reset before answering -> 502 gateway.upstream-reset', async () => {
    const upstream = await rawUpstream((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const gw = await gatewayFor(upstream.url);
    try {
      await expectProblem(`${gw.url}/x`, 502, 'gateway.upstream-reset');
    } finally {
      await gw.close();
      await upstream.close();
    }
  });

  test('garbage instead of HTTP -> 502 gateway.upstream-invalid-response', async () => {
    const upstream = await rawUpstream((socket) => socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.0\r\n\r\n')));
    const gw = await gatewayFor(upstream.url);
    try {
      await expectProblem(`${gw.url}/x`, 502, 'gateway.upstream-invalid-response');
    } finally {
      await gw.close();
      await upstream.close();
    }
  });

  test('a body cut short after the headers: the client sees a broken response, the gateway survives', async () => {
    const upstream = await rawUpstream((socket) => socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial');
      setTimeout(() => socket.destroy(), 50);
    }));
    const gw = await gatewayFor(upstream.url);
    try {
      const res = await request(`${gw.url}/x`);
      assert.equal(res.statusCode, 200);
      await assert.rejects(res.body.text());
      // Still serving afterwards.
      const again = await request(`${gw.url}/x`);
      assert.equal(again.statusCode, 200);
      await again.body.dump().catch(() => undefined);
    } finally {
      await gw.close();
      await upstream.close();
    }
  });
});
