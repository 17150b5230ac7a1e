// The contract-response stage as the core builds it (config through validate() + stageConfigSchema),
// against the compiled shop document: declared statuses and media types, which bodies are worth
// buffering, schema failures by kind, and stripping of undeclared and write-only properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildApiModel, compileContract, loadApiDocument } from '../../../contract/index.js';
import type { RequestContext, ResponseHead } from '../../request-context.js';
import type { ResponseBody, Stage } from '../../stage.js';
import type { Denial, Verdict } from '../../verdict.js';
import { contractResponseStage } from './index.js';
import { RESPONSE_RULE_DEFAULTS, type ContractResponseConfig, type ResponseRule } from './schema.js';
import { createTestStage, stageConfig } from '../../../../test/helpers/stage.js';

const SHOP = join(import.meta.dirname, '../../../../test/fixtures/contract/shop.yaml');
const contract = compileContract(buildApiModel(await loadApiDocument(SHOP)));
const API = '/api/v1';
const MIB = 1024 * 1024;

function configOf(raw: Record<string, unknown> = {}): ContractResponseConfig {
  return stageConfig<ContractResponseConfig>(contractResponseStage, raw);
}

function stageOf(raw: Record<string, unknown> = {}): Stage {
  return createTestStage(contractResponseStage, raw);
}

function contextOf(method: string, path: string, withContract = true): RequestContext {
  return {
    id: 'req-1', startedAt: 0, method, url: path, path, query: '',
    headers: { host: 'shop.example' }, rawHeaders: ['Host', 'shop.example'],
    protocol: 'https', host: 'shop.example', remoteAddress: '192.0.2.1', clientIp: '192.0.2.1', routeName: 'shop',
    ...(withContract ? { contract: contract.match(method, path) } : {}),
    bodyLimit: { maxBytes: MIB, maxInflateRatio: 100 },
    events: [],
  };
}

function headOf(status: number, contentType?: string, { isLocal = false, contentLength }: { isLocal?: boolean; contentLength?: string } = {}): ResponseHead {
  return {
    status,
    headers: { ...(contentType === undefined ? {} : { 'content-type': contentType }), ...(contentLength === undefined ? {} : { 'content-length': contentLength }) },
    isLocal,
  };
}

function onResponse(stage: Stage, ctx: RequestContext, head: ResponseHead): Verdict {
  const verdict = stage.onResponse?.(ctx, head);
  assert.ok(verdict !== undefined);
  return verdict;
}

interface BodyRun { verdict: Verdict; replaced: Buffer[] }

/** Runs onResponseBody with a JSON body, capturing what `replace` receives. */
function onBody(stage: Stage, ctx: RequestContext, head: ResponseHead, value: unknown): BodyRun {
  const replaced: Buffer[] = [];
  const bytes = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
  const contentType = head.headers['content-type'];
  const body: ResponseBody = {
    mediaType: (typeof contentType === 'string' ? contentType : '').split(';')[0]!.trim().toLowerCase(),
    bytes,
    replace(next) { replaced.push(next); },
  };
  const verdict = stage.onResponseBody?.(ctx, head, body);
  assert.ok(verdict !== undefined);
  return { verdict, replaced };
}

function assertDenied(verdict: Verdict, ruleId: string): Denial {
  assert.ok(verdict.action === 'deny', `expected ${ruleId}, got ${verdict.action}`);
  assert.equal(verdict.ruleId, ruleId);
  assert.equal(verdict.status, 502);
  const described = contractResponseStage.rules.find((rule) => rule.id === ruleId);
  assert.ok(described, `${ruleId} is listed in rules`);
  assert.equal(described.status, 502);
  assert.equal(verdict.severity, described.severity);
  assert.equal(verdict.category, described.category);
  assert.equal(verdict.problems, undefined, 'the client gets a plain 502');
  return verdict;
}

const rules = (modes: Partial<Record<ResponseRule, 'enforce' | 'monitor' | 'off'>>): Record<string, unknown> => ({ rules: modes });
const JSON_TYPE = 'application/json';
const USER = { id: 1, name: 'ann', email: 'ann@example.com', address: { city: 'Oslo', zip: '01234' }, tags: ['a'] };
const LEAKY = { id: 1, name: 'ann', password: 'hunter22', ssn: '078-05-1120', address: { city: 'Oslo', zip: '01234', geo: '59.9,10.7' } };

