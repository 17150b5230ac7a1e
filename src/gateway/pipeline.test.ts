import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../core/logger.js';
import { createGatewayMetrics } from './metrics.js';
import { runPhase, runResponsePhase } from './pipeline.js';
import type { RequestContext, ResponseHead } from './request-context.js';
import type { CompiledStage } from './runtime.js';
import type { Stage } from './stage.js';
import { CONTINUE, deny, reply, type Verdict } from './verdict.js';

const deps = { logger: createLogger({ level: 'silent' }), metrics: createGatewayMetrics() };

function ctx(): RequestContext {
  return {
    id: 'r1', startedAt: 0, method: 'GET', url: '/', path: '/', query: '', headers: {}, rawHeaders: [], protocol: 'http',
    host: 'a', remoteAddress: '127.0.0.1', clientIp: '127.0.0.1', routeName: 'r', bodyLimit: { maxBytes: 1, maxInflateRatio: 1 }, events: [],
  };
}

function compiled(name: string, stage: Stage, mode: 'enforce' | 'monitor' = 'enforce', failurePolicy: 'open' | 'closed' = 'closed'): CompiledStage {
  return { name, mode, failurePolicy, stage };
}

const denyAll = (ruleId: string): Verdict => deny({ status: 403, ruleId, detail: 'no', severity: 'high', category: 'API1:2023' });
const run = (c: RequestContext, stages: CompiledStage[]) => runPhase(c, stages, (s) => s.stage.onRequest!(c), deps);

test('stages run in order and the first enforcing denial wins', async () => {
  const calls: string[] = [];
  const c = ctx();
  const outcome = await run(c, [
    compiled('a', { onRequest: () => { calls.push('a'); return CONTINUE; } }),
    compiled('b', { onRequest: () => { calls.push('b'); return Promise.resolve(denyAll('b.no')); } }),
    compiled('c', { onRequest: () => { calls.push('c'); return CONTINUE; } }),
  ]);
  assert.deepEqual(calls, ['a', 'b']);
  assert.equal(outcome.action, 'deny');
  assert.equal(outcome.action === 'deny' && outcome.denial.ruleId, 'b.no');
  assert.equal(outcome.action === 'deny' && outcome.stage, 'b');
});

test('monitor mode records the denial and continues', async () => {
  const c = ctx();
  const outcome = await run(c, [compiled('a', { onRequest: () => denyAll('a.no') }, 'monitor'), compiled('b', { onRequest: () => CONTINUE })]);
  assert.equal(outcome.action, 'continue');
  assert.deepEqual(c.events.map((e) => [e.ruleId, e.action, e.stage]), [['a.no', 'monitored', 'a']]);
});

test('a reply ends the phase without an event', async () => {
  const c = ctx();
  const outcome = await run(c, [compiled('a', { onRequest: () => reply(204, { allow: 'GET' }) }), compiled('b', { onRequest: () => denyAll('b.no') })]);
  assert.deepEqual(outcome, { action: 'reply', status: 204, headers: { allow: 'GET' } });
  assert.equal(c.events.length, 0);
});

test('a failing stage with policy closed answers 503 with <stage>.failure', async () => {
  const c = ctx();
  const outcome = await run(c, [compiled('jwks', { onRequest: () => Promise.reject(new Error('provider down')) }, 'enforce', 'closed')]);
  assert.equal(outcome.action, 'deny');
  assert.equal(outcome.action === 'deny' && outcome.denial.status, 503);
  assert.equal(outcome.action === 'deny' && outcome.denial.ruleId, 'jwks.failure');
});

test('a failing stage with policy open continues and leaves an allowed event', async () => {
  const c = ctx();
  const outcome = await run(c, [compiled('detect', { onRequest: () => { throw new Error('bug'); } }, 'enforce', 'open')]);
  assert.equal(outcome.action, 'continue');
  assert.deepEqual(c.events.map((e) => [e.ruleId, e.action]), [['detect.failure', 'allowed']]);
});

test('a failing stage in monitor mode never blocks', async () => {
  const c = ctx();
  const outcome = await run(c, [compiled('new', { onRequest: () => { throw new Error('bug'); } }, 'monitor', 'closed')]);
  assert.equal(outcome.action, 'continue');
  assert.deepEqual(c.events.map((e) => [e.ruleId, e.action]), [['new.failure', 'monitored']]);
});

test('response phase: stages edit headers; a throwing fail-open stage does not stop the others', () => {
  const c = ctx();
  const head: ResponseHead = { status: 200, headers: {}, isLocal: false };
  const outcome = runResponsePhase(c, [
    compiled('x', { onResponse: () => { throw new Error('bug'); } }, 'enforce', 'open'),
    compiled('h', { onResponse: (_c, h) => { h.headers['x-a'] = '1'; return CONTINUE; } }),
  ], (s) => s.stage.onResponse!(c, head), deps);
  assert.equal(outcome.action, 'continue');
  assert.equal(head.headers['x-a'], '1');
});

test('synchronous stages give a synchronous outcome; an async stage continues the chain', async () => {
  const c = ctx();
  const sync = run(c, [compiled('a', { onRequest: () => CONTINUE }), compiled('b', { onRequest: () => denyAll('b.no') })]);
  assert.ok(!(sync instanceof Promise));
  const calls: string[] = [];
  const mixed = run(c, [
    compiled('a', { onRequest: () => { calls.push('a'); return Promise.resolve(CONTINUE); } }),
    compiled('b', { onRequest: () => { calls.push('b'); return CONTINUE; } }),
    compiled('c', { onRequest: () => { calls.push('c'); return Promise.reject(new Error('down')); } }, 'enforce', 'closed'),
  ]);
  assert.ok(mixed instanceof Promise);
  const outcome = await mixed;
  assert.deepEqual(calls, ['a', 'b', 'c']);
  assert.equal(outcome.action === 'deny' && outcome.denial.ruleId, 'c.failure');
});
