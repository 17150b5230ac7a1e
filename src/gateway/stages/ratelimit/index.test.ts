// The ratelimit stage as the core builds it, on the memory store: limits and their headers, several
// limits with costs, flows keyed by the target account, missing key parts, concurrency, page-size
// guards and config checks. The Redis store, sharing between processes and outages are tested in
// test/integration/ratelimit*.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestStage } from '../../../../test/helpers/stage.js';
import { BulwarkError } from '../../../core/errors.js';
import type { Consumer } from '../../../core/types.js';
import { createRateLimitServices } from '../../../ratelimit/index.js';
import { createRequestBody } from '../../request-body.js';
import type { RequestContext, ResponseHead } from '../../request-context.js';
import type { Stage } from '../../stage.js';
import type { Denial, Verdict } from '../../verdict.js';
import { ratelimitStage } from './index.js';

interface Shape {
  ip?: string;
  consumer?: Consumer;
  headers?: Record<string, string>;
  body?: unknown;
  operation?: { method: string; pathTemplate: string; operationId?: string };
}

function contextOf(method: string, target: string, shape: Shape = {}): RequestContext {
  const queryStart = target.indexOf('?');
  const bodyText = shape.body === undefined ? undefined : JSON.stringify(shape.body);
  const headers: Record<string, string> = {
    host: 'api.example', ...(bodyText === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(bodyText)) }), ...shape.headers,
  };
  const ip = shape.ip ?? '192.0.2.1';
  return {
    id: 'req', startedAt: 0, method, url: target,
    path: queryStart === -1 ? target : target.slice(0, queryStart),
    query: queryStart === -1 ? '' : target.slice(queryStart + 1),
    headers, rawHeaders: Object.entries(headers).flat(), protocol: 'https', host: 'api.example',
    remoteAddress: ip, clientIp: ip, routeName: 'api',
    ...(shape.consumer ? { consumer: shape.consumer } : {}),
    ...(shape.operation ? { operation: shape.operation } : {}),
    bodyLimit: { maxBytes: 1 << 20, maxInflateRatio: 100 }, events: [],
  };
}

/** Both request phases as the gateway runs them; the stage must answer synchronously on the memory store. */
function run(stage: Stage, method: string, target: string, shape: Shape = {}): { verdict: Verdict; ctx: RequestContext } {
  const ctx = contextOf(method, target, shape);
  const first = stage.onRequest!(ctx);
  assert.ok(!(first instanceof Promise), 'the memory store answers synchronously');
  if (first.action !== 'continue' || shape.body === undefined || !stage.needsBody?.(ctx)) return { verdict: first, ctx };
  const bytes = Buffer.from(JSON.stringify(shape.body));
  const verdict = stage.onRequestBody!(ctx, createRequestBody(bytes, bytes, 'application/json'));
  assert.ok(!(verdict instanceof Promise));
  return { verdict, ctx };
}

function denialOf(verdict: Verdict): Denial {
  assert.equal(verdict.action, 'deny', `expected a denial, got ${JSON.stringify(verdict)}`);
  return verdict;
}

const consumer = (id: string): Consumer => ({ id, kind: 'jwt', scopes: [], roles: [], groups: [], claims: { tenant: 't1' } });

function fresh(config: unknown): Stage {
  return createTestStage(ratelimitStage, config, { rateLimits: createRateLimitServices() });
}