test('definition: name, monitor by default, fail open, contract-only, rules match the config', () => {
  assert.equal(contractResponseStage.name, 'contract-response');
  assert.equal(contractResponseStage.defaultFailurePolicy, 'open');
  assert.equal(contractResponseStage.defaultMode, 'monitor');
  assert.equal(contractResponseStage.enabledByDefault, true);
  assert.equal(contractResponseStage.needsContract, true);
  assert.deepEqual(contractResponseStage.rules.map((rule) => rule.id).sort(), Object.keys(RESPONSE_RULE_DEFAULTS).map((name) => `contract-response.${name}`).sort());
});

test('config: defaults', () => {
  assert.deepEqual(configOf(), {
    enabled: true, mode: 'monitor',
    rules: { ...RESPONSE_RULE_DEFAULTS },
    strip: { undeclared: false, writeOnly: false },
    maxBodyBytes: MIB,
    operations: {},
  });
  assert.equal(configOf({ maxBodyBytes: '64kb' }).maxBodyBytes, 64 * 1024);
});

test('onResponse: a declared status and media type continue', () => {
  const stage = stageOf();
  const ctx = contextOf('GET', `${API}/users/1`);
  assert.equal(onResponse(stage, ctx, headOf(200, 'application/json; charset=utf-8')).action, 'continue');
  // 404 is declared without content: any media type goes.
  assert.equal(onResponse(stage, ctx, headOf(404, 'text/html')).action, 'continue');
  assert.equal(onResponse(stage, contextOf('DELETE', `${API}/users/1`), headOf(204)).action, 'continue');
  // No body: the media type is not judged.
  assert.equal(onResponse(stage, ctx, headOf(200, 'text/html', { contentLength: '0' })).action, 'continue');
  assert.equal(onResponse(stage, contextOf('HEAD', `${API}/users/1`), headOf(200, 'text/html')).action, 'continue');
  assert.deepEqual(ctx.events, []);
});

test('onResponse: an undeclared status is a 502 when enforced, an event when monitored, nothing when off', () => {
  const ctx = contextOf('GET', `${API}/users/1`);
  const denial = assertDenied(onResponse(stageOf(), ctx, headOf(500, JSON_TYPE)), 'contract-response.status-undeclared');
  assert.deepEqual(denial.evidence, { location: 'status' });
  assert.match(denial.detail, /500/);
  assert.deepEqual(ctx.events, []);

  const monitored = contextOf('GET', `${API}/users/1`);
  assert.equal(onResponse(stageOf(rules({ 'status-undeclared': 'monitor' })), monitored, headOf(500, JSON_TYPE)).action, 'continue');
  assert.deepEqual(monitored.events, [{
    ruleId: 'contract-response.status-undeclared', stage: 'contract-response', category: denial.category, severity: denial.severity,
    action: 'monitored', detail: denial.detail, evidence: { location: 'status' },
  }]);

  const off = contextOf('GET', `${API}/users/1`);
  assert.equal(onResponse(stageOf(rules({ 'status-undeclared': 'off' })), off, headOf(500, JSON_TYPE)).action, 'continue');
  assert.deepEqual(off.events, []);
});

test('onResponse: an undeclared Content-Type is a 502 when enforced, nothing when off', () => {
  const ctx = contextOf('GET', `${API}/users/1`);
  const denial = assertDenied(onResponse(stageOf(), ctx, headOf(200, 'text/html')), 'contract-response.content-type-undeclared');
  assert.deepEqual(denial.evidence, { location: 'header.content-type' });
  assertDenied(onResponse(stageOf(), ctx, headOf(200)), 'contract-response.content-type-undeclared');
  const monitored = contextOf('GET', `${API}/users/1`);
  assert.equal(onResponse(stageOf(rules({ 'content-type-undeclared': 'monitor' })), monitored, headOf(200, 'text/html')).action, 'continue');
  assert.deepEqual(monitored.events.map((e) => [e.ruleId, e.action]), [['contract-response.content-type-undeclared', 'monitored']]);
  const off = contextOf('GET', `${API}/users/1`);
  assert.equal(onResponse(stageOf(rules({ 'content-type-undeclared': 'off' })), off, headOf(200, 'text/html')).action, 'continue');
  assert.deepEqual(off.events, []);
});

