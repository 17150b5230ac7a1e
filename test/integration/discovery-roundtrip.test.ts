// The round trip the issue asks for: traffic through a gateway is discovered, exported as OpenAPI
// 3.1, and enforced by a second gateway's contract stage; the same traffic passes there, while an
// injected attack on a typed parameter is refused.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { stringify } from 'yaml';
import { exportOpenApi } from '../../src/discovery/index.js';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

interface Call { method: string; path: string; body?: unknown; headers?: Record<string, string> }

let upstream: TestUpstream;
let learner: TestGateway;
let enforcer: TestGateway | undefined;

/** A small bookshop: integer ids, a paged list, a JSON create. */
function bookshop(method: string, url: string, body: Buffer): { status: number; value: unknown } {
  const [path, query = ''] = url.split('?');
  const id = /^\/api\/books\/(\d+)$/.exec(path!)?.[1];
  if (method === 'GET' && id !== undefined) return { status: 200, value: { id: Number(id), title: `Book ${id}`, isbn: `978-0-00-00000${Number(id) % 10}-1`, price: 9.5 + Number(id), tags: ['fiction'] } };
  if (method === 'GET' && path === '/api/books') return { status: 200, value: { items: [{ id: 1, title: 'A' }], next: new URLSearchParams(query).get('page') ?? null } };
  if (method === 'POST' && path === '/api/books') return { status: 201, value: { id: 99, ...(JSON.parse(body.toString('utf8')) as object) } };
  return { status: 404, value: { error: 'not found' } };
}

const traffic: Call[] = [
  ...Array.from({ length: 30 }, (_, index): Call => ({ method: 'GET', path: `/api/books/${index + 1}` })),
  ...Array.from({ length: 12 }, (_, index): Call => ({ method: 'GET', path: `/api/books?page=${index + 1}&limit=20` })),
  ...Array.from({ length: 8 }, (_, index): Call => ({ method: 'POST', path: '/api/books', body: { title: `New ${index}`, year: 2000 + index, author: { name: `Author ${index}` } } })),
];

async function send(gateway: TestGateway, call: Call): Promise<number> {
  const response = await fetch(`${gateway.url}${call.path}`, {
    method: call.method, headers: { ...(call.body === undefined ? {} : { 'content-type': 'application/json' }), ...call.headers },
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  });
  await response.arrayBuffer();
  return response.status;
}

before(async () => {
  upstream = await startUpstream((req, res, body) => {
    const { status, value } = bookshop(req.method ?? 'GET', req.url ?? '/', body);
    const text = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  learner = await startTestGateway([listenerYaml(), 'stages:\n  discovery: { sampleRate: 1 }', 'routes:', route('shop', upstream.url)].join('\n'));
});

after(async () => {
  await enforcer?.close();
  await learner.close();
  await upstream.close();
});

test('discover, export, enforce: the learned traffic passes and a typed-parameter attack is refused', async () => {
  for (const call of traffic) { const status = await send(learner, call); assert.ok([200, 201].includes(status), `${call.method} ${call.path} through the learning gateway: ${status}`); }
  await learner.running.discovery!.flush();
  const document = exportOpenApi(learner.running.discovery!.discovery.views(), { title: 'Bookshop', version: '1', servers: [] });
  const paths = Object.keys((document as { paths: object }).paths).sort();
  assert.equal(paths.length, 2, paths.join(' '));
  assert.ok(paths[0] === '/api/books' && /^\/api\/books\/\{[a-z]+\}$/.test(paths[1]!), paths.join(' '));

  const file = join(learner.dir, 'discovered.yaml');
  writeFileSync(file, stringify(document));
  enforcer = await startTestGateway([
    listenerYaml(), 'routes:', route('shop', upstream.url, `    openapi: { document: ${JSON.stringify(file)} }\n`),
  ].join('\n'));
  for (const call of traffic) assert.ok([200, 201].includes(await send(enforcer, call)), `${call.method} ${call.path} through the enforcing gateway`);

  const attacks: [Call, string][] = [
    [{ method: 'GET', path: `/api/books/${encodeURIComponent('1 OR 1=1')}` }, 'contract.parameter-invalid'],
    [{ method: 'GET', path: '/api/books?page=1%27%20UNION%20SELECT%201--&limit=20' }, 'contract.parameter-invalid'],
    [{ method: 'POST', path: '/api/books', body: { title: 'x', year: 'nineteen', author: { name: 'a' } } }, 'contract.body-invalid'],
    [{ method: 'DELETE', path: '/api/books/1' }, 'contract.method-not-allowed'],
    [{ method: 'GET', path: '/api/admin/export' }, 'contract.unknown-path'],
  ];
  for (const [attack, rule] of attacks) {
    const response = await fetch(`${enforcer.url}${attack.path}`, {
      method: attack.method, ...(attack.body === undefined ? {} : { body: JSON.stringify(attack.body), headers: { 'content-type': 'application/json' } }),
    });
    const problem = await response.json() as { ruleId?: string };
    assert.ok(response.status >= 400 && response.status < 500, `${attack.method} ${attack.path}: ${response.status}`);
    assert.equal(problem.ruleId, rule, `${attack.method} ${attack.path}`);
  }
});
