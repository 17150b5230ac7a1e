// bench:scan: how long `bulwark scan` takes on a 50-operation API at its default settings (20
// requests/s, safe mode, every registered check). The API is generated: 10 resources, each with
// list / create / read / update / delete, bearer authentication, owner checks, validation, size and
// rate limits (a well-defended API: the time is the scan's own work, and a finding of medium or more
// here is a false positive). Loopback only; goal: < 2 minutes.
//
// Environment: BENCH_RATE (20), BENCH_DESTRUCTIVE=1 (also PUT / PATCH / DELETE), BENCH_RESOURCES (10).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApiModel, loadApiDocument } from '../src/contract/index.js';
import { SCAN_CHECKS } from '../src/scan/checks/registry.js';
import type { Identity } from '../src/scan/identity.js';
import { runScan, type ScanProgress } from '../src/scan/run-scan.js';

const RATE = Number(process.env.BENCH_RATE ?? 20);
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10);
const DESTRUCTIVE = process.env.BENCH_DESTRUCTIVE === '1';
const GOAL_SECONDS = 120;
const TOKENS: Readonly<Record<string, string>> = { 'token-alice-0123456789': 'alice', 'token-bob-0123456789': 'bob', 'token-admin-0123456789': 'admin' };

function documentOf(resources: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < resources; index++) {
    const name = `widget${index}s`;
    schemas[`W${index}`] = {
      type: 'object', required: ['name', 'size'], additionalProperties: false,
      properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string', maxLength: 50 }, size: { type: 'integer', minimum: 1, maximum: 10 }, tags: { type: 'array', maxItems: 5, items: { type: 'string', maxLength: 20 } } },
    };
    const item = { content: { 'application/json': { schema: { $ref: `#/components/schemas/W${index}` } } } };
    const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
    paths[`/${name}`] = {
      get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }, { name: 'q', in: 'query', schema: { type: 'string', maxLength: 50 } }], responses: { 200: { description: 'list', content: { 'application/json': { schema: { type: 'array', items: { $ref: `#/components/schemas/W${index}` } } } } }, 401: { description: 'no' } } },
      post: { requestBody: { required: true, ...item }, responses: { 201: { description: 'created', ...item }, 400: { description: 'bad' }, 401: { description: 'no' } } },
    };
    paths[`/${name}/{id}`] = {
      get: { parameters: [id], responses: { 200: { description: 'one', ...item }, 404: { description: 'none' } } },
      patch: { parameters: [id], requestBody: { required: true, ...item }, responses: { 200: { description: 'changed', ...item }, 404: { description: 'none' } } },
      delete: { parameters: [id], responses: { 204: { description: 'gone' }, 404: { description: 'none' } } },
    };
  }
  return {
    openapi: '3.1.0', info: { title: 'bench:scan API', version: '1.0.0' }, servers: [{ url: '/' }], security: [{ bearer: [] }], paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

const MAX_BODY = 64 * 1024;
const BUCKET = 40;

/** The document's rules, enforced: what a well-defended implementation refuses with 400. */
function isValid(body: Record<string, unknown>, isPartial: boolean): boolean {
  const { name, size, tags } = body;
  if (!isPartial && (name === undefined || size === undefined)) return false;
  if (name !== undefined && (typeof name !== 'string' || name.length > 50)) return false;
  if (size !== undefined && (!Number.isInteger(size) || (size as number) < 1 || (size as number) > 10)) return false;
  return tags === undefined || (Array.isArray(tags) && tags.length <= 5 && tags.every((tag) => typeof tag === 'string' && tag.length <= 20));
}

/** A well-defended implementation: owners only, validation, size and rate limits, security headers, no banners. */
function serve(): (incoming: IncomingMessage, response: ServerResponse) => void {
  const objects = new Map<number, { owner: string; resource: string; value: Record<string, unknown> }>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  let nextId = 1;
  const allow = (user: string): boolean => {
    const now = performance.now();
    const bucket = buckets.get(user) ?? { tokens: BUCKET, at: now };
    bucket.tokens = Math.min(BUCKET, bucket.tokens + ((now - bucket.at) / 1000) * BUCKET);
    bucket.at = now;
    buckets.set(user, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens--;
    return true;
  };
  return (incoming, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    incoming.on('end', () => {
      const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
        response.writeHead(status, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', ...headers }).end(body === undefined ? undefined : JSON.stringify(body));
      };
      const user = TOKENS[(incoming.headers.authorization ?? '').replace(/^Bearer /, '')];
      if (user === undefined) return send(401, { title: 'Unauthorized' });
      if (!allow(user)) return send(429, { title: 'Too Many Requests' }, { 'retry-after': '1' });
      if (size > MAX_BODY) return send(413, { title: 'Content Too Large' });
      const url = new URL(incoming.url ?? '/', 'http://bench.invalid');
      const [resource = '', rawId] = url.pathname.split('/').filter(Boolean);
      if (!/^widget\d+s$/.test(resource)) return send(404, { title: 'Not Found' });
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return send(400, { title: 'Bad Request' });
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return send(400, { title: 'Bad Request' });
      if (rawId === undefined) {
        if (incoming.method === 'GET') {
          const limit = url.searchParams.get('limit');
          if (limit !== null && (!/^\d{1,3}$/.test(limit) || Number(limit) > 100)) return send(400, { title: 'Bad Request' });
          return send(200, [...objects.entries()].filter(([, o]) => o.owner === user && o.resource === resource).map(([id, o]) => ({ id, ...o.value })));
        }
        if (incoming.method !== 'POST') return send(405, { title: 'Method Not Allowed' });
        if (!isValid(body, false)) return send(400, { title: 'Bad Request' });
        const id = nextId++;
        objects.set(id, { owner: user, resource, value: { name: body.name, size: body.size } });
        return send(201, { id, name: body.name, size: body.size });
      }
      const object = objects.get(Number(rawId));
      if (!/^\d+$/.test(rawId) || object === undefined || object.owner !== user || object.resource !== resource) return send(404, { title: 'Not Found' });
      if (incoming.method === 'GET') return send(200, { id: Number(rawId), ...object.value });
      if (incoming.method === 'DELETE') return objects.delete(Number(rawId)) ? send(204) : send(404);
      if (incoming.method !== 'PATCH') return send(405, { title: 'Method Not Allowed' });
      if (!isValid(body, true)) return send(400, { title: 'Bad Request' });
      return send(200, { id: Number(rawId), ...Object.assign(object.value, typeof body.name === 'string' ? { name: body.name } : {}) });
    });
  };
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'bulwark-bench-scan-'));
  const server = createServer(serve()).listen(0, '127.0.0.1');
  try {
    await once(server, 'listening');
    const file = join(directory, 'openapi.json');
    writeFileSync(file, JSON.stringify(documentOf(RESOURCES)));
    const api = buildApiModel(await loadApiDocument(file));
    const target = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const identities: Identity[] = Object.entries(TOKENS).map(([token, name]) => ({ name, role: name === 'admin' ? 'admin' : 'user', headers: { authorization: `Bearer ${token}` }, query: {}, bearerToken: token }));
    const timings = new Map<string, number>();
    let current = { id: 'exercise', since: performance.now() };
    const onProgress = (progress: ScanProgress): void => {
      if (progress.checkId === current.id) return;
      timings.set(current.id, performance.now() - current.since);
      current = { id: progress.checkId, since: performance.now() };
    };
    const started = performance.now();
    const report = await runScan({
      api, spec: file, target, identities, checks: SCAN_CHECKS, rate: RATE, maxRequests: 100_000, timeoutMs: 10_000,
      allowDestructive: DESTRUCTIVE, signal: new AbortController().signal, onProgress,
    });
    const seconds = (performance.now() - started) / 1000;
    timings.set(current.id, performance.now() - current.since);
    console.log(`bench:scan, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} CPUs), ${new Date().toISOString()}`);
    console.log(`${api.operations.length} operations, ${SCAN_CHECKS.length} checks, rate ${RATE}/s, ${DESTRUCTIVE ? 'destructive' : 'safe mode'}`);
    console.log(`  ${report.requestsSent} requests in ${seconds.toFixed(1)} s; ${report.findings.length} findings (${report.findings.filter((f) => f.severity !== 'info' && f.severity !== 'low').length} medium or above); complete: ${String(report.isComplete)}`);
    for (const [id, ms] of [...timings].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${id.padEnd(32)} ${(ms / 1000).toFixed(1)} s`);
    const byCheck = new Map<string, number>();
    for (const finding of report.findings) byCheck.set(`${finding.checkId} (${finding.severity})`, (byCheck.get(`${finding.checkId} (${finding.severity})`) ?? 0) + 1);
    if (byCheck.size > 0) console.log(`  findings: ${[...byCheck].map(([key, count]) => `${key} x${count}`).join(', ')}`);
    if (process.env.BENCH_VERBOSE === '1') for (const finding of report.findings) console.log(`    ${finding.severity} ${finding.checkId} ${finding.operation}: ${finding.message}`);
    console.log(`\n${seconds < GOAL_SECONDS ? 'PASS' : 'FAIL'}  ${api.operations.length}-operation API scanned in ${seconds.toFixed(1)} s at ${RATE} requests/s (goal < ${GOAL_SECONDS} s)`);
  } finally {
    server.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