test('onResponse: per-operation modes from the config', () => {
  const stage = stageOf({ operations: { getUser: { rules: { 'status-undeclared': 'off' } } } });
  assert.equal(onResponse(stage, contextOf('GET', `${API}/users/1`), headOf(500, JSON_TYPE)).action, 'continue');
  assertDenied(onResponse(stage, contextOf('GET', `${API}/users`), headOf(500, JSON_TYPE)), 'contract-response.status-undeclared');
  const byPath = stageOf({ operations: { 'GET /users/{id}': { rules: { 'status-undeclared': 'off' } } } });
  assert.equal(onResponse(byPath, contextOf('GET', `${API}/users/1`), headOf(500, JSON_TYPE)).action, 'continue');
});

test('the gateway\'s own answers, unmatched requests and routes without a contract are ignored', () => {
  const stage = stageOf({ strip: { undeclared: true, writeOnly: true } });
  const local = headOf(500, 'application/problem+json', { isLocal: true });
  const ctx = contextOf('GET', `${API}/users/1`);
  assert.equal(onResponse(stage, ctx, local).action, 'continue');
  assert.equal(stage.responseBodyLimit?.(ctx, headOf(200, JSON_TYPE, { isLocal: true })), 0);
  const localBody = onBody(stage, ctx, headOf(200, JSON_TYPE, { isLocal: true }), LEAKY);
  assert.equal(localBody.verdict.action, 'continue');
  assert.deepEqual(localBody.replaced, []);
  assert.deepEqual(ctx.events, []);
  for (const other of [contextOf('GET', `${API}/nowhere`), contextOf('PUT', `${API}/users`), contextOf('GET', `${API}/users/1`, false)]) {
    assert.equal(onResponse(stage, other, headOf(599, 'text/html')).action, 'continue');
    assert.equal(stage.responseBodyLimit?.(other, headOf(200, JSON_TYPE)), 0);
    assert.deepEqual(onBody(stage, other, headOf(200, JSON_TYPE), LEAKY), { verdict: { action: 'continue' }, replaced: [] });
    assert.deepEqual(other.events, []);
  }
});

test('responseBodyLimit: maxBodyBytes only for JSON responses with a schema to check', () => {
  const stage = stageOf({ maxBodyBytes: '64kb' });
  const limit = (method: string, path: string, head: ResponseHead, s: Stage = stage): number | undefined => s.responseBodyLimit?.(contextOf(method, `${API}${path}`), head);
  assert.equal(limit('GET', '/users/1', headOf(200, JSON_TYPE)), 64 * 1024);
  assert.equal(limit('GET', '/users/1', headOf(200, 'Application/JSON; charset=utf-8')), 64 * 1024);
  assert.equal(limit('GET', '/users', headOf(200, JSON_TYPE)), 64 * 1024);
  assert.equal(limit('GET', '/users/1', headOf(200, 'text/html')), 0, 'an undeclared media type');
  assert.equal(limit('GET', '/users/1', headOf(500, JSON_TYPE)), 0, 'an undeclared status');
  assert.equal(limit('GET', '/users/1', headOf(404, JSON_TYPE)), 0, 'declared without content');
  assert.equal(limit('GET', '/search', headOf(200, JSON_TYPE)), 0, 'declared without content');
  assert.equal(limit('DELETE', '/users/1', headOf(204)), 0);
  // Nothing to report or strip: not buffered.
  const allOff = rules({ 'body-invalid': 'off', 'undeclared-property': 'off', 'write-only-property': 'off' });
  assert.equal(limit('GET', '/users/1', headOf(200, JSON_TYPE), stageOf(allOff)), 0);
  assert.equal(limit('GET', '/users/1', headOf(200, JSON_TYPE), stageOf({ ...allOff, strip: { writeOnly: true } })), MIB);
  assert.equal(limit('GET', '/users/1', headOf(200, JSON_TYPE), stageOf({ operations: { getUser: allOff } })), 0);
});

