// The contract stage as the core builds it (config through validate() + stageConfigSchema), against
// the compiled shop document: every rule's enforce, monitor and off paths, the body phase by media
// type, per-operation modes from the document and the config, and the allow-lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildApiModel, compileContract, loadApiDocument, type CompiledOperation } from '../../../contract/index.js';
import { createRequestBody } from '../../request-body.js';
import type { RequestContext } from '../../request-context.js';
import type { Stage } from '../../stage.js';
import type { Denial, Verdict } from '../../verdict.js';
import { contractStage } from './index.js';
import { CONTRACT_RULES } from './rules.js';
import { CONTRACT_RULE_DEFAULTS, type ContractConfig, type ContractRule } from './schema.js';
import { createTestStage, stageConfig, stageConfigProblems } from '../../../../test/helpers/stage.js';

const SHOP = join(import.meta.dirname, '../../../../test/fixtures/contract/shop.yaml');
const contract = compileContract(buildApiModel(await loadApiDocument(SHOP)));
const API = '/api/v1';
const KEY = { 'x-api-key': 'k-123' } as const;

function configOf(raw: Record<string, unknown> = {}): ContractConfig {
  return stageConfig<ContractConfig>(contractStage, raw);
}

function stageOf(raw: Record<string, unknown> = {}): Stage {
  return createTestStage(contractStage, raw);
}

interface RequestShape {
  headers?: Readonly<Record<string, string>>;
  /** false: a route without an OpenAPI document. */
  withContract?: boolean;
  protocol?: 'http' | 'https';
}

function contextOf(method: string, target: string, { headers = {}, withContract = true, protocol = 'https' }: RequestShape = {}): RequestContext {
  const queryStart = target.indexOf('?');
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  const all: Record<string, string> = { host: 'shop.example', ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])) };
  return {
    id: 'req-1', startedAt: 0, method, url: target, path,
    query: queryStart === -1 ? '' : target.slice(queryStart + 1),
    headers: all,
    rawHeaders: Object.entries(all).flat(),
    protocol, host: 'shop.example', remoteAddress: '192.0.2.1', clientIp: '192.0.2.1', routeName: 'shop',
    ...(withContract ? { contract: contract.match(method, path) } : {}),
    bodyLimit: { maxBytes: 1024 * 1024, maxInflateRatio: 100 },
    events: [],
  };
}

function run(stage: Stage, ctx: RequestContext): Verdict {
  const verdict = stage.onRequest?.(ctx);
  assert.ok(verdict !== undefined && !(verdict instanceof Promise), 'onRequest is synchronous');
  return verdict;
}

interface BodyShape { text: string | Buffer; contentType: string }

/** Headers a request with this body sends: its Content-Type and Content-Length. */
function bodyHeaders(body: BodyShape): Record<string, string> {
  return { 'content-type': body.contentType, 'content-length': String(Buffer.byteLength(body.text)) };
}

async function runBody(stage: Stage, ctx: RequestContext, body: BodyShape): Promise<Verdict> {
  const bytes = Buffer.isBuffer(body.text) ? body.text : Buffer.from(body.text);
  const mediaType = body.contentType.split(';')[0]!.trim().toLowerCase();
  const verdict = stage.onRequestBody?.(ctx, createRequestBody(bytes, bytes, mediaType));
  assert.ok(verdict !== undefined);
  return await verdict;
}

/** Both phases, as the gateway runs them: the body phase only when onRequest continued and the stage asked. */
async function runAll(stage: Stage, method: string, target: string, options: RequestShape & { body?: BodyShape } = {}): Promise<{ verdict: Verdict; ctx: RequestContext }> {
  const headers = { ...(options.body ? bodyHeaders(options.body) : {}), ...options.headers };
  const ctx = contextOf(method, target, { ...options, headers });
  const verdict = run(stage, ctx);
  if (verdict.action !== 'continue' || !options.body) return { verdict, ctx };
  assert.equal(stage.needsBody?.(ctx), true, `${method} ${target}: the stage asks for the body`);
  return { verdict: await runBody(stage, ctx, options.body), ctx };
}

