import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isBulwarkError } from '../core/errors.js';
import { createScanClient, type ScanClientOptions } from './scan-client.js';
import type { Identity } from './identity.js';

let server: Server;
let target: URL;
const seen: IncomingMessage[] = [];

before(async () => {
  server = createServer((incoming, response) => {
    seen.push(incoming);
    incoming.resume();
    const url = incoming.url ?? '';
    if (url.startsWith('/api/big')) response.end(Buffer.alloc(200_000, 'a'));
    else if (url.startsWith('/api/slow')) setTimeout(() => response.end('late'), 1_000);
    else if (url.startsWith('/api/redirect')) response.writeHead(302, { location: 'http://example.invalid/' }).end();
    else response.writeHead(200, { 'set-cookie': ['a=1', 'b=2'], 'content-type': 'application/json' }).end('{"ok":true}');
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  target = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`);
});

after(() => server.close());

const alice: Identity = { name: 'alice', role: 'user', headers: { Authorization: 'Bearer alice-token' }, query: { api_key: 'k-alice' }, bearerToken: 'alice-token' };

function client(overrides: Partial<ScanClientOptions> = {}) {
  return createScanClient({ target, rate: 1000, maxRequests: 100, timeoutMs: 2_000, allowDestructive: false, signal: new AbortController().signal, ...overrides });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(isBulwarkError(error), 'a BulwarkError');
  return error.code;
}

test('requests go to the target with the identity; explicit headers win; answers are recorded', async () => {
  const scan = client();
  const result = await scan.send({ method: 'get', path: '/orders?x=1', identity: alice });
  assert.equal(result.request.url, `${target.origin}/api/orders?x=1&api_key=k-alice`);
  assert.equal(result.request.headers.authorization, 'Bearer alice-token');
  assert.equal(seen.at(-1)?.headers.authorization, 'Bearer alice-token');
  assert.equal(result.response?.status, 200);
  assert.equal(result.response?.headers['set-cookie'], 'a=1\nb=2');
  assert.equal(result.response?.body, '{"ok":true}');
  const overridden = await scan.send({ method: 'GET', path: '/orders', identity: alice, headers: { Authorization: 'Bearer forged' } });
  assert.equal(seen.at(-1)?.headers.authorization, 'Bearer forged');
  assert.equal(overridden.request.headers.authorization, 'Bearer forged');
  assert.equal(scan.sent, 2);
  const session: Identity = { name: 'carol', role: 'user', headers: { cookie: 'sid=carol-session' }, query: {} };
  await scan.send({ method: 'GET', path: '/orders', identity: session, headers: { cookie: 'theme=dark' } });
  assert.equal(seen.at(-1)?.headers.cookie, 'theme=dark; sid=carol-session', 'cookie parameters and session cookies merge');
  await scan.close();
});

test('a path cannot leave the target: //host stays a path on the target', async () => {
  const scan = client();
  const result = await scan.send({ method: 'GET', path: '//example.invalid/x' });
  assert.equal(new URL(result.request.url).origin, target.origin);
  assert.equal(seen.at(-1)?.url, '/api//example.invalid/x');
  await scan.close();
});

test('safe mode refuses destructive methods before sending; the budget stops the scan', async () => {
  const scan = client({ maxRequests: 1 });
  assert.equal(scan.allows('DELETE'), false);
  assert.equal(scan.allows('post'), true);
  const before = seen.length;
  assert.equal(await refusal(scan.send({ method: 'DELETE', path: '/orders/1' })), 'SCAN_REQUEST_REFUSED');
  assert.equal(seen.length, before, 'nothing sent');
  await scan.send({ method: 'GET', path: '/a' });
  assert.equal(await refusal(scan.send({ method: 'GET', path: '/b' })), 'SCAN_BUDGET_EXHAUSTED');
  await scan.close();
  assert.equal(client({ allowDestructive: true }).allows('DELETE'), true);
});

test('bodies are bounded, redirects are answers, a timeout is an exchange with an error', async () => {
  const scan = client({ timeoutMs: 200 });
  const big = await scan.send({ method: 'GET', path: '/big' });
  assert.equal(big.response?.isTruncated, true);
  assert.equal(big.response?.body.length, 64 * 1024);
  const redirect = await scan.send({ method: 'GET', path: '/redirect' });
  assert.equal(redirect.response?.status, 302);
  const slow = await scan.send({ method: 'GET', path: '/slow' });
  assert.equal(slow.response, undefined);
  assert.match(slow.error ?? '', /no answer within 200 ms/);
  await scan.close();
});

test('an interrupted scan rejects with SCAN_INTERRUPTED', async () => {
  const controller = new AbortController();
  const scan = client({ signal: controller.signal });
  const pending = scan.send({ method: 'GET', path: '/slow' });
  setTimeout(() => controller.abort(), 50);
  assert.equal(await refusal(pending), 'SCAN_INTERRUPTED');
  assert.equal(await refusal(scan.send({ method: 'GET', path: '/a' })), 'SCAN_INTERRUPTED');
  await scan.close();
});
