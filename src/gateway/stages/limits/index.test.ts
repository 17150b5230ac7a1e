// The limits stage as the core builds it: config through validate() + stageConfigSchema, then every
// rule's allow and deny paths, defaults, per-media-type limits, JSON shape and overload shedding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { Type } from '@sinclair/typebox';
import { pino } from 'pino';
import { validate } from '../../../core/config/load-config.js';
import { fixedOverload, type Overload } from '../../overload.js';
import { createRequestBody, readRequestBody } from '../../request-body.js';
import type { RequestContext } from '../../request-context.js';
import { stageConfigSchema } from '../../stage-config.js';
import type { Stage } from '../../stage.js';
import type { Denial, Verdict } from '../../verdict.js';
import { denialForBodyFailure, limitsStage } from './index.js';
import type { LimitsConfig } from './schema.js';

const MIB = 1024 * 1024;
// Nested as the core nests it (`stages.limits`): Ajv ignores, and strict mode refuses, a root default.
const schema = Type.Object({ limits: stageConfigSchema(limitsStage) });

function problemsOf(raw: unknown): string[] {
  return validate({ limits: structuredClone(raw) }, schema).map((problem) => problem.path);
}

function configOf(raw: Record<string, unknown> = {}): LimitsConfig {
  const value = { limits: structuredClone(raw) };
  assert.deepEqual(validate(value, schema), []);
  return value.limits as unknown as LimitsConfig;
}

function stageOf(raw: Record<string, unknown> = {}, overload: Overload = fixedOverload()): Stage {
  return limitsStage.create(configOf(raw), { logger: pino({ enabled: false }), overload, isTrustedProxy: () => false });
}

interface RequestShape { url?: string; headers?: readonly (readonly [string, string])[] }

function contextOf({ url = '/items', headers = [] }: RequestShape = {}): RequestContext {
  const queryStart = url.indexOf('?');
  const all: (readonly [string, string])[] = [['Host', 'api.example'], ...headers];
  return {
    id: 'req-1', startedAt: 0, method: 'POST', url,
    path: queryStart === -1 ? url : url.slice(0, queryStart),
    query: queryStart === -1 ? '' : url.slice(queryStart + 1),
    headers: Object.fromEntries(all.map(([name, value]) => [name.toLowerCase(), value])),
    rawHeaders: all.flat(),
    protocol: 'https', host: 'api.example', remoteAddress: '192.0.2.1', clientIp: '192.0.2.1', routeName: 'default',
    bodyLimit: { maxBytes: 0, maxInflateRatio: 1 },
    events: [],
  };
}

function run(stage: Stage, ctx: RequestContext): Verdict {
  const verdict = stage.onRequest?.(ctx);
  assert.ok(verdict !== undefined && !(verdict instanceof Promise), 'onRequest is synchronous');
  return verdict;
}

function assertDenied(verdict: Verdict, status: number, ruleId: string): Denial {
  assert.ok(verdict.action === 'deny', `expected ${ruleId}, got ${verdict.action}`);
  const denial = verdict;
  assert.equal(denial.ruleId, ruleId);
  assert.equal(denial.status, status);
  const described = limitsStage.rules.find((rule) => rule.id === ruleId);
  assert.ok(described, `${ruleId} is listed in rules`);
  assert.equal(described.status, status);
  assert.equal(denial.severity, described.severity);
  assert.equal(denial.category, described.category);
  return denial;
}

function bodyVerdict(stage: Stage, ctx: RequestContext, text: string, mediaType = 'application/json'): Verdict {
  const buffer = Buffer.from(text);
  const verdict = stage.onRequestBody?.(ctx, createRequestBody(buffer, buffer, mediaType));
  assert.ok(verdict !== undefined && !(verdict instanceof Promise));
  return verdict;
}

const json = (length: number, type = 'application/json'): [string, string][] => [['Content-Type', type], ['Content-Length', String(length)]];
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

test('definition: name, policy, and a unique, described rule list', () => {
  assert.equal(limitsStage.name, 'limits');
  assert.equal(limitsStage.defaultFailurePolicy, 'closed');
  assert.equal(limitsStage.enabledByDefault, true);
  assert.deepEqual(limitsStage.rules.map((rule) => rule.id).sort(), [
    'limits.body-aborted', 'limits.body-corrupt', 'limits.body-inflate-ratio', 'limits.body-too-large', 'limits.header-underscore',
    'limits.json-array-too-long', 'limits.json-invalid', 'limits.json-too-deep', 'limits.json-too-many-keys', 'limits.overloaded', 'limits.too-many-headers',
    'limits.too-many-params', 'limits.unsupported-encoding', 'limits.url-too-long',
  ]);
  for (const rule of limitsStage.rules) {
    assert.match(rule.category, /^API[48]:2023$/);
    assert.ok(rule.title.length > 0 && rule.description.length > 0);
  }
  for (const key of ['enabled', 'mode', 'failurePolicy']) assert.equal(key in limitsStage.configSchema.properties, false, `${key} is added by the core`);
});

