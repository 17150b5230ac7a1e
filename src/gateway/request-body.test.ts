import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { createRequestBody, mediaTypeOf, parseEncodings, readRequestBody } from './request-body.js';

function fakeRequest(body: Buffer, headers: Record<string, string>): IncomingMessage {
  const stream = Readable.from([body]) as unknown as IncomingMessage & { complete: boolean };
  stream.headers = headers;
  stream.complete = true;
  return stream;
}

const limit = { maxBytes: 1024, maxInflateRatio: 100 };

test('decodes gzip, deflate, br and stacked encodings', async () => {
  const json = Buffer.from('{"a":1}');
  for (const [encoding, data] of [['gzip', gzipSync(json)], ['deflate', deflateSync(json)], ['br', brotliCompressSync(json)], ['deflate, gzip', gzipSync(deflateSync(json))]] as const) {
    const body = await readRequestBody(fakeRequest(data, { 'content-encoding': encoding, 'content-type': 'Application/JSON; charset=utf-8' }), limit);
    assert.ok('decoded' in body, encoding);
    assert.equal(body.decoded.toString(), '{"a":1}');
    assert.equal(body.mediaType, 'application/json');
    assert.deepEqual(body.json(), { ok: true, value: { a: 1 } });
  }
});

test('limits: raw size, decoded size, inflate ratio; bad and unknown encodings', async () => {
  assert.deepEqual(await readRequestBody(fakeRequest(Buffer.alloc(2000), {}), limit), { kind: 'too-large', limit: 1024 });
  assert.deepEqual(await readRequestBody(fakeRequest(gzipSync(Buffer.alloc(5000)), { 'content-encoding': 'gzip' }), limit), { kind: 'too-large', limit: 1024 });
  const ratio = await readRequestBody(fakeRequest(gzipSync(Buffer.alloc(100_000)), { 'content-encoding': 'gzip' }), { maxBytes: 1_000_000, maxInflateRatio: 10 });
  assert.deepEqual(ratio, { kind: 'ratio', limit: 10 });
  assert.deepEqual(await readRequestBody(fakeRequest(Buffer.from('nope'), { 'content-encoding': 'gzip' }), limit), { kind: 'corrupt', encoding: 'gzip' });
  assert.deepEqual(await readRequestBody(fakeRequest(Buffer.from('x'), { 'content-encoding': 'compress' }), limit), { kind: 'encoding', encoding: 'compress' });
});

test('json() is memoised and reports invalid JSON without throwing', () => {
  const body = createRequestBody(Buffer.from('{'), Buffer.from('{'), 'application/json');
  const first = body.json();
  assert.equal(first.ok, false);
  assert.equal(body.json(), first);
});

test('header helpers', () => {
  assert.deepEqual(parseEncodings('identity, GZIP ,br'), ['gzip', 'br']);
  assert.deepEqual(parseEncodings(undefined), []);
  assert.equal(mediaTypeOf(' Text/Plain ;charset=x'), 'text/plain');
  assert.equal(mediaTypeOf(undefined), '');
});
