import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import { pino } from 'pino';
import { validate } from '../../../core/config/load-config.js';
import { isBulwarkError } from '../../../core/errors.js';
import { fixedOverload } from '../../overload.js';
import type { RequestContext } from '../../request-context.js';
import type { Stage, StageDeps } from '../../stage.js';
import { stageConfigSchema } from '../../stage-config.js';
import type { Verdict } from '../../verdict.js';
import { ipStage } from './index.js';
import type { IpConfig } from './schema.js';

const deps: StageDeps = { logger: pino({ level: 'silent' }), overload: fixedOverload(), isTrustedProxy: () => false };
// Nested as the core nests it (`stages.ip`): Ajv strict mode refuses a default at the schema root.
const schema = Type.Object({ ip: stageConfigSchema(ipStage) });

function problemsOf(value: unknown): string[] {
  return validate({ ip: structuredClone(value) }, schema).map((problem) => problem.path);
}

function configOf(value: unknown): IpConfig {
  const wrapper = { ip: structuredClone(value) };
  assert.deepEqual(validate(wrapper, schema), []);
  return wrapper.ip as IpConfig;
}

function stageOf(value: unknown): Stage {
  return ipStage.create(configOf(value), deps);
}

function contextFor(clientIp: string): RequestContext {
  return {
    id: 'req-1', startedAt: 0, method: 'GET', url: '/', path: '/', query: '', headers: {}, rawHeaders: [],
    protocol: 'https', host: 'api.example.com', remoteAddress: clientIp, clientIp, routeName: 'default',
    bodyLimit: { maxBytes: 1024, maxInflateRatio: 100 }, events: [],
  };
}

function verdictFor(stage: Stage, clientIp: string): Verdict {
  assert.ok(stage.onRequest !== undefined);
  const verdict = stage.onRequest(contextFor(clientIp));
  assert.ok(!(verdict instanceof Promise));
  return verdict;
}

function ruleOf(verdict: Verdict): string | undefined {
  return verdict.action === 'deny' ? verdict.ruleId : verdict.action === 'continue' ? undefined : 'reply';
}

test('defaults: enabled, both lists empty, fails closed, and does no per-request work', () => {
  const config = configOf({});
  assert.deepEqual({ allow: config.allow, deny: config.deny }, { allow: [], deny: [] });
  assert.equal((config as unknown as { enabled: boolean }).enabled, true);
  assert.equal(ipStage.defaultFailurePolicy, 'closed');
  assert.ok(ipStage.create(config, deps).onRequest === undefined);
});

interface Vector { config: { allow?: string[]; deny?: string[] }; ip: string; rule: string | undefined; why: string }
const vectors: Vector[] = [
  { config: { deny: ['203.0.113.0/24'] }, ip: '203.0.113.7', rule: 'ip.denied', why: 'IPv4 in denied range' },
  { config: { deny: ['203.0.113.0/24'] }, ip: '198.51.100.7', rule: undefined, why: 'IPv4 outside denied range' },
  { config: { deny: ['203.0.113.0/24'] }, ip: '::ffff:203.0.113.7', rule: 'ip.denied', why: 'mapped IPv4 in denied range' },
  { config: { deny: ['2001:db8:bad::/48'] }, ip: '2001:db8:bad:1::9', rule: 'ip.denied', why: 'IPv6 in denied range' },
  { config: { deny: ['2001:db8:bad::/48'] }, ip: '2001:db8:600d::9', rule: undefined, why: 'IPv6 outside denied range' },
  { config: { allow: ['10.0.0.0/8', '2001:db8::/32'] }, ip: '10.1.2.3', rule: undefined, why: 'IPv4 on allow list' },
  { config: { allow: ['10.0.0.0/8', '2001:db8::/32'] }, ip: '::ffff:10.1.2.3', rule: undefined, why: 'mapped IPv4 on allow list' },
  { config: { allow: ['10.0.0.0/8', '2001:db8::/32'] }, ip: '2001:db8::1', rule: undefined, why: 'IPv6 on allow list' },
  { config: { allow: ['10.0.0.0/8', '2001:db8::/32'] }, ip: '11.1.2.3', rule: 'ip.not-allowed', why: 'IPv4 not on allow list' },
  { config: { allow: ['10.0.0.0/8', '2001:db8::/32'] }, ip: '2001:db9::1', rule: 'ip.not-allowed', why: 'IPv6 not on allow list' },
  { config: { allow: ['10.0.0.0/8'] }, ip: '', rule: 'ip.not-allowed', why: 'unknown client with an allow list' },
  { config: { allow: ['10.0.0.0/8'] }, ip: 'garbage', rule: 'ip.not-allowed', why: 'unparsable client with an allow list' },
  { config: { allow: ['10.0.0.0/8'], deny: ['10.6.6.6'] }, ip: '10.6.6.6', rule: 'ip.denied', why: 'deny wins over allow' },
  { config: { allow: ['10.0.0.0/8'], deny: ['10.6.6.6'] }, ip: '10.6.6.7', rule: undefined, why: 'allowed neighbour of a denied address' },
  { config: { deny: ['10.6.6.6'] }, ip: 'garbage', rule: undefined, why: 'deny list only: unparsable client is not denied' },
];

for (const vector of vectors) {
  test(`ip stage: ${vector.why}`, () => {
    assert.equal(ruleOf(verdictFor(stageOf(vector.config), vector.ip)), vector.rule);
  });
}

test('denials are 403 with a safe detail that does not echo the address', () => {
  for (const [config, ip] of [[{ deny: ['1.2.3.4'] }, '1.2.3.4'], [{ allow: ['1.2.3.4'] }, '5.6.7.8']] as const) {
    const verdict = verdictFor(stageOf(config), ip);
    assert.equal(verdict.action, 'deny');
    if (verdict.action !== 'deny') return;
    assert.equal(verdict.status, 403);
    assert.ok(!verdict.detail.includes(ip));
    assert.ok(ipStage.rules.some((rule) => rule.id === verdict.ruleId && rule.status === verdict.status && rule.severity === verdict.severity));
  }
});

test('an invalid entry fails create() with CONFIG_INVALID naming the key', () => {
  for (const [config, prefix] of [[{ allow: ['10.0.0.0/8', '10.0.0.0/40'] }, 'allow[1]: '], [{ deny: ['nope'] }, 'deny[0]: ']] as const) {
    assert.throws(() => stageOf(config), (error: unknown) => {
      assert.ok(isBulwarkError(error));
      assert.equal(error.code, 'CONFIG_INVALID');
      assert.ok(error.message.startsWith(prefix), error.message);
      return true;
    });
  }
});

test('schema rejects unknown keys and non-string entries', () => {
  assert.deepEqual(problemsOf({ allowed: [] }), ['ip.allowed']);
  assert.deepEqual(problemsOf({ allow: [1] }), ['ip.allow[0]']);
});

test('rule ids are unique and prefixed with the stage name', () => {
  const ids = ipStage.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.ok(id.startsWith('ip.'));
});
