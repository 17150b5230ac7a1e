import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import type { Identity } from '../../identity.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { oldVersions, olderPaths } from './old-versions.js';

describe('olderPaths', () => {
  it('lowers a version segment, up to three versions back, keeping the query', () => {
    assert.deepEqual(olderPaths('/api/v3/users/7?x=1', '/api/v3', '3.0.0'), [
      { path: '/api/v2/users/7?x=1', prefix: '/api/v2' }, { path: '/api/v1/users/7?x=1', prefix: '/api/v1' }, { path: '/api/v0/users/7?x=1', prefix: '/api/v0' },
    ]);
    assert.deepEqual(olderPaths('/v1/users', '', '9.0.0').map((older) => older.path), ['/v0/users']);
  });

  it('without a version in the path, tries /v1 ... below the document\'s major version, after the base path', () => {
    assert.deepEqual(olderPaths('/api/users/7', '/api', '2.0.0'), [{ path: '/api/v1/users/7', prefix: '/api/v1' }]);
    assert.deepEqual(olderPaths('/users/7', '', 'v4').map((older) => older.path), ['/v3/users/7', '/v2/users/7', '/v1/users/7']);
    assert.deepEqual(olderPaths('/users/7', '', '1.4.2'), []);
    assert.deepEqual(olderPaths('/users/7', '', '2024-01-01'), []);
  });
});

const alice: Identity = { name: 'alice', role: 'user', headers: { authorization: 'Bearer alice' }, query: {} };
const json = (response: ServerResponse, status: number, body: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
/** Paths each mode answers 200 (the first path segment picks the mode); anything else is 404. */
const MODES: Readonly<Record<string, (path: string, isAuthenticated: boolean) => boolean>> = {
  live: (path) => /^\/(?:v1\/)?users\/\d+$/.test(path),
  authenticated: (path, isAuthenticated) => /^\/users\/\d+$/.test(path) || (isAuthenticated && /^\/v1\/users\/\d+$/.test(path)),
  retired: (path) => /^\/users\/\d+$/.test(path),
  'catch-all': () => true,
};
let origin: string;
const server = createServer((request, response) => {
  request.resume();
  const [, mode = '', ...rest] = (request.url ?? '').split('/');
  const answers = MODES[mode]?.(`/${rest.join('/')}`, request.headers.authorization !== undefined) ?? false;
  json(response, answers ? 200 : 404, answers ? { id: 7, passwordHash: 'x' } : { title: 'Not found' });
});
before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const document = {
  openapi: '3.1.0', info: { title: 'users', version: '2.1.0' },
  paths: { '/users/{userId}': { get: {
    security: [{ bearer: [] }], parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'integer', minimum: 7, maximum: 7 } }],
    responses: { '200': { description: 'the user' } },
  } } },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
};

function scan(mode: string): Promise<ScanReport> {
  const api = buildApiModel({ source: 'users.yaml', dialect: 'openapi-3.1', document });
  return runScan({ api, spec: 'users.yaml', target: new URL(`${origin}/${mode}`), identities: [alice], checks: [oldVersions], rate: 1000, maxRequests: 100, timeoutMs: 5000, allowDestructive: false, signal: new AbortController().signal });
}

describe('api9.old-versions', () => {
  it('an older version answering without credentials is high, with the control in the evidence', async () => {
    const [finding, ...others] = (await scan('live')).findings;
    assert.equal(others.length, 0);
    assert.equal(finding?.severity, 'high');
    assert.match(finding?.message ?? '', /\/v1\/users\/7 .* even without credentials/);
    assert.deepEqual(finding?.evidence.map((exchange) => exchange.response?.status), [200, 200, 404]);
  });

  it('one that still asks for credentials is medium', async () => {
    assert.deepEqual((await scan('authenticated')).findings.map((finding) => finding.severity), ['medium']);
  });

  it('a retired version, or a catch-all route that answers every path, is no finding', async () => {
    assert.deepEqual((await scan('retired')).findings, []);
    assert.deepEqual((await scan('catch-all')).findings, []);
  });
});
