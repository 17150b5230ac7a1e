// `npm run bench`: throughput and latency of the demo upstream, a minimal undici proxy (the
// baseline) and Bulwark with and without its stages. Method and results: docs/benchmarks.md.
//
// Each system under test runs in its own Node process from compiled JavaScript (dist/ plus this
// folder transpiled to a temp dir); the load generator is wrk (C, installed from Debian when missing)
// in its own process. With two or more CPUs the system under test gets a CPU of its own and wrk
// plus the upstream share another, so the number measured is "one proxy process on one core"
// (the deployment model: one gateway process per core). CPU use of every process is sampled from
// /proc during each run; a run disturbed by other processes on the machine is repeated.
//
// Environment: BENCH_DURATION (s per throughput run, default 6; latency runs BENCH_LATENCY_DURATION,
// default 10), BENCH_ROUNDS (default 5, interleaved, median
// reported), BENCH_CONNECTIONS (default 64), BENCH_WARMUP (s per target, default 10), BENCH_TARGETS (comma list
// of target ids), BENCH_ACCESS_LOG=0 (skip the access-log variant), BENCH_PIN=0 (no CPU pinning),
// BENCH_CPU_PROF=1 (write .cpuprofile files of the proxies to bench/results/profiles/),
// BENCH_SKIP_BUILD=1 (use the existing dist/), BENCH_HALF_OF=baseline (half-load rate = half the
// baseline's maximum instead of half the slowest compared proxy's), BENCH_OUT (file name in
// bench/results/, default latest.json).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism, cpus, release, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import ts from 'typescript';
import { startOwnRedis } from '../test/helpers/redis-server.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);
const RESULTS_DIR = join(BENCH_DIR, 'results');

const DURATION = positiveInt('BENCH_DURATION', 6);
/** Latency runs are longer: their p99 rests on the slowest 1 % of a few thousand requests. */
const LATENCY_DURATION = positiveInt('BENCH_LATENCY_DURATION', Math.max(DURATION, Math.round(DURATION * 5 / 3)));
const ROUNDS = positiveInt('BENCH_ROUNDS', 5);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 64);
const WARMUP = positiveInt('BENCH_WARMUP', 10);
const PROFILE = process.env.BENCH_CPU_PROF === '1';
/** Whose maximum the half-load rate halves: the slowest compared proxy (default) or the baseline. */
const HALF_OF = process.env.BENCH_HALF_OF === 'baseline' ? 'baseline' : 'slowest';
const PATH = '/books';
/** Other processes may use this much CPU (in cores) during a run before it is repeated. */
const MAX_FOREIGN_CORES = 0.15;
const MAX_ATTEMPTS = 3;

type Kind = 'upstream' | 'baseline' | 'bulwark';
interface TargetSpec {
  id: string;
  label: string;
  kind: Kind;
  /** Bulwark only: the stages section and logging of its config. */
  stages?: Record<string, unknown>;
  /** Bulwark only: the route enforces the demo API's OpenAPI document (demo/openapi.yaml). */
  contract?: boolean;
  logging?: { level: string; accessLog: boolean };
  /** Bulwark only: `store.redis` pointing at the bench's own Redis. */
  redis?: boolean;
}