test('onResponseBody: a valid body continues untouched', () => {
  const ctx = contextOf('GET', `${API}/users/1`);
  assert.deepEqual(onBody(stageOf(), ctx, headOf(200, JSON_TYPE), USER), { verdict: { action: 'continue' }, replaced: [] });
  assert.deepEqual(onBody(stageOf(), contextOf('GET', `${API}/users`), headOf(200, JSON_TYPE), [USER, { ...USER, id: 2 }]).verdict, { action: 'continue' });
  assert.deepEqual(ctx.events, []);
});

test('onResponseBody: an invalid body is a 502 body-invalid with its first location as evidence', () => {
  const ctx = contextOf('GET', `${API}/users/1`);
  const denial = assertDenied(onBody(stageOf(), ctx, headOf(200, JSON_TYPE), { id: 'two', name: 'bob' }).verdict, 'contract-response.body-invalid');
  assert.deepEqual(denial.evidence, { location: 'body.$.id', matched: 'must be integer' });
  const many = assertDenied(onBody(stageOf(), ctx, headOf(200, JSON_TYPE), { id: 'two', name: 5 }).verdict, 'contract-response.body-invalid');
  assert.equal(many.evidence?.matched, '2 problems');
  const notJson = assertDenied(onBody(stageOf(), ctx, headOf(200, JSON_TYPE), '{"id":').verdict, 'contract-response.body-invalid');
  assert.deepEqual(notJson.evidence, { location: 'body' });
  assert.equal(onBody(stageOf(rules({ 'body-invalid': 'off' })), ctx, headOf(200, JSON_TYPE), '{"id":').verdict.action, 'continue');
  assert.deepEqual(ctx.events, []);
  const monitored = contextOf('GET', `${API}/users/1`);
  assert.equal(onBody(stageOf(rules({ 'body-invalid': 'monitor' })), monitored, headOf(200, JSON_TYPE), { id: 'two', name: 'bob' }).verdict.action, 'continue');
  assert.deepEqual(monitored.events.map((e) => [e.ruleId, e.action, e.evidence?.location]), [['contract-response.body-invalid', 'monitored', 'body.$.id']]);
});

test('onResponseBody: write-only and undeclared properties are reported, write-only first', () => {
  const ctx = contextOf('GET', `${API}/users/1`);
  const writeOnly = assertDenied(onBody(stageOf(), ctx, headOf(200, JSON_TYPE), LEAKY).verdict, 'contract-response.write-only-property');
  assert.deepEqual(writeOnly.evidence, { location: 'body.$.password', matched: 'is write-only and must not be returned' });
  const { password: _password, ...withoutPassword } = LEAKY;
  const undeclared = assertDenied(onBody(stageOf(), ctx, headOf(200, JSON_TYPE), withoutPassword).verdict, 'contract-response.undeclared-property');
  assert.equal(undeclared.evidence?.matched, '2 problems');
  assert.ok(['body.$.ssn', 'body.$.address.geo'].includes(String(undeclared.evidence?.location)));
  // In an array, each item's location.
  const list = assertDenied(onBody(stageOf(), contextOf('GET', `${API}/users`), headOf(200, JSON_TYPE), [USER, { ...USER, ssn: 'x' }]).verdict, 'contract-response.undeclared-property');
  assert.deepEqual(list.evidence, { location: 'body.$[1].ssn', matched: 'is not declared in the schema' });
  assert.deepEqual(ctx.events, []);

  const monitored = contextOf('GET', `${API}/users/1`);
  const run = onBody(stageOf(rules({ 'write-only-property': 'monitor', 'undeclared-property': 'monitor' })), monitored, headOf(200, JSON_TYPE), LEAKY);
  assert.deepEqual(run, { verdict: { action: 'continue' }, replaced: [] });
  assert.deepEqual(monitored.events.map((e) => [e.ruleId, e.action]), [
    ['contract-response.write-only-property', 'monitored'], ['contract-response.undeclared-property', 'monitored'],
  ]);

  const off = contextOf('GET', `${API}/users/1`);
  assert.deepEqual(onBody(stageOf(rules({ 'write-only-property': 'off', 'undeclared-property': 'off' })), off, headOf(200, JSON_TYPE), LEAKY).verdict, { action: 'continue' });
  assert.deepEqual(off.events, []);
});

