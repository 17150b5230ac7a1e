import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { undocumentedPaths, WELL_KNOWN_PATHS } from './undocumented-paths.js';

/** Per mode (the first path segment): path → body answered 200; anything else is 404. */
const MODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  leaky: {
    '/debug/vars': '{"env":{"JWT_SECRET":"secret123"}}',
    '/actuator': '{"_links":{}}',
    '/openapi.json': '{"openapi":"3.1.0"}',
    '/metrics': '{"documented":true}',
  },
  spa: {},
};
let origin: string;
const server = createServer((request, response) => {
  request.resume();
  const [, mode = '', ...rest] = (request.url ?? '').split('/');
  const body = mode === 'spa' ? '<html>app</html>' : MODES[mode]?.[`/${rest.join('/')}`];
  response.writeHead(body === undefined ? 404 : 200).end(body ?? 'Not found');
});
before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const document = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/metrics': { get: { responses: { '200': { description: 'documented metrics' } } } } } };

function scan(mode: string): Promise<ScanReport> {
  const api = buildApiModel({ source: 't.yaml', dialect: 'openapi-3.1', document });
  return runScan({ api, spec: 't.yaml', target: new URL(`${origin}/${mode}`), identities: [], checks: [undocumentedPaths], rate: 1000, maxRequests: 100, timeoutMs: 5000, allowDestructive: false, signal: new AbortController().signal });
}

describe('api9.undocumented-paths', () => {
  it('reports the well-known paths that answer, by what they expose, and never a documented one', async () => {
    const report = await scan('leaky');
    const found = report.findings.map((finding) => [/GET (\S+)/.exec(finding.message)?.[1], finding.severity, finding.confidence]);
    assert.deepEqual(found, [['/debug/vars', 'high', 'confirmed'], ['/actuator', 'medium', 'confirmed'], ['/openapi.json', 'low', 'confirmed']]);
    // The exercise's GET /metrics, one control, and every listed path but the documented /metrics.
    assert.equal(report.requestsSent, 1 + 1 + WELL_KNOWN_PATHS.length - 1);
  });

  it('a catch-all that answers every path with the same page is no finding', async () => {
    assert.deepEqual((await scan('spa')).findings, []);
  });

  it('the list stays short: a check, not a wordlist brute force', () => {
    assert.ok(WELL_KNOWN_PATHS.length <= 40);
    assert.equal(new Set(WELL_KNOWN_PATHS.map(([path]) => path)).size, WELL_KNOWN_PATHS.length);
  });
});
