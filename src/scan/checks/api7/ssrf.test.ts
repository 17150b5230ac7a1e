import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { ssrf } from './ssrf.js';

type Handler = (url: URL | undefined, response: ServerResponse) => Promise<void> | void;
const json = (response: ServerResponse, status: number, body: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const isLoopback = (url: URL | undefined): boolean => url?.hostname === '127.0.0.1';

/** One behaviour per first path segment (the scan target's base path), so the scans can run at once. */
const HANDLERS: Readonly<Record<string, Handler>> = {
  async fetching(url, response) {
    if (url !== undefined && isLoopback(url)) return json(response, 200, { body: await (await fetch(url)).text() });
    if (url?.hostname === '169.254.169.254') return json(response, 200, { body: 'ami-id\ninstance-id\n' });
    if (url?.hostname.startsWith('10.') === true) return json(response, 502, { error: `connect ECONNREFUSED ${url.hostname}:80` });
    return json(response, 502, { error: `getaddrinfo ENOTFOUND ${url?.hostname ?? ''}` });
  },
  blind(url, response) {
    json(response, 202, { queued: true });
    if (url !== undefined && isLoopback(url)) setTimeout(() => void fetch(url).catch(() => undefined), 300);
  },
  echoing: (url, response) => json(response, 400, { error: `ECONNREFUSED is not a host: ${url?.href ?? ''}` }),
  accepting: (_url, response) => json(response, 202, { queued: true }),
  picky: (url, response) => json(response, url?.hostname.endsWith('.invalid') === true ? 400 : 202, { queued: true }),
};
let origin: string;
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => {
    let url: URL | undefined;
    try {
      url = new URL((JSON.parse(Buffer.concat(chunks).toString()) as { callbackUrl: string }).callbackUrl);
    } catch {
      url = undefined;
    }
    const handler = HANDLERS[request.url?.split('/')[1] ?? ''] ?? ((_url, answer) => json(answer, 404, {}));
    void handler(url, response);
  });
});
before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const document = {
  openapi: '3.1.0', info: { title: 'hooks', version: '1.0.0' },
  paths: { '/hooks': { post: {
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['callbackUrl'], properties: { callbackUrl: { type: 'string', format: 'uri' } } } } } },
    responses: { '200': { description: 'sent' } },
  } } },
};

function scan(mode: string): Promise<ScanReport> {
  const target = new URL(`${origin}/${mode}`);
  const api = buildApiModel({ source: 'hooks.yaml', dialect: 'openapi-3.1', document });
  return runScan({ api, spec: 'hooks.yaml', target, identities: [], checks: [ssrf], rate: 1000, maxRequests: 100, timeoutMs: 5000, allowDestructive: false, signal: new AbortController().signal });
}

// The scans run at once: four of them wait out the listener's deadline for a callback that never comes.
describe('api7.ssrf', { concurrency: true }, () => {
  it('a server that fetches the URL is confirmed by the loopback listener; metadata content and connection errors by their signs', async () => {
    const report = await scan('fetching');
    const found = report.findings.map((finding) => [finding.severity, finding.confidence, /listener|metadata|10\.0\.0\.1|192\.168/.exec(finding.message)?.[0]]);
    assert.deepEqual(found, [['critical', 'confirmed', 'metadata'], ['high', 'confirmed', 'listener'], ['high', 'confirmed', '10.0.0.1']]);
    assert.match(report.findings[1]?.message ?? '', /full-read/);
  });

  it('a blind fetch after the answer is still confirmed, within the wait', async () => {
    const report = await scan('blind');
    assert.deepEqual(report.findings.map((finding) => [finding.confidence, /listener/.test(finding.message)]), [['confirmed', true]]);
    assert.doesNotMatch(report.findings[0]?.message ?? '', /full-read/);
  });

  it('echoing the address back, or accepting every URL without fetching, proves nothing', async () => {
    const reports = await Promise.all([scan('echoing'), scan('accepting')]);
    assert.deepEqual(reports.map((report) => report.findings), [[], []]);
  });

  it('an internal address accepted where an unresolvable host is refused is only a suspicion', async () => {
    const report = await scan('picky');
    assert.equal(report.findings.length, 3);
    assert.ok(report.findings.every((finding) => finding.confidence === 'tentative' && finding.severity === 'info'));
  });
});