test('config: defaults from SECURITY-BASELINE.md, units converted', () => {
  assert.deepEqual(configOf(), {
    enabled: true, mode: 'enforce',
    url: { maxLength: 8192 }, query: { maxParams: 1000 }, headers: { maxCount: 100, rejectUnderscores: true },
    body: { maxBytes: MIB, maxBytesByMediaType: {}, maxInflateRatio: 100 },
    json: { maxDepth: 64, maxKeys: 1000 }, overload: { shed: true, retryAfter: 5000 },
  });
  const custom = configOf({ body: { maxBytes: '64kb', maxBytesByMediaType: { 'multipart/form-data': '10mb' } }, overload: { retryAfter: '1m' } });
  assert.equal(custom.body.maxBytes, 64 * 1024);
  assert.deepEqual(custom.body.maxBytesByMediaType, { 'multipart/form-data': 10 * MIB });
  assert.equal(custom.overload.retryAfter, 60_000);
});

test('config: bad values are reported by key', () => {
  assert.deepEqual(problemsOf({ body: { maxBytesByMediaType: { 'application/json; charset=utf-8': '1kb' } } }),
    ['limits.body.maxBytesByMediaType.application/json; charset=utf-8']);
  assert.deepEqual(problemsOf({ body: { maxBytes: 'lots' } }), ['limits.body.maxBytes']);
  assert.deepEqual(problemsOf({ json: { maxDepth: 0 } }), ['limits.json.maxDepth']);
  assert.deepEqual(problemsOf({ url: { maxLen: 5 } }), ['limits.url.maxLen']);
  assert.deepEqual(problemsOf({ mode: 'monitor', failurePolicy: 'open' }), []);
});

test('a plain request continues and gets the default body limit', () => {
  const ctx = contextOf();
  assert.equal(run(stageOf(), ctx).action, 'continue');
  assert.deepEqual(ctx.bodyLimit, { maxBytes: MIB, maxInflateRatio: 100 });
});

test('overload: 503 with Retry-After in whole seconds, checked first', () => {
  const overloaded = fixedOverload({ isOverloaded: true, reason: 'heap' });
  const denial = assertDenied(run(stageOf({}, overloaded), contextOf({ url: `/${'a'.repeat(9000)}` })), 503, 'limits.overloaded');
  assert.deepEqual(denial.headers, { 'retry-after': '5' });
  assert.equal(denial.evidence?.reason, 'heap');
  const rounded = assertDenied(run(stageOf({ overload: { retryAfter: '1500ms' } }, overloaded), contextOf()), 503, 'limits.overloaded');
  assert.deepEqual(rounded.headers, { 'retry-after': '2' });
  assert.equal(run(stageOf({ overload: { shed: false } }, overloaded), contextOf()).action, 'continue');
  assert.equal(run(stageOf({}, fixedOverload({ isOverloaded: false })), contextOf()).action, 'continue');
});

test('url: 8192 characters pass, 8193 get 414', () => {
  const stage = stageOf();
  assert.equal(run(stage, contextOf({ url: `/${'a'.repeat(8191)}` })).action, 'continue');
  const denial = assertDenied(run(stage, contextOf({ url: `/${'a'.repeat(8192)}` })), 414, 'limits.url-too-long');
  assert.deepEqual(denial.evidence, { location: 'url', limit: 8192, actual: 8193 });
  assert.equal(denial.detail.includes('aaaa'), false);
  assertDenied(run(stageOf({ url: { maxLength: 10 } }), contextOf({ url: '/0123456789' })), 414, 'limits.url-too-long');
});

test('query: 1000 pairs pass, 1001 get 400; empty pairs are not counted', () => {
  const stage = stageOf();
  const query = (count: number): string => Array.from({ length: count }, (_, index) => `p${index}=1`).join('&');
  assert.equal(run(stage, contextOf({ url: `/items?${query(1000)}` })).action, 'continue');
  const denial = assertDenied(run(stage, contextOf({ url: `/items?${query(1001)}` })), 400, 'limits.too-many-params');
  assert.deepEqual(denial.evidence, { location: 'query', limit: 1000, actual: 1001 });
  const small = stageOf({ query: { maxParams: 2 } });
  assert.equal(run(small, contextOf({ url: '/items?&a=1&&&b=2&' })).action, 'continue');
  assertDenied(run(small, contextOf({ url: '/items?a&b&c' })), 400, 'limits.too-many-params');
});