const NO_STAGES = { ip: { enabled: false }, headers: { enabled: false }, limits: { enabled: false }, access: { enabled: false }, threats: { enabled: false }, discovery: { enabled: false } };
// Documentation ranges and an IPv6 prefix: never the client (127.0.0.1), but matched on every request.
const THIS_ISSUE_STAGES = {
  ip: { deny: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'] },
  headers: {},
  limits: {},
  // Measured on their own targets (bulwark-threats, bulwark-discovery) so the earlier targets keep
  // measuring what they did.
  threats: { enabled: false },
  discovery: { enabled: false },
};
const SILENT = { level: 'silent', accessLog: false };
/** The Redis the ratelimit target shares its counters in: one of the bench's own (see startRedis). */
let benchRedis: { url: string; pid: number | undefined } | undefined;
/** Two limits per request (a per-second rate and a daily quota), high enough never to refuse. */
const RATE_LIMITS = (store: 'memory' | 'redis') => ({
  store,
  limits: [
    { name: 'per-ip', key: ['ip'], limit: 1_000_000_000, per: '1s' },
    { name: 'daily', key: ['ip', 'route'], limit: 1_000_000_000, per: '1d', algorithm: 'sliding-window' },
  ],
});

/** A static issuer key and one token from it, for the identity target (no provider in the measured path). */
const BENCH_TOKEN = await (async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const token = await new SignJWT({ scope: 'books:read' }).setProtectedHeader({ alg: 'RS256', kid: 'bench' }).setIssuer('https://idp.bench')
    .setAudience('https://api.bench').setSubject('bench-client').setIssuedAt().setExpirationTime('6h').sign(privateKey);
  return { token, publicJwk: { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256' } };
})();
const IDENTITY_STAGES = {
  ...THIS_ISSUE_STAGES,
  identity: { jwt: { issuers: [{ issuer: 'https://idp.bench', audiences: ['https://api.bench'], algorithms: ['RS256'], keys: [BENCH_TOKEN.publicJwk] }] } },
  access: { defaultPolicy: 'deny', policies: [{ scopes: ['books:read'], allow: ['GET /books'] }] },
};

const ALL_TARGETS: TargetSpec[] = [
  { id: 'upstream', label: 'demo upstream (direct)', kind: 'upstream' },
  { id: 'baseline', label: 'baseline undici proxy', kind: 'baseline' },
  { id: 'bulwark-none', label: 'Bulwark, no stages', kind: 'bulwark', stages: NO_STAGES, logging: SILENT },
  { id: 'bulwark-stages', label: 'Bulwark, limits + ip + headers', kind: 'bulwark', stages: THIS_ISSUE_STAGES, logging: SILENT },
  // The stages above plus contract enforcement of demo/openapi.yaml: operation matching, parameter
  // validation, unknown-parameter checks.
  {
    id: 'bulwark-contract', label: 'Bulwark, stages + contract', kind: 'bulwark', contract: true, logging: SILENT,
    // Response checks are measured in-process by bench:contract: here the demo API's undeclared
    // costPrice would make every request write an event, which measures the event store instead.
    stages: { ...THIS_ISSUE_STAGES, 'contract-response': { enabled: false } },
  },
  // The stages plus attack detection (issue 5) at the default paranoia level: every header, the
  // path and the query decoded and run through every detector.
  { id: 'bulwark-threats', label: 'Bulwark, stages + threats', kind: 'bulwark', stages: { ...THIS_ISSUE_STAGES, threats: {} }, logging: SILENT },
  // The stages plus rate limiting (issue 6): two limits per request checked in one round trip to the
  // local Redis (the shared store), or in process memory.
  { id: 'bulwark-ratelimit', label: 'Bulwark, stages + ratelimit (Redis)', kind: 'bulwark', redis: true, stages: { ...THIS_ISSUE_STAGES, ratelimit: RATE_LIMITS('redis') }, logging: SILENT },
  { id: 'bulwark-ratelimit-memory', label: 'Bulwark, stages + ratelimit (memory)', kind: 'bulwark', stages: { ...THIS_ISSUE_STAGES, ratelimit: RATE_LIMITS('memory') }, logging: SILENT },
  // The stages plus identity (RS256 bearer token, verified once, then from the cache) and access
  // (default deny, a scope policy).
  { id: 'bulwark-identity', label: 'Bulwark, stages + identity + access', kind: 'bulwark', stages: IDENTITY_STAGES, logging: SILENT },
  // The same without the per-request grant lookup: isolates what time-bound grants cost.
  {
    id: 'bulwark-identity-nogrants', label: 'Bulwark, stages + identity (grants off) + access', kind: 'bulwark', logging: SILENT,
    stages: { ...IDENTITY_STAGES, identity: { ...IDENTITY_STAGES.identity, grants: { enabled: false } } },
  },
  // The stages plus discovery (issue 8) at its default sample rate: sampled requests and answers are
  // buffered, parsed and learned from.
  { id: 'bulwark-discovery', label: 'Bulwark, stages + discovery (default rate)', kind: 'bulwark', stages: { ...THIS_ISSUE_STAGES, discovery: {} }, logging: SILENT },
  {
    id: 'bulwark-stages-log', label: 'Bulwark, stages + access log', kind: 'bulwark', stages: THIS_ISSUE_STAGES,
    logging: { level: 'info', accessLog: true },
  },
];

// ---------------------------------------------------------------------------------------------------
// Measurements

interface CpuSample {
  /** Busy and steal ticks per CPU ("cpu0", "cpu1", ...) and over all ("cpu"). */
  cpus: Map<string, { busy: number; steal: number; total: number }>;
  /** utime + stime ticks per watched pid. */
  procs: Map<number, number>;
  selfMicros: number;
  at: number;
}

interface CpuUse {
  /** Cores used by the system under test, the shared upstream and wrk (1.0 = one core busy). */
  sut: number;
  upstream: number;
  wrk: number;
  /** Cores used by everything else on the machine during the run. */
  foreign: number;
  steal: number;
  /** Busy share of each CPU, 0..1. */
  perCpu: Record<string, number>;
}

interface WrkResult {
  requests: number;
  durationUs: number;
  bytes: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  latencyUs: { mean: number; stdev: number; min: number; p50: number; p90: number; p99: number; p999: number; max: number };
}

interface Run {
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  errors: number;
  cpu: CpuUse;
  attempts: number;
  noisy: boolean;
}

interface Running {
  spec: TargetSpec;
  url: string;
  pid: number;
  child: ChildProcess;
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function sampleCpu(pids: number[]): CpuSample {
  const cpuMap = new Map<string, { busy: number; steal: number; total: number }>();
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    if (!line.startsWith('cpu')) continue;
    const [name, ...fields] = line.trim().split(/\s+/);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields.map(Number);
    const busy = user + nice + system + irq + softirq;
    cpuMap.set(name!, { busy, steal, total: busy + idle + iowait + steal });
  }
  const procs = new Map<number, number>();
  for (const pid of pids) procs.set(pid, processTicks(pid));
  const self = process.cpuUsage();
  return { cpus: cpuMap, procs, selfMicros: self.user + self.system, at: performance.now() };
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

function cpuUse(a: CpuSample, b: CpuSample, sutPid: number, upstreamPid: number | undefined, wrkPid: number): CpuUse {
  const seconds = (b.at - a.at) / 1000;
  const cores = (pid: number | undefined): number => {
    if (pid === undefined) return 0;
    const delta = (b.procs.get(pid) ?? Number.NaN) - (a.procs.get(pid) ?? Number.NaN);
    return Number.isFinite(delta) ? delta / CLK_TCK / seconds : 0;
  };
  const perCpu: Record<string, number> = {};
  let allBusy = 0;
  let steal = 0;
  for (const [name, after] of b.cpus) {
    const before = a.cpus.get(name);
    if (!before) continue;
    const total = after.total - before.total;
    if (name === 'cpu') {
      allBusy = (after.busy - before.busy) / CLK_TCK / seconds;
      steal = (after.steal - before.steal) / CLK_TCK / seconds;
    } else {
      perCpu[name] = total > 0 ? round((after.busy - before.busy) / total, 2) : 0;
    }
  }
  const sut = cores(sutPid);
  // The bench's Redis is a shared service like the upstream: counted with it, not as a disturbance.
  const upstream = cores(upstreamPid) + (upstreamPid === undefined ? 0 : cores(benchRedis?.pid));
  const wrk = cores(wrkPid);
  const self = (b.selfMicros - a.selfMicros) / 1e6 / seconds;
  const foreign = Math.max(0, allBusy - sut - upstream - wrk - self);
  return { sut: round(sut, 2), upstream: round(upstream, 2), wrk: round(wrk, 2), foreign: round(foreign, 2), steal: round(steal, 2), perCpu };
}

/** Runs wrk once against url; samples CPU over the middle of the run. */
async function runWrk(url: string, seconds: number, options: { delayMs?: number; watch?: { sut: number; upstream?: number } }): Promise<{ result: WrkResult; cpu?: CpuUse }> {
  // Every target gets the same bearer token: the identity target verifies it, the others pass it on.
  const args = ['-t', String(layout.wrkThreads), '-c', String(CONNECTIONS), '-d', `${seconds}s`, '--timeout', '5s', '-H', `Authorization: Bearer ${BENCH_TOKEN.token}`, '-s', join(BENCH_DIR, 'wrk-report.lua'), url];
  const command = layout.pin ? 'taskset' : 'wrk';
  const child = spawn(command, layout.pin ? ['-c', String(layout.loadCpu), 'wrk', ...args] : args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_DELAY_MS: String(options.delayMs ?? 0) },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 20) * 1000);

  let cpu: CpuUse | undefined;
  const watch = options.watch;
  if (watch && child.pid !== undefined && seconds >= 2) {
    const edge = Math.min(1, seconds / 4) * 1000;
    const pids = [watch.sut, ...(watch.upstream === undefined ? [] : [watch.upstream]), ...(benchRedis?.pid === undefined ? [] : [benchRedis.pid]), child.pid];
    await sleep(edge);
    const before = sampleCpu(pids);
    await sleep(seconds * 1000 - 2 * edge);
    const after = sampleCpu(pids);
    cpu = cpuUse(before, after, watch.sut, watch.upstream, child.pid);
  }
  const code = await exited;
  clearTimeout(killer);
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (code !== 0 || line === undefined) throw new Error(`wrk failed (exit ${String(code)}): ${stderr.trim() || stdout.trim()}`);
  return { result: JSON.parse(line.slice('BENCH_JSON '.length)) as WrkResult, ...(cpu ? { cpu } : {}) };
}

async function measure(target: Running, upstreamPid: number | undefined, delayMs?: number, seconds = DURATION): Promise<Run> {
  let best: Run | undefined;
  let attempts = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    attempts = attempt;
    // Just resumed (SIGCONT): reopen connections and let timers that fired late settle, e.g. the
    // overload monitor, whose next reading includes the time the process was stopped.
    await runWrk(target.url + PATH, 2, delayMs === undefined ? {} : { delayMs });
    const { result, cpu } = await runWrk(target.url + PATH, seconds, {
      ...(delayMs === undefined ? {} : { delayMs }),
      watch: { sut: target.pid, ...(target.spec.kind === 'upstream' ? {} : upstreamPid === undefined ? {} : { upstream: upstreamPid }) },
    });
    const errors = result.errors.connect + result.errors.read + result.errors.write + result.errors.status + result.errors.timeout;
    const cpuUse = cpu ?? { sut: 0, upstream: 0, wrk: 0, foreign: 0, steal: 0, perCpu: {} };
    const noisy = cpuUse.foreign > MAX_FOREIGN_CORES;
    const run: Run = {
      rps: Math.round(result.requests / (result.durationUs / 1e6)),
      p50Ms: result.latencyUs.p50 / 1000,
      p90Ms: result.latencyUs.p90 / 1000,
      p99Ms: result.latencyUs.p99 / 1000,
      p999Ms: result.latencyUs.p999 / 1000,
      errors,
      cpu: cpuUse,
      attempts: attempt,
      noisy,
    };
    if (best === undefined || run.cpu.foreign < best.cpu.foreign) best = run;
    if (!noisy) break;
    log(`    ${target.spec.id}: other processes used ${cpuUse.foreign} core(s) during the run; repeating (attempt ${attempt}/${MAX_ATTEMPTS})`);
    await waitForQuiet(20_000);
  }
  best!.attempts = attempts;
  return best!;
}

