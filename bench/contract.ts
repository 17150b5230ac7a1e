// `npm run bench:contract`: what contract enforcement costs, in-process.
//   1. Validation cost per typical request (operation match, parameters, JSON body) on a generated
//      API with 120 operations and nested bodies, and on a real public document (STAPI, 120
//      operations, from @readme/oas-examples): median and p99 over many requests.
//   2. Load + compile time and retained heap for a generated 1,000-operation document, each in a
//      fresh process (so one measurement does not warm or fill the other).
// Gateway throughput with the contract stage is measured by `npm run bench` (target
// bulwark-contract, compared with the baseline proxy in the same run). Results: docs/benchmarks.md.
//
// Environment: BENCH_ITERATIONS (requests timed per scenario, default 50,000).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildApiModel, checkBody, checkParameters, checkResponseValue, compileContract, loadApiDocument, stripFailures, type CompiledContract } from '../src/contract/index.js';
import { generateApi } from './generate-api.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 50_000);
const WARMUP = Math.min(10_000, ITERATIONS);

const PARAMETER_OPTIONS = { maxQueryPairs: 1000, allowedHeaders: new Set(['host', 'accept', 'content-type', 'content-length', 'user-agent']), allowedCookies: new Set<string>(), allowedQuery: new Set<string>() };
const BODY_OPTIONS = {
  maxFormFields: 1000,
  xml: { maxDepth: 64, maxNodes: 10_000, maxTextBytes: 1 << 20 },
  multipart: { maxParts: 100, maxFiles: 10, maxFileBytes: 10 << 20, maxFieldBytes: 64 << 10, maxHeaderPairs: 20 },
  allowedFileTypes: [],
  reportUndeclared: true,
};

interface TypicalRequest { method: string; path: string; query: string; headers: Record<string, string>; body?: Buffer }

/** Times each request on its own (hrtime around one validation), after a warm-up. */
function timeRequests(contract: CompiledContract, requests: readonly TypicalRequest[]): { medianUs: number; p99Us: number; perSecond: number } {
  const samples = new Float64Array(ITERATIONS);
  const run = (request: TypicalRequest): void => {
    const match = contract.match(request.method, request.path);
    if (match.kind !== 'found') throw new Error(`${request.method} ${request.path}: ${match.kind}`);
    const params = checkParameters(match.value, { pathParams: match.params, query: request.query, headers: request.headers }, PARAMETER_OPTIONS);
    if (params.failures.length > 0) throw new Error(`${request.method} ${request.path}: ${JSON.stringify(params.failures)}`);
    if (request.body) {
      const bytes = request.body;
      let parsed: { ok: true; value: unknown } | undefined;
      const result = checkBody(match.value, {
        mediaType: 'application/json', contentType: 'application/json', decoded: bytes,
        json: () => (parsed ??= { ok: true, value: JSON.parse(bytes.toString('utf8')) as unknown }),
      }, BODY_OPTIONS);
      if (result instanceof Promise || result.kind !== 'ok') throw new Error(`${request.method} ${request.path}: body ${JSON.stringify(result)}`);
    }
  };
  for (let i = 0; i < WARMUP; i++) run(requests[i % requests.length]!);
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const request = requests[i % requests.length]!;
    const t0 = process.hrtime.bigint();
    run(request);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const elapsed = performance.now() - started;
  samples.sort();
  return { medianUs: samples[Math.floor(ITERATIONS / 2)]!, p99Us: samples[Math.floor(ITERATIONS * 0.99)]!, perSecond: ITERATIONS / (elapsed / 1000) };
}

/** The response side as contract-response runs it with strip.undeclared: parse, validate, strip, serialise. */
function timeResponses(contract: CompiledContract): { medianUs: number; p99Us: number; perSecond: number } {
  const match = contract.match('GET', '/v1/resource7/12345');
  if (match.kind !== 'found') throw new Error('GET /v1/resource7/{id} not found');
  const media = match.value.responses.get('200')?.[0];
  if (!media) throw new Error('no 200 response');
  const answer = Buffer.from(JSON.stringify({
    id: 'r-12345', name: 'order 7', status: 'open', priority: 3, tags: ['a', 'b'], createdAt: '2026-11-28T04:00:00Z', internalMargin: 0.42,
    customer: { id: 'c-42', email: 'ann@example.com', address: { street: '1 Main St', city: 'Oslo', zip: '01234', country: 'NO' } },
    items: Array.from({ length: 5 }, (_, i) => ({ sku: `SKU-${i}000`, quantity: i + 1, price: { amount: 9.99 + i, currency: 'EUR' } })),
  }));
  const samples = new Float64Array(ITERATIONS);
  const run = (): void => {
    const value: unknown = JSON.parse(answer.toString('utf8'));
    const failures = checkResponseValue(media, value, true);
    if (failures.length !== 1 || failures[0]!.kind !== 'undeclared') throw new Error(`unexpected response failures ${JSON.stringify(failures)}`);
    stripFailures(value, failures);
    JSON.stringify(value);
  };
  for (let i = 0; i < WARMUP; i++) run();
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = process.hrtime.bigint();
    run();
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const elapsed = performance.now() - started;
  samples.sort();
  return { medianUs: samples[Math.floor(ITERATIONS / 2)]!, p99Us: samples[Math.floor(ITERATIONS * 0.99)]!, perSecond: ITERATIONS / (elapsed / 1000) };
}