test('strip: undeclared and write-only properties are removed at every depth, the body replaced, the events blocked', () => {
  const ctx = contextOf('GET', `${API}/users/1`);
  const { verdict, replaced } = onBody(stageOf({ strip: { undeclared: true, writeOnly: true } }), ctx, headOf(200, JSON_TYPE), LEAKY);
  assert.deepEqual(verdict, { action: 'continue' });
  assert.equal(replaced.length, 1);
  assert.deepEqual(JSON.parse(replaced[0]!.toString('utf8')), { id: 1, name: 'ann', address: { city: 'Oslo', zip: '01234' } });
  assert.deepEqual(ctx.events.map((e) => [e.ruleId, e.stage, e.action, e.detail]), [
    ['contract-response.undeclared-property', 'contract-response', 'blocked', '2 undeclared properties were removed from the response'],
    ['contract-response.write-only-property', 'contract-response', 'blocked', '1 write-only property was removed from the response'],
  ]);
});

test('strip: every item of an array response', () => {
  const ctx = contextOf('GET', `${API}/users`);
  const items = Array.from({ length: 3 }, (_, i) => ({ ...USER, id: i, password: 'hunter22', internal: { score: i } }));
  const { verdict, replaced } = onBody(stageOf({ strip: { undeclared: true, writeOnly: true } }), ctx, headOf(200, JSON_TYPE), items);
  assert.deepEqual(verdict, { action: 'continue' });
  assert.deepEqual(JSON.parse(replaced[0]!.toString('utf8')), Array.from({ length: 3 }, (_, i) => ({ ...USER, id: i })));
  assert.deepEqual(ctx.events.map((e) => e.detail), ['3 undeclared properties were removed from the response', '3 write-only properties were removed from the response']);
});

test('strip one kind only: the other is still judged after the strip', () => {
  const ctx = contextOf('GET', `${API}/users/1`);
  const { verdict, replaced } = onBody(stageOf({ strip: { writeOnly: true } }), ctx, headOf(200, JSON_TYPE), LEAKY);
  assertDenied(verdict, 'contract-response.undeclared-property');
  assert.equal(replaced.length, 1);
  const sent = JSON.parse(replaced[0]!.toString('utf8')) as Record<string, unknown>;
  assert.equal('password' in sent, false);
  assert.equal(sent.ssn, '078-05-1120');
  assert.deepEqual(ctx.events.map((e) => [e.ruleId, e.action]), [['contract-response.write-only-property', 'blocked']]);
});

test('strip works even when the rule itself is off; invalid data is still judged after it', () => {
  const ctx = contextOf('GET', `${API}/users/1`);
  const { verdict, replaced } = onBody(stageOf({ ...rules({ 'undeclared-property': 'off' }), strip: { undeclared: true } }), ctx, headOf(200, JSON_TYPE), { id: 1, name: 'ann', ssn: 'x' });
  assert.deepEqual(verdict, { action: 'continue' });
  assert.deepEqual(JSON.parse(replaced[0]!.toString('utf8')), { id: 1, name: 'ann' });
  assert.deepEqual(ctx.events.map((e) => [e.ruleId, e.action]), [['contract-response.undeclared-property', 'blocked']]);

  const invalid = contextOf('GET', `${API}/users/1`);
  const run = onBody(stageOf({ strip: { undeclared: true } }), invalid, headOf(200, JSON_TYPE), { id: 'one', name: 'ann', ssn: 'x' });
  assertDenied(run.verdict, 'contract-response.body-invalid');
  assert.equal(run.replaced.length, 1);
});

test('onResponseBody ignores bodies that are not checkable JSON', () => {
  const stage = stageOf({ strip: { undeclared: true } });
  const ctx = contextOf('GET', `${API}/users/1`);
  assert.deepEqual(onBody(stage, ctx, headOf(200, 'text/html'), '<html></html>'), { verdict: { action: 'continue' }, replaced: [] });
  assert.deepEqual(onBody(stage, ctx, headOf(500, JSON_TYPE), LEAKY), { verdict: { action: 'continue' }, replaced: [] });
  assert.deepEqual(onBody(stage, ctx, headOf(404, JSON_TYPE), '{not json'), { verdict: { action: 'continue' }, replaced: [] });
  assert.deepEqual(ctx.events, []);
});