test('headers: 100 lines pass, 101 get 431', () => {
  const stage = stageOf();
  const headers = (count: number): [string, string][] => Array.from({ length: count - 1 }, (_, index) => [`X-H${index}`, 'v']);
  assert.equal(run(stage, contextOf({ headers: headers(100) })).action, 'continue');
  const denial = assertDenied(run(stage, contextOf({ headers: headers(101) })), 431, 'limits.too-many-headers');
  assert.deepEqual(denial.evidence, { location: 'header', limit: 100, actual: 101 });
  assertDenied(run(stageOf({ headers: { maxCount: 2 } }), contextOf({ headers: [['A', '1'], ['B', '2']] })), 431, 'limits.too-many-headers');
});

test('headers: underscores in names get 400 unless allowed; detail does not echo the name', () => {
  const ctx = (): RequestContext => contextOf({ headers: [['X-Ok', 'a_b'], ['X_Auth_User', 'admin']] });
  const denial = assertDenied(run(stageOf(), ctx()), 400, 'limits.header-underscore');
  assert.deepEqual(denial.evidence, { location: 'header', name: 'x_auth_user' });
  assert.equal(/x_auth_user|admin/i.test(denial.detail), false);
  assert.equal(run(stageOf(), contextOf({ headers: [['X-Ok', 'under_score_value']] })).action, 'continue');
  assert.equal(run(stageOf({ headers: { rejectUnderscores: false } }), ctx()).action, 'continue');
});

test('body: Content-Length over maxBytes gets 413 at once unless the body is encoded', () => {
  const stage = stageOf();
  assert.equal(run(stage, contextOf({ headers: json(MIB) })).action, 'continue');
  const denial = assertDenied(run(stage, contextOf({ headers: json(MIB + 1) })), 413, 'limits.body-too-large');
  assert.deepEqual(denial.evidence, { location: 'header', name: 'content-length', limit: MIB, actual: MIB + 1 });
  assert.equal(run(stage, contextOf({ headers: [...json(MIB + 1), ['Content-Encoding', 'identity']] })).action, 'deny');
  // Encoded: the wire length is not the decoded size; the core measures it with ctx.bodyLimit.
  const ctx = contextOf({ headers: [...json(MIB + 1), ['Content-Encoding', 'gzip']] });
  assert.equal(run(stage, ctx).action, 'continue');
  assert.deepEqual(ctx.bodyLimit, { maxBytes: MIB, maxInflateRatio: 100 });
  assertDenied(run(stageOf({ body: { maxBytes: '1kb' } }), contextOf({ headers: json(1025) })), 413, 'limits.body-too-large');
});

test('body: per-media-type limits match the type without parameters, case-insensitively', () => {
  const stage = stageOf({ body: { maxBytesByMediaType: { 'Multipart/Form-Data': '10mb' }, maxInflateRatio: 20 } });
  const upload = contextOf({ headers: json(5 * MIB, 'multipart/form-data; boundary=xyz') });
  assert.equal(run(stage, upload).action, 'continue');
  assert.deepEqual(upload.bodyLimit, { maxBytes: 10 * MIB, maxInflateRatio: 20 });
  assertDenied(run(stage, contextOf({ headers: json(10 * MIB + 1, 'MULTIPART/form-data;boundary=x') })), 413, 'limits.body-too-large');
  const other = contextOf({ headers: json(5 * MIB) });
  assertDenied(run(stage, other), 413, 'limits.body-too-large');
  assert.deepEqual(other.bodyLimit, { maxBytes: MIB, maxInflateRatio: 20 });
});

test('body: the limit is set even when an earlier check denies (monitor mode reads on)', () => {
  const ctx = contextOf({ url: `/${'a'.repeat(9000)}`, headers: json(10) });
  assert.equal(run(stageOf({ body: { maxBytes: '2kb' } }), ctx).action, 'deny');
  assert.equal(ctx.bodyLimit.maxBytes, 2048);
});

test('needsBody: only bodies that are encoded or JSON', () => {
  const stage = stageOf();
  const needs = (headers: [string, string][]): boolean | undefined => stage.needsBody?.(contextOf({ headers }));
  assert.equal(needs([]), false);
  assert.equal(needs(json(0)), false);
  assert.equal(needs(json(10)), true);
  assert.equal(needs(json(10, 'application/problem+json; charset=utf-8')), true);
  assert.equal(needs([['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']]), true);
  assert.equal(needs(json(10, 'text/plain')), false);
  assert.equal(needs(json(10, 'application/jsonp')), false);
  assert.equal(needs([...json(10, 'text/plain'), ['Content-Encoding', 'gzip']]), true);
  assert.equal(needs([...json(10, 'text/plain'), ['Content-Encoding', 'identity']]), false);
  assert.equal(needs([['Content-Length', '10'], ['Content-Encoding', 'br']]), true);
});