/** The generated API's typical traffic: reads with query parameters, and writes with nested bodies. */
function generatedRequests(resources: number): TypicalRequest[] {
  const requests: TypicalRequest[] = [];
  const headers = { host: 'api.example', accept: 'application/json', 'user-agent': 'bench', 'x-tenant': '3f2c5a4e-8a1b-4c3d-9e8f-0a1b2c3d4e5f' };
  for (let r = 0; r < resources; r++) {
    requests.push({ method: 'GET', path: `/v1/resource${r}`, query: 'limit=20&offset=40&sort=-created&status=open,closed', headers });
    requests.push({ method: 'GET', path: `/v1/resource${r}/12345`, query: '', headers });
    const body = Buffer.from(JSON.stringify({
      name: `order ${r}`, status: 'open', priority: 3, tags: ['a', 'b', 'c'],
      customer: { id: 'c-42', email: 'ann@example.com', address: { street: '1 Main St', city: 'Oslo', zip: '01234', country: 'NO' } },
      items: Array.from({ length: 5 }, (_, i) => ({ sku: `SKU-${i}000`, quantity: i + 1, price: { amount: 9.99 + i, currency: 'EUR' }, options: { gift: i % 2 === 0, note: 'leave at the door' } })),
    }));
    requests.push({ method: 'POST', path: `/v1/resource${r}`, query: '', headers: { ...headers, 'content-type': 'application/json', 'content-length': String(body.length) }, body });
  }
  return requests;
}

async function validationScenario(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-contract-'));
  try {
    const file = join(dir, 'api-120.json');
    writeFileSync(file, JSON.stringify(generateApi(30)));
    const contract = compileContract(buildApiModel(await loadApiDocument(file)));
    const generated = timeRequests(contract, generatedRequests(30));
    report(`generated API, ${contract.operations.length} operations, GET with 4 query params / GET by id / POST with a nested 1 KB body`, generated);

    const require = createRequire(import.meta.url);
    const stapiFile = require.resolve('@readme/oas-examples/3.0/json/star-trek.json');
    const stapi = compileContract(buildApiModel(await loadApiDocument(stapiFile)));
    const stapiRequests: TypicalRequest[] = [
      { method: 'GET', path: '/api/v1/rest/character', query: 'uid=CHMA0000215045', headers: { host: 'stapi.co' } },
      { method: 'GET', path: '/api/v1/rest/character/search', query: 'pageNumber=2&pageSize=50', headers: { host: 'stapi.co' } },
      { method: 'GET', path: '/api/v1/rest/spacecraft/search', query: 'pageNumber=0&pageSize=20&apiKey=k', headers: { host: 'stapi.co' } },
    ];
    report(`STAPI (real document), ${stapi.operations.length} operations, GET searches`, timeRequests(stapi, stapiRequests));
    report('generated API, response check: GET by id answer (nested, 1 KB) parsed, validated, one undeclared property stripped and re-serialised', timeResponses(contract));
    const pass = generated.medianUs < 20 && generated.p99Us < 100;
    console.log(`${pass ? 'PASS' : 'FAIL'}  validation per typical request: median ${generated.medianUs.toFixed(1)} µs (< 20), p99 ${generated.p99Us.toFixed(1)} µs (< 100)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(label: string, result: { medianUs: number; p99Us: number; perSecond: number }): void {
  console.log(`${label}\n  median ${result.medianUs.toFixed(1)} µs, p99 ${result.p99Us.toFixed(1)} µs, ${Math.round(result.perSecond).toLocaleString('en-US')} validations/s (one core)`);
}

/** In a child process: load + compile a 1,000-operation document, report time and retained heap. */
async function compileChild(file: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const loaded = await loadApiDocument(file);
  const t1 = performance.now();
  const contract = compileContract(buildApiModel(loaded));
  const t2 = performance.now();
  gc?.();
  const memory = process.memoryUsage();
  console.log(JSON.stringify({
    operations: contract.operations.length, loadMs: t1 - t0, compileMs: t2 - t1,
    heapMb: (memory.heapUsed - heapBefore) / 2 ** 20, rssMb: (memory.rss - rssBefore) / 2 ** 20,
  }));
}

function compileScenario(): void {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-contract-'));
  try {
    const file = join(dir, 'api-1000.json');
    writeFileSync(file, JSON.stringify(generateApi(250)));
    const self = fileURLToPath(import.meta.url);
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, 'compile-child', file], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`compile child failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { operations: number; loadMs: number; compileMs: number; heapMb: number; rssMb: number };
    const totalS = (result.loadMs + result.compileMs) / 1000;
    console.log(`generated API, ${result.operations} operations: load + validate ${(result.loadMs / 1000).toFixed(2)} s, compile ${(result.compileMs / 1000).toFixed(2)} s, retained heap ${result.heapMb.toFixed(0)} MB (RSS +${result.rssMb.toFixed(0)} MB)`);
    console.log(`${totalS < 5 ? 'PASS' : 'FAIL'}  1,000-operation document: load + compile ${totalS.toFixed(2)} s (< 5)`);
    console.log(`${result.heapMb < 200 ? 'PASS' : 'FAIL'}  1,000-operation document: retained heap ${result.heapMb.toFixed(0)} MB (< 200)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'compile-child') {
  await compileChild(process.argv[3]!);
} else {
  console.log(`bench:contract on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} CPUs), Node ${process.version}, ${new Date().toISOString()}\n`);
  await validationScenario();
  console.log('');
  compileScenario();
}