/** Waits (bounded) until the machine is idle apart from our own idle processes. */
async function waitForQuiet(maxMs: number): Promise<number> {
  const deadline = Date.now() + maxMs;
  let foreign = 0;
  do {
    const a = sampleCpu([]);
    await sleep(1000);
    const b = sampleCpu([]);
    foreign = cpuUse(a, b, -1, undefined, -1).foreign;
    if (foreign <= MAX_FOREIGN_CORES) return foreign;
  } while (Date.now() < deadline);
  return foreign;
}

// ---------------------------------------------------------------------------------------------------
// Processes

interface Layout {
  pin: boolean;
  /** CPU of the system under test. */
  sutCpu: number;
  /** CPU of wrk (and of the upstream when there are only two). */
  loadCpu: number;
  upstreamCpu: number;
  wrkThreads: number;
}

function cpuLayout(): Layout {
  const count = availableParallelism();
  const pin = process.env.BENCH_PIN !== '0' && count >= 2 && spawnSync('taskset', ['-V']).status === 0;
  if (!pin) return { pin: false, sutCpu: 0, loadCpu: 0, upstreamCpu: 0, wrkThreads: Math.min(2, count) };
  return { pin: true, sutCpu: 1, loadCpu: 0, upstreamCpu: count >= 3 ? 2 : 0, wrkThreads: 1 };
}

