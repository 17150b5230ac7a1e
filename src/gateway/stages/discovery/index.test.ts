import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestStage, stageConfigProblems } from '../../../../test/helpers/stage.js';
import type { TrafficSample } from '../../../core/types.js';
import type { RequestContext, ResponseHead } from '../../request-context.js';
import { createRequestBody } from '../../request-body.js';
import type { ResponseBody, Stage } from '../../stage.js';
import { discoveryStage, sampleBody } from './index.js';

function collector(): { samples: TrafficSample[]; submit(sample: TrafficSample): boolean } {
  const samples: TrafficSample[] = [];
  return { samples, submit: (sample) => samples.push(sample) > 0 };
}

function context(overrides: Partial<RequestContext> = {}): RequestContext {
  return {
    id: 'req-1', startedAt: 0, method: 'POST', url: '/books?limit=5&tag=a&tag=b', path: '/books', query: 'limit=5&tag=a&tag=b',
    headers: { host: 'api.example.com', 'content-type': 'application/json; charset=utf-8', 'content-length': '20', authorization: 'Bearer x' }, rawHeaders: [],
    protocol: 'https', host: 'api.example.com', remoteAddress: '10.0.0.1', clientIp: '10.0.0.1', routeName: 'api',
    consumer: { id: 'alice', kind: 'jwt', scopes: [], roles: [], groups: [] }, bodyLimit: { maxBytes: 1 << 20, maxInflateRatio: 100 }, events: [],
    ...overrides,
  };
}

function finish(ctx: RequestContext): void {
  for (const callback of ctx.onFinish ?? []) callback();
}

function respond(stage: Stage, ctx: RequestContext, head: ResponseHead, body?: string): void {
  stage.onResponse!(ctx, head);
  if (body !== undefined && stage.responseBodyLimit!(ctx, head) > 0) {
    const responseBody: ResponseBody = { mediaType: 'application/json', bytes: Buffer.from(body), replace() {} };
    stage.onResponseBody!(ctx, head, responseBody);
  }
  finish(ctx);
}

test('without a sink (discovery off) the stage does nothing at all', () => {
  assert.deepEqual(createTestStage(discoveryStage, { sampleRate: 1 }), {});
});

test('a sampled request becomes one TrafficSample with query, consumer, both bodies and the status, when it ends', async () => {
  const sink = collector();
  const stage = createTestStage(discoveryStage, { sampleRate: 1 }, { discovery: sink });
  const ctx = context();
  await stage.onRequest!(ctx);
  assert.equal(stage.needsBody!(ctx), true);
  const raw = Buffer.from('{"title":"Dune","n":1}');
  await stage.onRequestBody!(ctx, createRequestBody(raw, raw, 'application/json'));
  respond(stage, ctx, { status: 201, headers: { 'content-type': 'application/json' }, isLocal: false }, '{"id":7}');
  assert.equal(sink.samples.length, 1);
  const [sample] = sink.samples;
  assert.equal(sample!.method, 'POST');
  assert.equal(sample!.path, '/books');
  assert.deepEqual(sample!.query, [['limit', '5'], ['tag', 'a'], ['tag', 'b']]);
  assert.equal(sample!.consumer, 'alice');
  assert.equal(sample!.status, 201);
  assert.equal(sample!.source, 'gateway');
  assert.deepEqual(sample!.requestBody, { contentType: 'application/json', size: raw.length, value: { title: 'Dune', n: 1 } });
  assert.deepEqual(sample!.responseBody?.value, { id: 7 });
  assert.equal(sample!.requestHeaders.authorization, 'Bearer x', 'in process: discovery reduces it to its kind');
});

test('nothing is submitted before the response ends, and local answers (denials, upstream errors) are not traffic', async () => {
  const sink = collector();
  const stage = createTestStage(discoveryStage, { sampleRate: 1 }, { discovery: sink });
  const ctx = context({ method: 'GET', headers: {}, query: '' });
  await stage.onRequest!(ctx);
  stage.onResponse!(ctx, { status: 502, headers: {}, isLocal: true });
  assert.equal(sink.samples.length, 0);
  finish(ctx);
  assert.equal(sink.samples.length, 0);
});

test('sampleRate 0 samples nothing; a fraction samples about that share', async () => {
  assert.deepEqual(createTestStage(discoveryStage, { sampleRate: 0 }, { discovery: collector() }), {});
  const sink = collector();
  const stage = createTestStage(discoveryStage, { sampleRate: 0.25 }, { discovery: sink });
  for (let index = 0; index < 4000; index++) {
    const ctx = context({ method: 'GET', headers: {}, query: '' });
    await stage.onRequest!(ctx);
    respond(stage, ctx, { status: 200, headers: {}, isLocal: false });
  }
  assert.ok(sink.samples.length > 800 && sink.samples.length < 1200, String(sink.samples.length));
});

test('bodies over the cap, or not JSON / forms, are described by size and type only', async () => {
  const sink = collector();
  const stage = createTestStage(discoveryStage, { sampleRate: 1, maxBodyBytes: 16 }, { discovery: sink });
  const ctx = context({ headers: { 'content-type': 'application/json', 'content-length': '100' } });
  await stage.onRequest!(ctx);
  assert.equal(stage.needsBody!(ctx), false, 'a body larger than the cap is not buffered for discovery');
  const head: ResponseHead = { status: 200, headers: { 'content-type': 'image/png', 'content-length': '2048' }, isLocal: false };
  respond(stage, ctx, head);
  assert.deepEqual(sink.samples[0]!.responseBody, { contentType: 'image/png', size: 2048 });
  assert.deepEqual(sampleBody('application/json', Buffer.alloc(40, 32), 16), { contentType: 'application/json', size: 40, truncated: true });
  assert.deepEqual(sampleBody('application/x-www-form-urlencoded', Buffer.from('a=1&b=x%20y'), 64).value, { a: '1', b: 'x y' });
  assert.equal(sampleBody('application/json', Buffer.from('{not json'), 64).value, undefined);
});

test('config: the rate is between 0 and 1', () => {
  assert.ok(stageConfigProblems(discoveryStage, { sampleRate: 1.5 }).length > 0);
  assert.deepEqual(stageConfigProblems(discoveryStage, { sampleRate: 0.5, maxBodyBytes: '1mb' }), []);
});

test('calls to deprecated or undocumented operations are always sampled, whatever the rate', async () => {
  const sink = collector();
  const stage = createTestStage(discoveryStage, { sampleRate: 0.000001 }, { discovery: sink });
  const deprecated = { kind: 'found', params: {}, value: { spec: { deprecated: true } } } as unknown as RequestContext['contract'];
  const current = { kind: 'found', params: {}, value: { spec: { deprecated: false } } } as unknown as RequestContext['contract'];
  for (const contract of [deprecated, { kind: 'not-found' } as RequestContext['contract'], current]) {
    const ctx = context({ method: 'GET', headers: {}, query: '', contract });
    await stage.onRequest!(ctx);
    respond(stage, ctx, { status: 200, headers: {}, isLocal: false });
  }
  assert.equal(sink.samples.length, 2);
});
