// `npm run bench:identity`: what authentication and authorization cost per request, in-process, on
// one core: a first (uncached) RS256 and ES256 verification, a cached verification, an API key
// lookup, and the access stage's policy evaluation. Gateway throughput with identity + access is
// measured by `npm run bench` (target bulwark-identity). Results: docs/benchmarks.md.
//
// Environment: BENCH_ITERATIONS (timed operations per scenario, default 20,000).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { validate } from '../src/core/config/load-config.js';
import { createLogger } from '../src/core/logger.js';
import { fixedOverload } from '../src/gateway/overload.js';
import type { RequestContext } from '../src/gateway/request-context.js';
import { stageConfigSchema } from '../src/gateway/stage-config.js';
import { accessStage } from '../src/gateway/stages/access/index.js';
import { createJwtVerifier, createUsageRecorder, staticKeySource, type IssuerConfig } from '../src/identity/index.js';
import { openGrantStore, openKeyStore, openUsageStore } from '../src/store/index.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const ISSUER = 'https://idp.example';
const AUDIENCE = 'https://api.example';

interface Timing { medianUs: number; p99Us: number; perSecond: number }

async function time(run: (i: number) => unknown, iterations = ITERATIONS): Promise<Timing> {
  for (let i = 0; i < Math.min(2000, iterations); i++) await run(i);
  const samples = new Float64Array(iterations);
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    const result = run(i);
    if (result instanceof Promise) await result;
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const elapsed = performance.now() - started;
  samples.sort();
  return { medianUs: samples[Math.floor(iterations / 2)]!, p99Us: samples[Math.floor(iterations * 0.99)]!, perSecond: iterations / (elapsed / 1000) };
}

function report(label: string, t: Timing): void {
  console.log(`${label.padEnd(58)} median ${t.medianUs.toFixed(1).padStart(7)} µs   p99 ${t.p99Us.toFixed(1).padStart(7)} µs   ${Math.round(t.perSecond).toLocaleString('en-US').padStart(9)}/s`);
}

const claims = { subject: 'sub', roles: [], groups: [], keep: [] };

async function jwtScenarios(): Promise<void> {
  for (const alg of ['RS256', 'ES256'] as const) {
    const pair = await generateKeyPair(alg, { extractable: true });
    const issuer: IssuerConfig = {
      issuer: ISSUER, keys: staticKeySource([{ ...(await exportJWK(pair.publicKey)), kid: 'k', alg }]), audiences: [AUDIENCE], algorithms: [alg],
      leewayMs: 30_000, requiredClaims: [], claims,
    };
    const uncached = createJwtVerifier([issuer], { maxTokenBytes: 8192, cacheEntries: 0 });
    const cached = createJwtVerifier([issuer], { maxTokenBytes: 8192, cacheEntries: 10_000 });
    // Distinct tokens, so "first verification" never hits a cache anywhere.
    const count = Math.min(ITERATIONS, 5000);
    const tokens = await Promise.all(Array.from({ length: count }, (_, i) => new SignJWT({ scope: 'books:read', n: i }).setProtectedHeader({ alg, kid: 'k' })
      .setIssuer(ISSUER).setAudience(AUDIENCE).setSubject(`client-${i % 50}`).setIssuedAt().setExpirationTime('1h').sign(pair.privateKey)));
    const first = await time(async (i) => {
      const result = await uncached.verify(tokens[i % count]!);
      if (!result.ok) throw new Error(result.description);
    }, count);
    report(`${alg}: first verification (signature + claims)`, first);
    await cached.verify(tokens[0]!);
    report(`${alg}: cached verification (same token again)`, await time(() => {
      const result = cached.verify(tokens[0]!);
      if (result instanceof Promise || !result.ok) throw new Error('expected a cache hit');
    }));
  }
}

async function apiKeyScenario(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-keys-'));
  try {
    const store = openKeyStore({ sqlite: { path: join(dir, 'keys.db') }, retention: 86_400_000 } as never);
    const keys = await Promise.all(Array.from({ length: 1000 }, (_, i) => store.createKey({ consumer: `consumer-${i}`, scopes: ['books:read'] })));
    report('API key lookup (SQLite, 1,000 keys, hashed secret compared)', await time((i) => {
      const found = store.verifyKey(keys[i % keys.length]!.key);
      if (found instanceof Promise || !found) throw new Error('key not found');
    }));
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function grantScenario(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-grants-'));
  try {
    const store = openGrantStore({ sqlite: { path: join(dir, 'grants.db') } });
    const expiresAt = new Date(Date.now() + 3_600_000);
    for (let i = 0; i < 1000; i++) await store.addGrant({ consumer: `consumer-${i}`, scopes: ['admin'], reason: 'bench', grantedBy: 'bench', expiresAt });
    report('grant lookup (SQLite, 1,000 active grants, per authenticated request)', await time((i) => {
      const scopes = store.activeScopes(`consumer-${i % 2000}`, Date.now());
      if (scopes instanceof Promise) throw new Error('expected a synchronous answer');
    }));
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function usageScenario(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-usage-'));
  try {
    const store = openUsageStore({ sqlite: { path: join(dir, 'usage.db') } });
    const recorder = createUsageRecorder(() => store, { flushIntervalMs: 3_600_000, maxEntries: 100_000 });
    const consumers = Array.from({ length: 100 }, (_, i) => ({ id: `consumer-${i}`, kind: 'jwt' as const, scopes: ['books:read', 'books:write'], roles: ['librarian'], groups: [] }));
    report('usage counting (access stage, 100 consumers x 10 operations)', await time((i) => {
      recorder.record({ consumer: consumers[i % 100]!, route: 'library', operation: `GET /books/${i % 10}`, allowed: true, scopesUsed: ['books:read'] });
    }));
    const flushStart = performance.now();
    await recorder.flush();
    console.log(`  usage flush of 1,000 consumer operations: ${(performance.now() - flushStart).toFixed(1)} ms (every 10 s, off the request path)`);
    await recorder.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function policyScenario(): Promise<void> {
  const config = {
    defaultPolicy: 'deny',
    policies: [
      { anyone: true, allow: ['health', 'GET /docs/**'] },
      ...Array.from({ length: 20 }, (_, i) => ({ roles: [`role-${i}`], allow: [`* /resource${i}/**`] })),
      { roles: ['librarian'], scopes: ['books:read'], allow: ['GET /books', 'GET /books/*'] },
    ],
    adminOperations: ['DELETE /books/*', '* /admin/**'],
    objectRules: [{ name: 'own-orders', operations: ['GET /users/*/orders'], require: [{ value: 'path.userId', equals: 'consumer.id' }] }],
  };
  const problems = validate(config, stageConfigSchema(accessStage), 'stages.access');
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  const stage = accessStage.create(config as never, { logger: createLogger({ level: 'silent' }), overload: fixedOverload(), isTrustedProxy: () => false });
  const ctx = {
    method: 'GET', path: '/books/42', query: '', headers: {}, events: [],
    consumer: { id: 'alice', kind: 'jwt', scopes: ['books:read'], roles: ['librarian'], groups: [] },
  } as unknown as RequestContext;
  report('access: default deny, 22 policies, admin list, object rule', await time(() => {
    const verdict = stage.onRequest!(ctx);
    if (verdict instanceof Promise || verdict.action !== 'continue') throw new Error('expected continue');
  }));
}

console.log(`bench:identity on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} CPUs), Node ${process.version}, ${new Date().toISOString()}\n`);
await jwtScenarios();
await apiKeyScenario();
await grantScenario();
await usageScenario();
await policyScenario();