const layout = cpuLayout();
const children: ChildProcess[] = [];

/** A Redis of the bench's own, pinned with the shared upstream: the machine's Redis is unpinned and may hold other data. */
async function startRedis(cpu: number): Promise<{ url: string; pid: number | undefined }> {
  const redis = await startOwnRedis(layout.pin ? { cpu } : {});
  children.push(redis.process());
  log(`bench Redis on 127.0.0.1:${redis.port}${layout.pin ? ` (CPU ${cpu})` : ''}`);
  return { url: redis.url, pid: redis.process().pid };
}

async function startTarget(spec: TargetSpec, workDir: string, upstreamUrl: string | undefined, cpu: number): Promise<Running> {
  let arg: string[] = [];
  if (spec.kind === 'baseline') arg = [upstreamUrl!];
  if (spec.kind === 'bulwark') {
    const file = join(workDir, `${spec.id}.yaml`);
    // JSON is YAML: the file goes through the same loader and schema as any bulwark.yaml.
    writeFileSync(file, JSON.stringify({
      server: { listeners: [{ protocol: 'http', host: '127.0.0.1', port: 0 }] },
      admin: { host: '127.0.0.1', port: 0 },
      store: {
        sqlite: { path: join(workDir, `${spec.id}.db`) },
        ...(spec.redis ? { redis: { url: benchRedis!.url, keyPrefix: 'bulwark-bench:' } } : {}),
      },
      logging: spec.logging,
      stages: spec.stages,
      routes: [{
        name: 'bookshop', match: { pathPrefix: '/' }, upstream: { url: upstreamUrl },
        // The demo document's server is /api; here the gateway serves the bookshop at the root.
        ...(spec.contract ? { openapi: { document: join(ROOT, 'demo', 'openapi.yaml'), basePaths: [''] } } : {}),
      }],
    }, null, 2));
    arg = [file];
  }
  const nodeArgs = [
    ...(PROFILE && spec.kind !== 'upstream' ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`, `--cpu-prof-name=${spec.id}.cpuprofile`] : []),
    join(workDir, 'build', 'serve-target.js'), spec.kind, ...arg,
  ];
  const child = layout.pin
    ? spawn('taskset', ['-c', String(cpu), process.execPath, ...nodeArgs], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { ...process.env, BENCH_ROOT: workDir } })
    : spawn(process.execPath, nodeArgs, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { ...process.env, BENCH_ROOT: workDir } });
  children.push(child);
  const ready = await new Promise<{ ready: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${spec.id} did not start within 30 s`)), 30_000);
    child.once('message', (message: unknown) => {
      clearTimeout(timer);
      resolve(message as { ready: string; pid: number });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${spec.id} exited with ${String(code)} before it was ready`));
    });
  });
  return { spec, url: ready.ready, pid: ready.pid, child };
}

/**
 * Only the target being measured runs; the others are SIGSTOPped. Idle Node processes are not idle
 * enough: V8's memory reducer runs full GCs a few seconds after load stops, and timers fire, on the
 * very CPU the next target is measured on, which showed up as p99 outliers in other targets' runs.
 */
function focus(targets: Running[], active: Running | undefined): void {
  for (const target of targets) {
    if (target.child.exitCode !== null) continue;
    target.child.kill(target === active ? 'SIGCONT' : 'SIGSTOP');
  }
}

async function stopAll(): Promise<void> {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGCONT');
  await Promise.all(children.map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
  })));
}

// ---------------------------------------------------------------------------------------------------
// Setup

function ensureWrk(): string {
  const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (probe.error === undefined) return (probe.stdout + probe.stderr).split('\n')[0]!.trim();
  log('wrk is not installed; installing it from Debian (apt-get install -y wrk)');
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  for (const args of [['apt-get', 'update'], ['apt-get', 'install', '-y', 'wrk']]) {
    const command = [...sudo, ...args];
    const step = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 300_000 });
    if (step.status !== 0) throw new Error(`could not install wrk (${command.join(' ')} failed); install it and run again`);
  }
  const installed = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (installed.error !== undefined) throw new Error('wrk is still not on PATH after apt-get install');
  return (installed.stdout + installed.stderr).split('\n')[0]!.trim();
}

function build(): void {
  if (process.env.BENCH_SKIP_BUILD === '1') {
    if (!existsSync(join(ROOT, 'dist', 'gateway', 'index.js'))) throw new Error('BENCH_SKIP_BUILD=1 but dist/ is missing; run npm run build');
    return;
  }
  log('building dist/ (npm run build)');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (result.status !== 0) throw new Error('npm run build failed; the benchmark measures dist/');
}

/**
 * Lays out what the target processes run, in the temp dir: a snapshot of dist/ (so that someone
 * rebuilding the working tree during the run cannot change the code under test), this folder's
 * process entry and baseline transpiled to plain JavaScript, and a node_modules link.
 * Returns the fingerprint (sha256) of the dist/ snapshot, recorded with the results.
 */
function prepareWorkDir(workDir: string): string {
  writeFileSync(join(workDir, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(ROOT, 'node_modules'), join(workDir, 'node_modules'), 'dir');
  cpSync(join(ROOT, 'dist'), join(workDir, 'dist'), { recursive: true, filter: (source) => !source.endsWith('.map') });
  const buildDir = join(workDir, 'build');
  mkdirSync(buildDir, { recursive: true });
  for (const name of ['serve-target', 'baseline-proxy']) {
    const source = readFileSync(join(BENCH_DIR, `${name}.ts`), 'utf8');
    const output = ts.transpileModule(source, {
      fileName: `${name}.ts`,
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
    });
    writeFileSync(join(buildDir, `${name}.js`), output.outputText);
  }
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        hash.update(path.slice(workDir.length));
        hash.update(readFileSync(path));
      }
    }
  };
  walk(join(workDir, 'dist'));
  return hash.digest('hex').slice(0, 16);
}

async function checkTargets(targets: Running[]): Promise<void> {
  for (const target of targets) {
    const response = await fetch(target.url + PATH, { headers: { authorization: `Bearer ${BENCH_TOKEN.token}` } });
    const body = await response.text();
    if (response.status !== 200 || !body.startsWith('[')) throw new Error(`${target.spec.id}: GET ${PATH} answered ${response.status} ${body.slice(0, 200)}`);
    if (target.spec.id === 'bulwark-identity') {
      const anonymous = await fetch(target.url + PATH);
      await anonymous.text();
      if (anonymous.status !== 401) throw new Error(`bulwark-identity: the identity stage did not run (anonymous GET ${PATH} answered ${anonymous.status})`);
    }
    if (target.spec.id.startsWith('bulwark-stages')) {
      // The stages must be doing their work, not be configured away.
      if (response.headers.get('x-content-type-options') !== 'nosniff' || response.headers.has('server')) {
        throw new Error(`${target.spec.id}: the headers stage did not run (x-content-type-options / server)`);
      }
    }
    if (target.spec.id === 'bulwark-contract') {
      const shadow = await fetch(`${target.url}/admin`);
      const problem = await shadow.text();
      if (shadow.status !== 404 || !problem.includes('contract.unknown-path')) throw new Error(`bulwark-contract: the contract stage did not run (GET /admin answered ${shadow.status})`);
    }
    if (target.spec.id === 'bulwark-threats') {
      const attack = await fetch(`${target.url}${PATH}?q=${encodeURIComponent("1' union select password from users--")}`);
      const problem = await attack.text();
      if (attack.status !== 403 || !problem.includes('threats.attack')) throw new Error(`bulwark-threats: the threats stage did not run (an SQL injection answered ${attack.status})`);
    }
    if (target.spec.id.startsWith('bulwark-ratelimit') && response.headers.get('ratelimit-policy') === null) {
      throw new Error(`${target.spec.id}: the ratelimit stage did not run (no RateLimit-Policy header)`);
    }
    if (target.spec.id === 'bulwark-none' && response.headers.get('server') !== 'demo-bookshop/1.0') {
      throw new Error('bulwark-none: the headers stage ran although it is disabled');
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Report

interface Summary {
  id: string;
  label: string;
  max: { rps: number; rpsMin: number; rpsMax: number; p50Ms: number; p99Ms: number; sutCores: number; errors: number };
  /** Median over rounds of (this target's req/s / the baseline's req/s in the same round). */
  ratio: number;
  half?: {
    rps: number; p50Ms: number; p90Ms: number; p99Ms: number; p999Ms: number; errors: number;
    /** Median over rounds of (this target's p99 - the baseline's p99 in the same round). */
    p99VsBaselineMs: number;
  };
}

// Ratios and differences are paired by round (runs minutes apart on a shared VM drift), then the
// median is taken; the req/s and latency columns are plain medians over rounds.
function paired(runs: Run[], reference: Run[], f: (run: Run, ref: Run) => number): number {
  return median(runs.map((run, index) => f(run, reference[index]!)));
}

function summarize(spec: TargetSpec, maxRuns: Run[], halfRuns: Run[], baseline: { max: Run[]; half: Run[] }): Summary {
  const max = {
    rps: median(maxRuns.map((r) => r.rps)),
    rpsMin: Math.min(...maxRuns.map((r) => r.rps)),
    rpsMax: Math.max(...maxRuns.map((r) => r.rps)),
    p50Ms: median(maxRuns.map((r) => r.p50Ms)),
    p99Ms: median(maxRuns.map((r) => r.p99Ms)),
    sutCores: median(maxRuns.map((r) => r.cpu.sut)),
    errors: maxRuns.reduce((sum, r) => sum + r.errors, 0),
  };
  const ratio = paired(maxRuns, baseline.max, (run, ref) => run.rps / ref.rps);
  if (halfRuns.length === 0) return { id: spec.id, label: spec.label, max, ratio };
  return {
    id: spec.id,
    label: spec.label,
    max,
    ratio,
    half: {
      rps: median(halfRuns.map((r) => r.rps)),
      p50Ms: median(halfRuns.map((r) => r.p50Ms)),
      p90Ms: median(halfRuns.map((r) => r.p90Ms)),
      p99Ms: median(halfRuns.map((r) => r.p99Ms)),
      p999Ms: median(halfRuns.map((r) => r.p999Ms)),
      errors: halfRuns.reduce((sum, r) => sum + r.errors, 0),
      p99VsBaselineMs: paired(halfRuns, baseline.half, (run, ref) => run.p99Ms - ref.p99Ms),
    },
  };
}

interface Check { name: string; pass: boolean; detail: string }

/** Each issue's throughput goal, as a ratio to the baseline proxy measured in the same run. */
const THROUGHPUT_GOALS: readonly (readonly [string, number])[] = [
  ['bulwark-none', 0.8],
  ['bulwark-stages', 0.7],
  ['bulwark-identity', 0.6],
  ['bulwark-contract', 0.6],
  ['bulwark-threats', 0.5],
  ['bulwark-ratelimit', 0.6],
];

function checks(summaries: Map<string, Summary>, halfRuns: Map<string, Run[]>): Check[] {
  const out: Check[] = [];
  const baseline = summaries.get('baseline');
  const none = summaries.get('bulwark-none');
  const stages = summaries.get('bulwark-stages');
  for (const [id, goal] of THROUGHPUT_GOALS) {
    const target = summaries.get(id);
    if (!baseline || !target) continue;
    out.push({
      name: `${target.label}: throughput >= ${goal}x baseline`, pass: target.ratio >= goal,
      detail: `${target.ratio.toFixed(2)}x (median of per-round ratios; medians ${fmtInt(target.max.rps)} vs ${fmtInt(baseline.max.rps)} req/s)`,
    });
  }
  const noneHalf = halfRuns.get('bulwark-none') ?? [];
  const stagesHalf = halfRuns.get('bulwark-stages') ?? [];
  if (none?.half && stages?.half && noneHalf.length === stagesHalf.length && noneHalf.length > 0) {
    const added = paired(stagesHalf, noneHalf, (run, ref) => run.p99Ms - ref.p99Ms);
    const spread = stagesHalf.map((run, index) => signedMs(run.p99Ms - noneHalf[index]!.p99Ms)).join(', ');
    out.push({
      name: 'p99 added by the stages at half load < 1 ms',
      pass: added < 1,
      detail: `${signedMs(added)} (median of per-round differences [${spread}]; p99 ${fmtMs(stages.half.p99Ms)} with stages, ${fmtMs(none.half.p99Ms)} without`
        + `${baseline?.half ? `, ${fmtMs(baseline.half.p99Ms)} for the baseline proxy` : ''}; `
        + `for scale, p50 ${signedMs(paired(stagesHalf, noneHalf, (run, ref) => run.p50Ms - ref.p50Ms))}, p90 ${signedMs(paired(stagesHalf, noneHalf, (run, ref) => run.p90Ms - ref.p90Ms))})`,
    });
  }
  return out;
}

function table(summaries: Summary[], halfRate: number | undefined, halfOf: string): string {
  const rows = [
    `| target | req/s (median; range) | vs baseline | p50 | p99 | proxy CPU (cores) | p50 @ half | p90 @ half | p99 @ half | p99 @ half vs baseline |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  for (const s of summaries) {
    const addedHalf = s.half && s.id !== 'baseline' ? signedMs(s.half.p99VsBaselineMs) : '-';
    rows.push(`| ${s.label} | ${fmtInt(s.max.rps)} (${fmtInt(s.max.rpsMin)}–${fmtInt(s.max.rpsMax)}) | ${s.ratio.toFixed(2)}x | ${fmtMs(s.max.p50Ms)} | ${fmtMs(s.max.p99Ms)} | ${s.max.sutCores.toFixed(2)} | ${s.half ? fmtMs(s.half.p50Ms) : '-'} | ${s.half ? fmtMs(s.half.p90Ms) : '-'} | ${s.half ? fmtMs(s.half.p99Ms) : '-'} | ${addedHalf} |`);
  }
  if (halfRate !== undefined) rows.push('', `Half load: ${fmtInt(halfRate)} req/s offered to every target (half of ${halfOf}'s median maximum); achieved per target: ${summaries.map((s) => `${s.id} ${s.half ? fmtInt(s.half.rps) : '-'}`).join(', ')}.`);
  return rows.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const wrkVersion = ensureWrk();
  build();
  const workDir = mkdtempSync(join(tmpdir(), 'bulwark-bench-'));
  const wanted = new Set((process.env.BENCH_TARGETS ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const specs = ALL_TARGETS.filter((t) => {
    if (t.id === 'baseline') return true; // the reference every ratio needs
    if (wanted.size > 0) return wanted.has(t.id);
    return t.id !== 'bulwark-stages-log' || process.env.BENCH_ACCESS_LOG !== '0';
  });
  const startedAt = new Date();
  try {
    const distFingerprint = prepareWorkDir(workDir);
    log(`measuring a snapshot of dist/ (sha256 ${distFingerprint}…)`);
    log(`CPU layout: ${layout.pin ? `system under test on CPU ${layout.sutCpu}, wrk on CPU ${layout.loadCpu}, shared upstream on CPU ${layout.upstreamCpu}` : 'no pinning'}`);
    const shared = await startTarget({ id: 'shared-upstream', label: 'upstream behind the proxies', kind: 'upstream' }, workDir, undefined, layout.upstreamCpu);
    if (specs.some((spec) => spec.redis)) benchRedis = await startRedis(layout.upstreamCpu);
    const targets: Running[] = [];
    for (const spec of specs) {
      targets.push(await startTarget(spec, workDir, spec.kind === 'upstream' ? undefined : shared.url, layout.sutCpu));
    }
    await checkTargets(targets);
    const quiet = await waitForQuiet(60_000);
    if (quiet > MAX_FOREIGN_CORES) log(`warning: other processes keep ${quiet} core(s) busy; results will be noisy`);

    log(`warm-up: ${WARMUP} s per target`);
    for (const target of targets) {
      focus(targets, target);
      await runWrk(target.url + PATH, WARMUP, {});
    }

    const maxRuns = new Map<string, Run[]>(targets.map((t) => [t.spec.id, []]));
    const halfRuns = new Map<string, Run[]>(targets.map((t) => [t.spec.id, []]));
    const order = (round: number): Running[] => (round % 2 === 0 ? targets : [...targets].reverse());

    for (let round = 0; round < ROUNDS; round++) {
      log(`maximum throughput, round ${round + 1}/${ROUNDS} (${DURATION} s, ${CONNECTIONS} connections)`);
      for (const target of order(round)) {
        focus(targets, target);
        const run = await measure(target, shared.pid);
        maxRuns.get(target.spec.id)!.push(run);
        log(`  ${target.spec.id.padEnd(20)} ${fmtInt(run.rps).padStart(7)} req/s  p50 ${fmtMs(run.p50Ms)}  p99 ${fmtMs(run.p99Ms)}  cores: sut ${run.cpu.sut} upstream ${run.cpu.upstream} wrk ${run.cpu.wrk} other ${run.cpu.foreign}  errors ${run.errors}`);
      }
    }

    // The latency comparison runs every target at one common rate. By default it is half the maximum
    // of the slowest of the proxies the targets compare (baseline, Bulwark with and without stages),
    // so none of them is past half its capacity: half the baseline's maximum would overload a Bulwark
    // that misses the throughput targets, and its p99 would then measure queueing, not the stages.
    const halfOf = halfReference(targets.map((t) => t.spec.id), maxRuns);
    const halfRate = median(maxRuns.get(halfOf)!.map((r) => r.rps)) / 2;
    log(`half load: ${fmtInt(halfRate)} req/s (half of ${halfOf}'s median maximum; BENCH_HALF_OF=${HALF_OF})`);
    const baselineTarget = targets.find((t) => t.spec.id === 'baseline')!;
    focus(targets, baselineTarget);
    const delayMs = await calibrateDelay(baselineTarget, halfRate);
    for (let round = 0; round < ROUNDS; round++) {
      log(`latency at half load (${fmtInt(halfRate)} req/s, ${LATENCY_DURATION} s), round ${round + 1}/${ROUNDS}`);
      for (const target of order(round + 1)) {
        focus(targets, target);
        const run = await measure(target, shared.pid, delayMs, LATENCY_DURATION);
        halfRuns.get(target.spec.id)!.push(run);
        log(`  ${target.spec.id.padEnd(20)} ${fmtInt(run.rps).padStart(7)} req/s  p50 ${fmtMs(run.p50Ms)}  p99 ${fmtMs(run.p99Ms)}  p99.9 ${fmtMs(run.p999Ms)}  sut ${run.cpu.sut} cores  other ${run.cpu.foreign}  errors ${run.errors}`);
      }
    }

    const baselineRuns = { max: maxRuns.get('baseline')!, half: halfRuns.get('baseline')! };
    const summaries = targets.map((t) => summarize(t.spec, maxRuns.get(t.spec.id)!, halfRuns.get(t.spec.id)!, baselineRuns));
    const results = checks(new Map(summaries.map((s) => [s.id, s])), halfRuns);
    const machine = {
      cpu: cpus()[0]?.model ?? 'unknown', cpus: availableParallelism(), kernel: release(), node: process.version, wrk: wrkVersion,
    };
    const settings = { distFingerprint, durationS: DURATION, latencyDurationS: LATENCY_DURATION, rounds: ROUNDS, connections: CONNECTIONS, warmupS: WARMUP, path: PATH, layout, halfOf, halfRate, delayMs, profiled: PROFILE };

    const out: string[] = [];
    out.push('', `## Bulwark benchmark — ${startedAt.toISOString()}`, '');
    out.push(`${machine.cpu}, ${machine.cpus} CPUs, Linux ${machine.kernel}, Node ${machine.node}, ${machine.wrk}; dist/ snapshot sha256 ${distFingerprint}…`);
    out.push(`GET ${PATH}, ${CONNECTIONS} connections, ${DURATION} s per throughput run and ${LATENCY_DURATION} s per latency run, median of ${ROUNDS} interleaved rounds; ${layout.pin ? 'proxy pinned to its own CPU' : 'no CPU pinning'}${PROFILE ? '; PROFILED (--cpu-prof): numbers are slower than normal' : ''}`, '');
    out.push(table(summaries, halfRate, halfOf), '');
    out.push('Targets:');
    for (const check of results) out.push(`- ${check.pass ? 'PASS' : 'MISS'} ${check.name}: ${check.detail}`);
    const noisy = [...maxRuns.values(), ...halfRuns.values()].flat().filter((r) => r.noisy).length;
    const errors = summaries.reduce((sum, s) => sum + s.max.errors + (s.half?.errors ?? 0), 0);
    if (noisy > 0) out.push(`- note: ${noisy} run(s) stayed disturbed by other processes after ${MAX_ATTEMPTS} attempts (see latest.json, cpu.foreign)`);
    if (errors > 0) out.push(`- note: ${errors} request error(s) in total (see latest.json)`);
    process.stdout.write(out.join('\n') + '\n');

    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, process.env.BENCH_OUT ?? (PROFILE ? 'latest-profiled.json' : 'latest.json'));
    writeFileSync(file, JSON.stringify({
      date: startedAt.toISOString(), machine, settings, summaries, checks: results,
      runs: Object.fromEntries(targets.map((t) => [t.spec.id, { max: maxRuns.get(t.spec.id), half: halfRuns.get(t.spec.id) }])),
    }, null, 2) + '\n');
    log(`results written to ${file}`);
  } finally {
    await stopAll();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function halfReference(ids: string[], maxRuns: Map<string, Run[]>): string {
  if (HALF_OF === 'baseline') return 'baseline';
  const compared = ids.filter((id) => id === 'baseline' || id === 'bulwark-none' || id === 'bulwark-stages');
  return compared.reduce((slowest, id) => (median(maxRuns.get(id)!.map((r) => r.rps)) < median(maxRuns.get(slowest)!.map((r) => r.rps)) ? id : slowest));
}

/** Finds the per-connection pause that makes CONNECTIONS connections offer `rate` req/s to the baseline. */
async function calibrateDelay(baseline: Running, rate: number): Promise<number> {
  let delayMs = (CONNECTIONS * 1000) / rate;
  for (let i = 0; i < 3; i++) {
    const { result } = await runWrk(baseline.url + PATH, 3, { delayMs });
    const achieved = result.requests / (result.durationUs / 1e6);
    // Each connection's cycle is delay + latency + timer slack; correct the delay by the cycle error.
    const next = delayMs - ((CONNECTIONS * 1000) / achieved - (CONNECTIONS * 1000) / rate);
    log(`  calibration: pause ${delayMs.toFixed(2)} ms per connection -> ${fmtInt(achieved)} req/s (target ${fmtInt(rate)})`);
    if (Math.abs(achieved - rate) / rate < 0.02) break;
    delayMs = Math.max(0.5, next);
  }
  return round(delayMs, 2);
}

// ---------------------------------------------------------------------------------------------------
// Helpers

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got ${raw})`);
  return value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function fmtInt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function fmtMs(value: number): string {
  return `${value.toFixed(2)} ms`;
}

function signedMs(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)} ms`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

process.once('SIGINT', () => {
  void stopAll().finally(() => process.exit(130));
});

await main().catch(async (error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  await stopAll();
  process.exitCode = 1;
});
