import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApiModel } from '../../../contract/index.js';
import type { Identity } from '../../identity.js';
import { runScan } from '../../run-scan.js';
import type { ScanReport } from '../../scan-report.js';
import { useAfterDelete } from './use-after-delete.js';

const alice: Identity = { name: 'alice', role: 'user', headers: { authorization: 'Bearer alice' }, query: {} };

/** Notes per mode (the first path segment): `soft` marks deleted notes and still serves them, `hard` removes them. */
const notes = new Map<string, { id: number; deleted: boolean }>();
let nextId = 1;
let origin: string;
const server = createServer((request, response) => {
  request.resume();
  const [, mode = '', , id] = (request.url ?? '').split('/');
  const key = `${mode}/${id ?? ''}`;
  const note = notes.get(key);
  const send = (status: number, body?: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? undefined : JSON.stringify(body));
  if (request.method === 'POST' && id === undefined) {
    const created = { id: nextId++, deleted: false };
    notes.set(`${mode}/${String(created.id)}`, created);
    return send(201, { id: created.id });
  }
  if (note === undefined || (note.deleted && mode === 'hard')) return send(404, { title: 'no such note' });
  if (request.method === 'DELETE') {
    note.deleted = true;
    return send(204);
  }
  return send(200, { id: note.id, text: 'hello' });
});
before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const idParameter = { name: 'noteId', in: 'path', required: true, schema: { type: 'integer' } };
const document = {
  openapi: '3.1.0', info: { title: 't', version: '1' }, security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/notes': { post: { responses: { '201': { description: 'created' } } } },
    '/notes/{noteId}': {
      parameters: [idParameter],
      get: { responses: { '200': { description: 'the note' } } },
      delete: { responses: { '204': { description: 'deleted' } } },
    },
  },
};

function scan(mode: string, allowDestructive: boolean): Promise<ScanReport> {
  const api = buildApiModel({ source: 't.yaml', dialect: 'openapi-3.1', document });
  return runScan({ api, spec: 't.yaml', target: new URL(`${origin}/${mode}`), identities: [alice], checks: [useAfterDelete], rate: 1000, maxRequests: 100, timeoutMs: 5000, allowDestructive, signal: new AbortController().signal });
}

describe('robustness.use-after-delete', () => {
  it('a note still served after its owner deleted it is confirmed, on a fresh note, not the exercise\'s', async () => {
    const report = await scan('soft', true);
    assert.deepEqual(report.findings.map((finding) => [finding.operation, finding.severity, finding.confidence]), [['GET /notes/{noteId}', 'medium', 'confirmed']]);
    assert.deepEqual(report.findings[0]?.evidence.map((exchange) => `${exchange.request.method} ${String(exchange.response?.status)}`), ['GET 200', 'DELETE 204', 'GET 200']);
    const deleted = [...notes.entries()].filter(([key, note]) => key.startsWith('soft/') && note.deleted).map(([, note]) => note.id);
    const firstOfTheScan = Math.min(...[...notes.entries()].filter(([key]) => key.startsWith('soft/')).map(([, note]) => note.id));
    assert.equal(deleted.length, 1);
    assert.notEqual(deleted[0], firstOfTheScan);
  });

  it('a note gone after the delete is no finding', async () => {
    assert.deepEqual((await scan('hard', true)).findings, []);
  });

  it('in safe mode it sends nothing', async () => {
    const report = await scan('soft', false);
    assert.deepEqual(report.findings, []);
    assert.equal(report.requestsSent, 2, 'only the exercise: one creation and one read');
  });
});