function assertDenied(verdict: Verdict, status: number, ruleId: string): Denial {
  assert.ok(verdict.action === 'deny', `expected ${ruleId}, got ${verdict.action}`);
  assert.equal(verdict.ruleId, ruleId);
  assert.equal(verdict.status, status);
  const described = CONTRACT_RULES.find((rule) => rule.id === ruleId);
  assert.ok(described, `${ruleId} is listed in rules`);
  assert.equal(described.status, status);
  assert.equal(verdict.severity, described.severity);
  assert.equal(verdict.category, described.category);
  return verdict;
}

const locationsOf = (denial: Denial): string[] | undefined => denial.problems?.map((p) => p.location);

const json = (value: unknown): BodyShape => ({ text: JSON.stringify(value), contentType: 'application/json' });

function multipart(parts: readonly { name: string; value: string | Buffer; filename?: string; type?: string }[]): BodyShape {
  const boundary = 'XyZzY42';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type === undefined ? '' : `Content-Type: ${part.type}\r\n`}\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { text: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const GIF = Buffer.from('GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;', 'latin1');

interface Scenario {
  rule: ContractRule;
  status: number;
  method: string;
  target: string;
  headers?: Record<string, string>;
  body?: BodyShape;
  /** `problems` locations of the denial; undefined when the denial lists none. */
  locations?: string[];
  /** Extra headers of the denial. */
  denialHeaders?: Record<string, string>;
}

// One request per rule that breaks that rule and nothing else (so off and monitor let it through clean).
const SCENARIOS: readonly Scenario[] = [
  { rule: 'unknown-path', status: 404, method: 'GET', target: `${API}/orders/7` },
  { rule: 'method-not-allowed', status: 405, method: 'PUT', target: `${API}/users`, denialHeaders: { allow: 'GET, HEAD, POST' } },
  { rule: 'security-missing', status: 401, method: 'DELETE', target: `${API}/users/7`, denialHeaders: { 'www-authenticate': 'ApiKey realm="api", in="header", name="X-API-Key"' } },
  { rule: 'parameter-invalid', status: 400, method: 'GET', target: `${API}/users?limit=500&ids=1,x`, locations: ['query.limit', 'query.ids[1]'] },
  { rule: 'unknown-query', status: 400, method: 'GET', target: `${API}/users?limit=5&debug=1`, locations: ['query.debug'] },
  { rule: 'unknown-header', status: 400, method: 'GET', target: `${API}/users`, headers: { 'X-Debug': '1' }, locations: ['header.x-debug'] },
  { rule: 'unknown-cookie', status: 400, method: 'GET', target: `${API}/users`, headers: { cookie: 'session=0a1b2c3d; tracker=1' }, locations: ['cookie.tracker'] },
  { rule: 'body-required', status: 400, method: 'POST', target: `${API}/notes` },
  {
    rule: 'content-type-unsupported', status: 415, method: 'POST', target: `${API}/notes`,
    headers: { 'content-type': 'application/pdf', 'content-length': '4' }, locations: ['header.content-type'],
  },
  { rule: 'body-malformed', status: 400, method: 'POST', target: `${API}/notes`, body: { text: '{"text":', contentType: 'application/json' } },
  {
    rule: 'body-too-large', status: 413, method: 'POST', target: `${API}/avatars`,
    body: multipart([{ name: 'caption', value: 'x'.repeat(65 * 1024) }, { name: 'file', value: PNG, filename: 'me.png', type: 'image/png' }]),
  },
  { rule: 'body-invalid', status: 422, method: 'POST', target: `${API}/notes`, body: json({ text: 5, tags: ['a', 'b', 'c', 'd'] }), locations: ['body.$.text', 'body.$.tags'] },
  {
    rule: 'mass-assignment', status: 422, method: 'POST', target: `${API}/users`, headers: KEY,
    body: json({ name: 'ann', password: 'secret-123', role: 'admin' }), locations: ['body.$.role'],
  },
  {
    rule: 'undeclared-property', status: 422, method: 'POST', target: `${API}/users`, headers: KEY,
    body: json({ name: 'ann', password: 'secret-123', address: { city: 'Oslo', geo: '59.9,10.7' } }), locations: ['body.$.address.geo'],
  },
  {
    rule: 'read-only-property', status: 422, method: 'POST', target: `${API}/users`, headers: KEY,
    body: json({ id: 1, name: 'ann', password: 'secret-123' }), locations: ['body.$.id'],
  },
  {
    rule: 'file-type-not-allowed', status: 415, method: 'POST', target: `${API}/avatars`,
    body: multipart([{ name: 'caption', value: 'me' }, { name: 'file', value: GIF, filename: 'me.gif', type: 'image/gif' }]), locations: ['body.$.file'],
  },
];

const withMode = (rule: ContractRule, mode: 'enforce' | 'monitor' | 'off'): Record<string, unknown> => ({ rules: { [rule]: mode } });

test('definition: name, policy, contract-only, rules', () => {
  assert.equal(contractStage.name, 'contract');
  assert.equal(contractStage.defaultFailurePolicy, 'closed');
  assert.equal(contractStage.enabledByDefault, true);
  assert.equal(contractStage.needsContract, true);
  assert.equal(contractStage.rules, CONTRACT_RULES);
  for (const key of ['enabled', 'mode', 'failurePolicy']) assert.equal(key in contractStage.configSchema.properties, false, `${key} is added by the core`);
});

test('config: defaults', () => {
  assert.deepEqual(configOf(), {
    enabled: true, mode: 'enforce',
    rules: { ...CONTRACT_RULE_DEFAULTS },
    allowedHeaders: [], allowedCookies: [], maxQueryParameters: 1000,
    xml: { maxDepth: 64, maxNodes: 10_000, maxTextBytes: 1024 * 1024 },
    multipart: { maxParts: 100, maxFiles: 10, maxFileBytes: 10 * 1024 * 1024, maxFieldBytes: 64 * 1024, allowedFileTypes: [] },
    operations: {},
  });
  const problems = (raw: unknown): string[] => [...new Set(stageConfigProblems(contractStage, raw).map((p) => p.path))];
  assert.deepEqual(problems({ rules: { 'unknown-query': 'block' } }), ['contract.rules.unknown-query']);
  assert.deepEqual(problems({ rules: { 'no-such-rule': 'off' } }), ['contract.rules.no-such-rule']);
  assert.deepEqual(problems({ operations: { search: { rules: { 'unknown-query': 'enforce' } } } }), []);
});

test('the scenario table covers every rule', () => {
  assert.deepEqual(SCENARIOS.map((s) => s.rule).sort(), Object.keys(CONTRACT_RULE_DEFAULTS).sort());
});

for (const scenario of SCENARIOS) {
  const id = `contract.${scenario.rule}`;
  const options = { ...(scenario.headers ? { headers: scenario.headers } : {}), ...(scenario.body ? { body: scenario.body } : {}) };

  test(`${id}: enforce denies with ${scenario.status}`, async () => {
    const { verdict, ctx } = await runAll(stageOf(withMode(scenario.rule, 'enforce')), scenario.method, scenario.target, options);
    const denial = assertDenied(verdict, scenario.status, id);
    assert.deepEqual(locationsOf(denial), scenario.locations);
    assert.deepEqual(denial.headers, scenario.denialHeaders);
    if (scenario.locations) {
      assert.equal(denial.evidence?.location, scenario.locations[0]);
      assert.equal(denial.evidence?.matched, scenario.locations.length === 1 ? denial.problems?.[0]?.problem : `${scenario.locations.length} problems`);
    } else {
      assert.equal(denial.evidence, undefined);
    }
    assert.deepEqual(ctx.events, [], 'an enforced denial is not also recorded by the stage');
  });

  test(`${id}: monitor records the event and continues`, async () => {
    const enforced = await runAll(stageOf(withMode(scenario.rule, 'enforce')), scenario.method, scenario.target, options);
    assert.ok(enforced.verdict.action === 'deny');
    const { verdict, ctx } = await runAll(stageOf(withMode(scenario.rule, 'monitor')), scenario.method, scenario.target, options);
    assert.equal(verdict.action, 'continue');
    const denial = enforced.verdict;
    assert.deepEqual(ctx.events, [{
      ruleId: id, stage: 'contract', category: denial.category, severity: denial.severity, action: 'monitored', detail: denial.detail,
      ...(denial.evidence ? { evidence: denial.evidence } : {}),
    }]);
  });

  test(`${id}: off ignores it`, async () => {
    const { verdict, ctx } = await runAll(stageOf(withMode(scenario.rule, 'off')), scenario.method, scenario.target, options);
    assert.equal(verdict.action, 'continue');
    assert.deepEqual(ctx.events, []);
  });
}

test('a request that fits the document continues with no event', async () => {
  const stage = stageOf({ rules: { 'unknown-header': 'enforce', 'unknown-cookie': 'enforce' } });
  const { verdict, ctx } = await runAll(stage, 'GET', `${API}/users?limit=5&ids=1,2&filter[role]=admin&filter[age]=30`, {
    headers: { 'X-Tenant': '3f2c5a4e-8a1b-4c3d-9e8f-0a1b2c3d4e5f', cookie: 'session=0a1b2c3d', accept: 'application/json', traceparent: '00-abc-def-01' },
  });
  assert.equal(verdict.action, 'continue');
  assert.deepEqual(ctx.events, []);
  // HEAD matches GET.
  assert.equal(run(stage, contextOf('HEAD', `${API}/users/7`)).action, 'continue');
});

test('default modes: unknown headers, cookies and open-object properties are monitored, not denied', async () => {
  const stage = stageOf();
  const { verdict, ctx } = await runAll(stage, 'POST', `${API}/users`, {
    headers: { ...KEY, 'x-debug': '1', cookie: 'tracker=1' },
    body: json({ name: 'ann', password: 'secret-123', address: { geo: 'x' } }),
  });
  assert.equal(verdict.action, 'continue');
  assert.deepEqual(ctx.events.map((e) => [e.ruleId, e.action]), [
    ['contract.unknown-header', 'monitored'], ['contract.unknown-cookie', 'monitored'], ['contract.undeclared-property', 'monitored'],
  ]);
});

test('problems name locations, never the values sent', () => {
  const denial = assertDenied(run(stageOf(), contextOf('GET', `${API}/users?limit=hunter2&filter[role]=hunter2&filter[age]=hunter2`)), 400, 'contract.parameter-invalid');
  assert.deepEqual(locationsOf(denial)?.sort(), ['query.filter.age', 'query.filter.role', 'query.limit']);
  assertDenied(run(stageOf(), contextOf('GET', `${API}/users/0`)), 400, 'contract.parameter-invalid');
  assert.equal(JSON.stringify(denial).includes('hunter2'), false);
});

test('unknown parameters: names are capped at 64 characters and 20 entries', () => {
  const query = Array.from({ length: 25 }, (_, i) => `p${i}=1`).join('&');
  const many = assertDenied(run(stageOf(), contextOf('GET', `${API}/users?${query}`)), 400, 'contract.unknown-query');
  assert.equal(many.problems?.length, 20);
  assert.equal(many.evidence?.matched, '20 problems');
  const long = assertDenied(run(stageOf(), contextOf('GET', `${API}/users?${'a'.repeat(100)}=1`)), 400, 'contract.unknown-query');
  assert.deepEqual(locationsOf(long), [`query.${'a'.repeat(64)}…`]);
});

test('security: the first failing check wins; credentials let the request through and are not unknown parameters', () => {
  const stage = stageOf({ rules: { 'unknown-header': 'enforce' } });
  // Missing credentials are judged before the parameters.
  assertDenied(run(stage, contextOf('DELETE', `${API}/users/0`)), 401, 'contract.security-missing');
  assert.equal(run(stage, contextOf('DELETE', `${API}/users/7`, { headers: KEY })).action, 'continue');
  assertDenied(run(stage, contextOf('DELETE', `${API}/users/0`, { headers: KEY })), 400, 'contract.parameter-invalid');
  // An http bearer operation: the challenge names Bearer; a token passes, a Basic one does not.
  const me = assertDenied(run(stage, contextOf('GET', `${API}/users/me`, { headers: { authorization: 'Basic YTpi' } })), 401, 'contract.security-missing');
  assert.deepEqual(me.headers, { 'www-authenticate': 'Bearer realm="api"' });
  assert.equal(run(stage, contextOf('GET', `${API}/users/me`, { headers: { authorization: 'Bearer t0ken' } })).action, 'continue');
});

test('security: an operation whose first alternative is http basic gets a Basic challenge', () => {
  const match = contract.match('DELETE', `${API}/users/7`);
  assert.ok(match.kind === 'found');
  const basic: CompiledOperation = {
    ...match.value,
    spec: { ...match.value.spec, security: [{ basic: [] }, { apiKey: [] }] },
    schemes: { ...match.value.schemes, basic: { type: 'http', scheme: 'basic' } },
  };
  const stage = stageOf();
  const ctx = (headers: Record<string, string> = {}): RequestContext => ({ ...contextOf('DELETE', `${API}/users/7`, { headers }), contract: { ...match, value: basic } });
  const denial = assertDenied(run(stage, ctx()), 401, 'contract.security-missing');
  assert.deepEqual(denial.headers, { 'www-authenticate': 'Basic realm="api"' });
  assert.equal(run(stage, ctx({ authorization: 'basic YTpi' })).action, 'continue');
  assert.equal(run(stage, ctx(KEY)).action, 'continue');
});

test('API keys in the query or a cookie satisfy security and are not unknown parameters', () => {
  const match = contract.match('DELETE', `${API}/users/7`);
  assert.ok(match.kind === 'found');
  const keyed: CompiledOperation = {
    ...match.value,
    spec: { ...match.value.spec, security: [{ queryKey: [] }, { cookieKey: [] }] },
    schemes: { queryKey: { type: 'apiKey', in: 'query', name: 'api_key' }, cookieKey: { type: 'apiKey', in: 'cookie', name: 'sid' } },
  };
  const stage = stageOf({ rules: { 'unknown-query': 'enforce', 'unknown-cookie': 'enforce' } });
  const ctx = (target: string, headers: Record<string, string> = {}): RequestContext => ({ ...contextOf('DELETE', target, { headers }), contract: { ...match, value: keyed } });
  assertDenied(run(stage, ctx(`${API}/users/7`)), 401, 'contract.security-missing');
  const byQuery = ctx(`${API}/users/7?api_key=k-1`);
  assert.equal(run(stage, byQuery).action, 'continue');
  const byCookie = ctx(`${API}/users/7`, { cookie: 'sid=k-1' });
  assert.equal(run(stage, byCookie).action, 'continue');
  assert.deepEqual([...byQuery.events, ...byCookie.events], []);
  assert.deepEqual(locationsOf(assertDenied(run(stage, ctx(`${API}/users/7?api_key=k-1&debug=1`)), 400, 'contract.unknown-query')), ['query.debug']);
});

test('405 lists the declared methods (HEAD with GET); 404 and 405 use the stage-level mode', () => {
  const denial = assertDenied(run(stageOf(), contextOf('PATCH', `${API}/users/7`)), 405, 'contract.method-not-allowed');
  assert.deepEqual(denial.headers, { allow: 'DELETE, GET, HEAD' });
  // Operation overrides cannot apply: no operation matched.
  const stage = stageOf({ operations: { getUser: { rules: { 'method-not-allowed': 'off' } } } });
  assertDenied(run(stage, contextOf('PATCH', `${API}/users/7`)), 405, 'contract.method-not-allowed');
  assertDenied(run(stage, contextOf('GET', '/users/7')), 404, 'contract.unknown-path');
});

test('x-bulwark-rules in the document sets one operation\'s modes; config operations beat it', () => {
  const target = `${API}/search?q=books&debug=1`;
  // The document turns unknown-query off for `search`, even though the stage-level mode enforces.
  assert.equal(run(stageOf({ rules: { 'unknown-query': 'enforce' } }), contextOf('GET', target)).action, 'continue');
  assertDenied(run(stageOf({ operations: { search: { rules: { 'unknown-query': 'enforce' } } } }), contextOf('GET', target)), 400, 'contract.unknown-query');
  const byPath = stageOf({ operations: { 'GET /search': { rules: { 'unknown-query': 'monitor' } } } });
  const ctx = contextOf('GET', target);
  assert.equal(run(byPath, ctx).action, 'continue');
  assert.deepEqual(ctx.events.map((e) => [e.ruleId, e.action]), [['contract.unknown-query', 'monitored']]);
  // Other operations keep the stage-level mode.
  assertDenied(run(stageOf({ operations: { search: { rules: { 'unknown-query': 'enforce' } } } }), contextOf('GET', `${API}/users?debug=1`)), 400, 'contract.unknown-query');
  assert.equal(run(stageOf({ operations: { listUsers: { rules: { 'unknown-query': 'off' } } } }), contextOf('GET', `${API}/users?debug=1`)).action, 'continue');
});

test('undeclared properties: the document enforces them on addNote; config operations override it', async () => {
  const body = json({ text: 'hi', mood: 'happy' });
  const denied = await runAll(stageOf(), 'POST', `${API}/notes`, { body });
  assert.deepEqual(locationsOf(assertDenied(denied.verdict, 422, 'contract.undeclared-property')), ['body.$.mood']);
  // The stage-level mode does not beat the document.
  assert.equal((await runAll(stageOf({ rules: { 'undeclared-property': 'off' } }), 'POST', `${API}/notes`, { body })).verdict.action, 'deny');
  const off = await runAll(stageOf({ operations: { addNote: { rules: { 'undeclared-property': 'off' } } } }), 'POST', `${API}/notes`, { body });
  assert.equal(off.verdict.action, 'continue');
  assert.deepEqual(off.ctx.events, []);
  const monitored = await runAll(stageOf({ operations: { 'POST /notes': { rules: { 'undeclared-property': 'monitor' } } } }), 'POST', `${API}/notes`, { body });
  assert.equal(monitored.verdict.action, 'continue');
  assert.deepEqual(monitored.ctx.events.map((e) => [e.ruleId, e.action, e.evidence?.location]), [['contract.undeclared-property', 'monitored', 'body.$.mood']]);
});

test('config operations override a rule the document does not mention', async () => {
  const body = json({ name: 'ann', password: 'secret-123', role: 'admin' });
  const stage = stageOf({ operations: { createUser: { rules: { 'mass-assignment': 'monitor' } } } });
  const { verdict, ctx } = await runAll(stage, 'POST', `${API}/users`, { headers: KEY, body });
  assert.equal(verdict.action, 'continue');
  assert.deepEqual(ctx.events.map((e) => e.ruleId), ['contract.mass-assignment']);
  assertDenied((await runAll(stageOf(), 'POST', `${API}/users`, { headers: KEY, body })).verdict, 422, 'contract.mass-assignment');
});

test('body failures: a monitored rule is recorded on the way to an enforced one', async () => {
  const stage = stageOf({ rules: { 'body-invalid': 'monitor' } });
  const { verdict, ctx } = await runAll(stage, 'POST', `${API}/users`, { headers: KEY, body: json({ name: '', password: 'secret-123', role: 'admin' }) });
  assert.deepEqual(locationsOf(assertDenied(verdict, 422, 'contract.mass-assignment')), ['body.$.role']);
  assert.deepEqual(ctx.events.map((e) => [e.ruleId, e.action, e.evidence?.location]), [['contract.body-invalid', 'monitored', 'body.$.name']]);
});

test('JSON bodies: valid passes, each failure located', async () => {
  const stage = stageOf();
  const ok = await runAll(stage, 'POST', `${API}/users`, { headers: KEY, body: json({ name: 'ann', email: 'ann@example.com', password: 'secret-123', address: { city: 'Oslo', zip: '01234' } }) });
  assert.equal(ok.verdict.action, 'continue');
  assert.deepEqual(ok.ctx.events, []);
  const bad = await runAll(stage, 'POST', `${API}/users`, { headers: KEY, body: json({ name: 'ann', email: 'nope', password: 'short', address: { zip: 'x' } }) });
  assert.deepEqual(locationsOf(assertDenied(bad.verdict, 422, 'contract.body-invalid'))?.sort(), ['body.$.address.zip', 'body.$.email', 'body.$.password']);
  const missing = await runAll(stage, 'POST', `${API}/users`, { headers: KEY, body: json({ name: 'ann' }) });
  assert.deepEqual(locationsOf(assertDenied(missing.verdict, 422, 'contract.body-invalid')), ['body.$.password']);
  // A media type parameter does not change the type; an +json subtype is not declared here.
  const charset = await runAll(stage, 'POST', `${API}/notes`, { body: { text: '{"text":"hi"}', contentType: 'application/json; charset=utf-8' } });
  assert.equal(charset.verdict.action, 'continue');
  assertDenied(run(stage, contextOf('POST', `${API}/notes`, { headers: { 'content-type': 'application/vnd.api+json', 'content-length': '2' } })), 415, 'contract.content-type-unsupported');
});

test('JSON bodies: malformed is 400 without echoing the body', async () => {
  const { verdict } = await runAll(stageOf(), 'POST', `${API}/notes`, { body: { text: '{"text":"hunter2"', contentType: 'application/json' } });
  const denial = assertDenied(verdict, 400, 'contract.body-malformed');
  assert.equal(denial.detail.includes('hunter2'), false);
});

test('text, form and XML bodies are validated with their schemas', async () => {
  const stage = stageOf();
  assert.equal((await runAll(stage, 'POST', `${API}/notes`, { body: { text: 'short', contentType: 'text/plain' } })).verdict.action, 'continue');
  const long = await runAll(stage, 'POST', `${API}/notes`, { body: { text: 'far too long for it', contentType: 'text/plain' } });
  assert.deepEqual(locationsOf(assertDenied(long.verdict, 422, 'contract.body-invalid')), ['body.$']);

  const form = { contentType: 'application/x-www-form-urlencoded' };
  assert.equal((await runAll(stage, 'POST', `${API}/users`, { headers: KEY, body: { ...form, text: 'name=ann&password=secret-123&tags=a&tags=b' } })).verdict.action, 'continue');
  const formRole = await runAll(stage, 'POST', `${API}/users`, { headers: KEY, body: { ...form, text: 'name=ann&password=secret-123&role=admin' } });
  assert.deepEqual(locationsOf(assertDenied(formRole.verdict, 422, 'contract.mass-assignment')), ['body.$.role']);

  const xml = { contentType: 'application/xml' };
  const good = await runAll(stage, 'POST', `${API}/users`, { headers: KEY, body: { ...xml, text: '<user><name>ann</name><password>secret-123</password></user>' } });
  assert.equal(good.verdict.action, 'continue');
  const short = await runAll(stage, 'POST', `${API}/users`, { headers: KEY, body: { ...xml, text: '<user><name>ann</name><password>x</password></user>' } });
  assert.deepEqual(locationsOf(assertDenied(short.verdict, 422, 'contract.body-invalid')), ['body.$.password']);
});

test('XML bodies: a DOCTYPE (entities, XXE) or a broken document is body-malformed', async () => {
  const stage = stageOf();
  const xml = (text: string): { headers: typeof KEY; body: BodyShape } => ({ headers: KEY, body: { text, contentType: 'application/xml' } });
  const bombs = [
    '<?xml version="1.0"?><!DOCTYPE user [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><user><name>&lol2;</name><password>secret-123</password></user>',
    '<?xml version="1.0"?><!DOCTYPE user SYSTEM "file:///etc/passwd"><user><name>ann</name><password>secret-123</password></user>',
    '<user><name>ann</name><password>secret-123</password>',
  ];
  for (const text of bombs) {
    const { verdict } = await runAll(stage, 'POST', `${API}/users`, xml(text));
    const denial = assertDenied(verdict, 400, 'contract.body-malformed');
    assert.equal(denial.detail.includes('/etc/passwd'), false);
  }
  assert.match(assertDenied((await runAll(stage, 'POST', `${API}/users`, xml(bombs[1]!))).verdict, 400, 'contract.body-malformed').detail, /document type/);
  // Deeper than configured.
  const shallow = stageOf({ xml: { maxDepth: 2 } });
  const deep = await runAll(shallow, 'POST', `${API}/users`, xml('<user><name>ann</name><address><city>Oslo</city></address><password>secret-123</password></user>'));
  assertDenied(deep.verdict, 400, 'contract.body-malformed');
});

test('multipart: declared file types pass, checked against the bytes', async () => {
  const stage = stageOf();
  const png = multipart([{ name: 'caption', value: 'me' }, { name: 'file', value: PNG, filename: 'me.png', type: 'image/png' }]);
  assert.equal((await runAll(stage, 'POST', `${API}/avatars`, { body: png })).verdict.action, 'continue');
  // A GIF declared as PNG is caught by its magic number.
  const disguised = multipart([{ name: 'file', value: GIF, filename: 'me.png', type: 'image/png' }]);
  assertDenied((await runAll(stage, 'POST', `${API}/avatars`, { body: disguised })).verdict, 415, 'contract.file-type-not-allowed');
  const noFile = multipart([{ name: 'caption', value: 'me' }]);
  assert.deepEqual(locationsOf(assertDenied((await runAll(stage, 'POST', `${API}/avatars`, { body: noFile })).verdict, 422, 'contract.body-invalid')), ['body.$.file']);
});

test('needsBody: only for a declared body and a declared media type, while some body rule is on', () => {
  const stage = stageOf();
  const needs = (method: string, target: string, headers: Record<string, string> = {}, s: Stage = stage): boolean | undefined => {
    const ctx = contextOf(method, target, { headers });
    run(s, ctx);
    return s.needsBody?.(ctx);
  };
  assert.equal(needs('POST', `${API}/notes`, { 'content-type': 'application/json', 'content-length': '2' }), true);
  assert.equal(needs('POST', `${API}/notes`, { 'content-type': 'Text/Plain; charset=utf-8', 'transfer-encoding': 'chunked' }), true);
  assert.equal(needs('POST', `${API}/notes`, { 'content-type': 'application/pdf', 'content-length': '2' }), false);
  assert.equal(needs('GET', `${API}/users`), false);
  assert.equal(needs('DELETE', `${API}/users/7`, { ...KEY, 'content-type': 'application/json', 'content-length': '2' }), false);
  assert.equal(needs('POST', `${API}/nowhere`, { 'content-type': 'application/json', 'content-length': '2' }), false);
  const allOff = stageOf({ rules: Object.fromEntries(['body-malformed', 'body-too-large', 'body-invalid', 'mass-assignment', 'undeclared-property', 'read-only-property', 'file-type-not-allowed'].map((r) => [r, 'off'])) });
  assert.equal(needs('POST', `${API}/users`, { ...KEY, 'content-type': 'application/json', 'content-length': '2' }, allOff), false);
  // addNote's document enforces undeclared-property, so its body is still read.
  assert.equal(needs('POST', `${API}/notes`, { 'content-type': 'application/json', 'content-length': '2' }, allOff), true);
});

test('allowedHeaders and allowedCookies extend the allow-lists (headers case-insensitively)', () => {
  const strict = { rules: { 'unknown-header': 'enforce', 'unknown-cookie': 'enforce' } };
  const headers = { 'X-Debug': '1', 'X-B3-TraceId': 'abc', cookie: 'tracker=1; session=0a1b2c3d' };
  const denied = assertDenied(run(stageOf(strict), contextOf('GET', `${API}/users`, { headers })), 400, 'contract.unknown-header');
  assert.deepEqual(locationsOf(denied), ['header.x-debug']);
  const cookie = assertDenied(run(stageOf({ ...strict, allowedHeaders: ['X-DEBUG'] }), contextOf('GET', `${API}/users`, { headers })), 400, 'contract.unknown-cookie');
  assert.deepEqual(locationsOf(cookie), ['cookie.tracker']);
  const ctx = contextOf('GET', `${API}/users`, { headers });
  assert.equal(run(stageOf({ ...strict, allowedHeaders: ['X-DEBUG'], allowedCookies: ['tracker'] }), ctx).action, 'continue');
  assert.deepEqual(ctx.events, []);
  // Cookie names are case-sensitive.
  assertDenied(run(stageOf({ ...strict, allowedHeaders: ['x-debug'], allowedCookies: ['Tracker'] }), contextOf('GET', `${API}/users`, { headers })), 400, 'contract.unknown-cookie');
});

test('a route without a contract: every phase continues', async () => {
  const stage = stageOf({ rules: { 'unknown-header': 'enforce' } });
  const ctx = contextOf('POST', `${API}/nowhere?x=1`, { withContract: false, headers: { 'x-debug': '1', 'content-type': 'application/json', 'content-length': '2' } });
  assert.equal(ctx.contract, undefined);
  assert.equal(run(stage, ctx).action, 'continue');
  assert.equal(stage.needsBody?.(ctx), false);
  assert.equal((await runBody(stage, ctx, { text: '{', contentType: 'application/json' })).action, 'continue');
  assert.deepEqual(ctx.events, []);
});