test('JSON body: valid passes, invalid gets 400, other media types and empty bodies are not judged', () => {
  const stage = stageOf();
  const ctx = contextOf({ headers: json(10) });
  run(stage, ctx);
  assert.equal(bodyVerdict(stage, ctx, '{"name":"x","tags":[1,2]}').action, 'continue');
  const denial = assertDenied(bodyVerdict(stage, ctx, '{"password":"hunter2",'), 400, 'limits.json-invalid');
  assert.equal(denial.detail.includes('hunter2'), false);
  assertDenied(bodyVerdict(stage, ctx, '{"a":', 'application/vnd.api+json'), 400, 'limits.json-invalid');
  assert.equal(bodyVerdict(stage, ctx, '{not json', 'text/plain').action, 'continue');
  assert.equal(bodyVerdict(stage, ctx, '').action, 'continue');
});

test('JSON body: depth 64 passes, 65 gets 400; a 10 000-deep array is denied without overflow', () => {
  const stage = stageOf();
  const ctx = contextOf({ headers: json(10) });
  run(stage, ctx);
  assert.equal(bodyVerdict(stage, ctx, nested(64)).action, 'continue');
  const denial = assertDenied(bodyVerdict(stage, ctx, nested(65)), 400, 'limits.json-too-deep');
  assert.deepEqual(denial.evidence, { location: 'body', limit: 64 });
  assertDenied(bodyVerdict(stage, ctx, nested(10_000)), 400, 'limits.json-too-deep');
  assert.equal(bodyVerdict(stageOf({ json: { maxDepth: 20_000, maxKeys: 20_000 } }), ctx, nested(10_000)).action, 'continue');
  assertDenied(bodyVerdict(stageOf({ json: { maxDepth: 2 } }), ctx, '{"a":{"b":{}}}'), 400, 'limits.json-too-deep');
});

test('JSON body: 1000 keys pass, 1001 get 400; array items count', () => {
  const stage = stageOf();
  const ctx = contextOf({ headers: json(10) });
  run(stage, ctx);
  const object = (count: number): string => JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, 1])));
  assert.equal(bodyVerdict(stage, ctx, object(1000)).action, 'continue');
  const denial = assertDenied(bodyVerdict(stage, ctx, object(1001)), 400, 'limits.json-too-many-keys');
  assert.deepEqual(denial.evidence, { location: 'body', limit: 1000 });
  assertDenied(bodyVerdict(stage, ctx, JSON.stringify({ items: Array.from({ length: 1000 }, () => 0) })), 400, 'limits.json-too-many-keys');
  assertDenied(bodyVerdict(stageOf({ json: { maxKeys: 2 } }), ctx, '{"a":[1,2]}', 'application/merge-patch+json'), 400, 'limits.json-too-many-keys');
});

test('JSON body: a decoded body over ctx.bodyLimit is refused even if the core let it through', () => {
  const stage = stageOf({ body: { maxBytes: 8 } });
  const ctx = contextOf({ headers: json(9) });
  run(stage, ctx);
  assertDenied(bodyVerdict(stage, ctx, '[1,2,3,4]'), 413, 'limits.body-too-large');
  assert.equal(bodyVerdict(stage, ctx, '[1,2,3]').action, 'continue');
});

test('denialForBodyFailure maps every failure kind without echoing attacker text', () => {
  assertDenied(denialForBodyFailure({ kind: 'too-large', limit: MIB }), 413, 'limits.body-too-large');
  assertDenied(denialForBodyFailure({ kind: 'ratio', limit: 100 }), 413, 'limits.body-inflate-ratio');
  const encoding = assertDenied(denialForBodyFailure({ kind: 'encoding', encoding: `zstd${'x'.repeat(100)}` }), 415, 'limits.unsupported-encoding');
  assert.equal(encoding.detail.includes('zstd'), false);
  assert.equal(String(encoding.evidence?.encoding).length, 32);
  assertDenied(denialForBodyFailure({ kind: 'corrupt', encoding: 'gzip' }), 400, 'limits.body-corrupt');
  assertDenied(denialForBodyFailure({ kind: 'aborted' }), 400, 'limits.body-aborted');
});

test('a gzip bomb read with the limit the stage set is denied by ratio', async () => {
  const ctx = contextOf({ headers: [...json(0), ['Content-Encoding', 'gzip']] });
  run(stageOf(), ctx);
  const bomb = gzipSync(Buffer.alloc(512 * 1024)); // ~0.5 KiB on the wire, 512 KiB decoded: ratio ~1000
  const request = Object.assign(new PassThrough(), { headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' }, complete: true });
  request.end(bomb);
  const result = await readRequestBody(request as unknown as IncomingMessage, ctx.bodyLimit);
  assert.ok('kind' in result, 'the read fails');
  assertDenied(denialForBodyFailure(result), 413, 'limits.body-inflate-ratio');
});
