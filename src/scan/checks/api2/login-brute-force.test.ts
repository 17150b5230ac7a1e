import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import type { Identity } from '../../identity.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { loginBruteForce } from './login-brute-force.js';

const alice: Identity = { name: 'alice', role: 'user', headers: { authorization: 'Bearer alice' }, query: {} };

async function bodyOf(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, string>;
}

/**
 * Accounts per mode (the first path segment): `open` never limits, `locking` answers 429 with
 * Retry-After after 5 failures, `silent` locks after 5 failures with a plain 401, even to the right password.
 */
const accounts = new Map<string, { password: string; failures: number }>();
const tried = new Set<string>();
let origin: string;
const server = createServer((request, response) => {
  void bodyOf(request).then(({ username = '', password = '' }) => {
    const [, mode = '', ...rest] = (request.url ?? '').split('/');
    const path = `/${rest.join('/')}`;
    const send = (status: number, headers: Record<string, string> = {}): void => void response.writeHead(status, { 'content-type': 'application/json', ...headers }).end('{}');
    if (path === '/users') {
      accounts.set(`${mode}/${username}`, { password, failures: 0 });
      return send(201);
    }
    tried.add(username);
    const account = accounts.get(`${mode}/${username}`);
    const failures = account?.failures ?? 0;
    if (mode === 'locking' && failures >= 5) return send(429, { 'retry-after': '60' });
    if (account !== undefined && account.password === password && !(mode === 'silent' && failures >= 5)) return send(200);
    if (account !== undefined) account.failures++;
    return send(401);
  });
});
before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const credentials = { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string', pattern: '^[a-z0-9_]{3,32}$' }, password: { type: 'string', minLength: 8 } } };
const publicPost = { security: [], requestBody: { required: true, content: { 'application/json': { schema: credentials } } }, responses: { '200': { description: 'ok' } } };
const documentOf = (hasSignUp: boolean): Record<string, unknown> => ({
  openapi: '3.1.0', info: { title: 't', version: '1' }, security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: { '/auth/login': { post: { ...publicPost, operationId: 'login' } }, ...(hasSignUp ? { '/users': { post: { ...publicPost, operationId: 'createUser' } } } : {}) },
});

function scan(mode: string, hasSignUp = true): Promise<ScanReport> {
  const api = buildApiModel({ source: 't.yaml', dialect: 'openapi-3.1', document: documentOf(hasSignUp) });
  return runScan({ api, spec: 't.yaml', target: new URL(`${origin}/${mode}`), identities: [alice], checks: [loginBruteForce], rate: 1000, maxRequests: 100, timeoutMs: 5000, allowDestructive: false, signal: new AbortController().signal });
}

describe('api2.login-brute-force', () => {
  it('15 failures for a throwaway account, then its right password working, is confirmed', async () => {
    const report = await scan('open');
    assert.deepEqual(report.findings.map((finding) => [finding.operation, finding.severity, finding.confidence]), [['POST /auth/login', 'high', 'confirmed']]);
    assert.deepEqual(report.findings[0]?.evidence.map((exchange) => exchange.response?.status), [401, 401, 200]);
    assert.ok(![...tried].some((name) => name === 'alice'), 'the scan\'s own identities are never tried');
  });

  it('a lockout, with 429 and Retry-After or a silent one, is no finding', async () => {
    assert.deepEqual((await scan('locking')).findings, []);
    assert.deepEqual((await scan('silent')).findings, []);
  });

  it('without a sign-up, an unlimited non-existent account is only a suspicion', async () => {
    const report = await scan('open', false);
    assert.deepEqual(report.findings.map((finding) => [finding.severity, finding.confidence]), [['info', 'tentative']]);
  });
});