describe('ratelimit stage', () => {
  it('refuses past the limit with 429, Retry-After and the RateLimit fields; admitted answers carry them too', () => {
    const stage = fresh({ limits: [{ name: 'per-ip', key: ['ip'], limit: 3, per: '1m' }] });
    for (let index = 0; index < 3; index++) {
      const { verdict, ctx } = run(stage, 'GET', '/books');
      assert.equal(verdict.action, 'continue');
      const head: ResponseHead = { status: 200, headers: {}, isLocal: false };
      stage.onResponse!(ctx, head);
      assert.equal(head.headers['ratelimit-policy'], '"per-ip";q=3;w=60');
      assert.equal(head.headers.ratelimit, `"per-ip";r=${2 - index};t=${[20, 40, 60][index]}`);
    }
    const denial = denialOf(run(stage, 'GET', '/books').verdict);
    assert.equal(denial.status, 429);
    assert.equal(denial.ruleId, 'ratelimit.exceeded');
    assert.equal(denial.headers?.['retry-after'], '20');
    assert.equal(denial.headers?.ratelimit, '"per-ip";r=0;t=20');
    assert.equal(run(stage, 'GET', '/books', { ip: '192.0.2.2' }).verdict.action, 'continue', 'another client has its own allowance');
  });

  it('checks several limits with the operation cost, and names the one that refused', () => {
    const stage = fresh({
      limits: [
        { name: 'burst', key: ['consumer'], limit: 100, per: '1s' },
        { name: 'daily', key: ['consumer', 'route'], limit: 25, per: '1d', algorithm: 'sliding-window' },
      ],
      costs: [{ operations: ['POST /reports'], cost: 10 }],
    });
    const who = { consumer: consumer('acme') };
    assert.equal(run(stage, 'POST', '/reports', who).verdict.action, 'continue');
    assert.equal(run(stage, 'POST', '/reports', who).verdict.action, 'continue');
    const denial = denialOf(run(stage, 'POST', '/reports', who).verdict);
    assert.equal(denial.evidence?.matched, 'daily');
    const cheap = run(stage, 'GET', '/reports', who);
    assert.equal(cheap.verdict.action, 'continue', 'five units left for cost-1 operations');
  });

  it('limits a login flow per target account across addresses, case-insensitively, and per source', () => {
    const stage = fresh({
      flows: [{ name: 'login', operations: ['POST /login'], account: 'body.username', perAccount: { limit: 3, per: '15m' }, perSource: { limit: 10, per: '15m' } }],
    });
    const attempt = (ip: string, username: string) => run(stage, 'POST', '/login', { ip, body: { username, password: 'x' } }).verdict;
    const first = run(stage, 'POST', '/login', { ip: '198.51.100.9', body: { username: 'carol', password: 'x' } });
    const head: ResponseHead = { status: 401, headers: {}, isLocal: false };
    stage.onResponse!(first.ctx, head);
    assert.equal(head.headers['ratelimit-policy'], '"login.source";q=10;w=900', 'only the per-source limit is advertised');
    assert.equal(attempt('198.51.100.1', 'alice').action, 'continue');
    assert.equal(attempt('198.51.100.2', 'Alice').action, 'continue');
    assert.equal(attempt('198.51.100.3', ' ALICE ').action, 'continue');
    const denial = denialOf(attempt('198.51.100.4', 'alice'));
    assert.equal(denial.ruleId, 'ratelimit.flow');
    assert.equal(denial.category, 'API6:2023');
    assert.equal(denial.evidence?.matched, 'login.account');
    assert.equal(denial.headers?.ratelimit, undefined, 'the per-account state is never advertised');
    assert.ok(denial.headers?.['retry-after']);
    assert.equal(attempt('198.51.100.4', 'bob').action, 'continue', 'other accounts are not affected');
    // One source trying many accounts: the per-source limit.
    for (let index = 0; index < 10; index++) attempt('203.0.113.50', `user${index}`);
    assert.equal(denialOf(attempt('203.0.113.50', 'user-last')).evidence?.matched, 'login.source');
    assert.equal(run(stage, 'GET', '/books', { ip: '203.0.113.50' }).verdict.action, 'continue', 'the flow applies to its operations only');
  });

  it('counts a missing key part by client address, or skips the limit when told to', () => {
    const stage = fresh({
      limits: [
        { name: 'tenant', key: ['header.x-tenant'], limit: 1, per: '1m' },
        { name: 'optional', key: ['claim.plan'], limit: 1, per: '1m', ifKeyMissing: 'skip' },
      ],
    });
    assert.equal(run(stage, 'GET', '/x').verdict.action, 'continue');
    assert.equal(denialOf(run(stage, 'GET', '/x').verdict).evidence?.matched, 'tenant', 'omitting the header does not escape the limit');
    assert.equal(run(stage, 'GET', '/x', { headers: { 'x-tenant': 'blue' } }).verdict.action, 'continue');
  });

  it('caps requests in flight per consumer and per upstream, giving slots back when responses end', () => {
    const stage = fresh({ concurrency: { perConsumer: 2, perUpstream: 3 } });
    const first = run(stage, 'GET', '/a', { consumer: consumer('acme') });
    run(stage, 'GET', '/a', { consumer: consumer('acme') });
    const third = denialOf(run(stage, 'GET', '/a', { consumer: consumer('acme') }).verdict);
    assert.equal(third.ruleId, 'ratelimit.concurrency');
    assert.equal(third.status, 429);
    run(stage, 'GET', '/a', { ip: '10.0.0.9' });
    const upstream = denialOf(run(stage, 'GET', '/a', { ip: '10.0.0.10' }).verdict);
    assert.equal(upstream.ruleId, 'ratelimit.upstream-concurrency');
    assert.equal(upstream.status, 503);
    for (const callback of first.ctx.onFinish ?? []) callback();
    assert.equal(run(stage, 'GET', '/a', { consumer: consumer('acme') }).verdict.action, 'continue', 'a finished request frees its slots');
  });

  it('refuses page sizes above the guard', () => {
    const stage = fresh({ pageSize: [{ parameters: ['limit', 'per_page'], max: 100, operations: ['GET /books'] }] });
    const denial = denialOf(run(stage, 'GET', '/books?per_page=500').verdict);
    assert.equal(denial.status, 400);
    assert.equal(denial.ruleId, 'ratelimit.page-size');
    assert.deepEqual(denial.problems, [{ location: 'query.per_page', problem: 'at most 100' }]);
    assert.equal(run(stage, 'GET', '/books?limit=100').verdict.action, 'continue');
    assert.equal(run(stage, 'GET', '/authors?limit=500').verdict.action, 'continue', 'other operations are not guarded');
  });

  it('costs a request nothing when nothing is configured', () => {
    assert.equal('onRequest' in fresh({}), false);
  });

  it('rejects configurations that cannot work, naming the key', () => {
    const problem = (config: unknown): string => {
      try {
        fresh(config);
      } catch (error) {
        assert.ok(error instanceof BulwarkError);
        return error.message;
      }
      return assert.fail('accepted');
    };
    assert.match(problem({ limits: [{ name: 'a', key: ['cookie.session'], limit: 1 }] }), /limits\[0\]\.key: "cookie\.session" is not a key part/);
    assert.match(problem({ limits: [{ name: 'a', key: ['ip'], limit: 1 }, { name: 'a', key: ['ip'], limit: 2 }] }), /used twice/);
    assert.match(problem({ limits: [{ name: 'a', key: ['ip'], limit: 1, burst: 5, algorithm: 'sliding-window' }] }), /only the gcra algorithm has a burst/);
    assert.match(problem({ limits: [{ name: 'a', key: ['ip'], limit: 1, operations: ['not a pattern'] }] }), /not an operation pattern/);
    assert.match(problem({ store: 'redis', limits: [{ name: 'a', key: ['ip'], limit: 1 }] }), /without store\.redis/);
  });
});
