import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InspectRequest } from '../request.js';
import { DEFAULT_EXTRACT_LIMITS, extractFields } from './index.js';

function request(mediaType: string, body: string | Buffer, extra: Partial<InspectRequest> = {}): InspectRequest {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { method: 'POST', path: '/', query: '', rawHeaders: [], body: { mediaType, contentType: mediaType, bytes }, ...extra };
}

function locations(input: InspectRequest, limits = DEFAULT_EXTRACT_LIMITS): string[] {
  return extractFields(input, limits).fields.map((field) => field.location);
}

test('a whole request: path, query, headers, cookies, then the body, in that order', () => {
  const input: InspectRequest = {
    method: 'POST', path: '/orders/42', query: 'expand=items',
    rawHeaders: ['Host', 'shop.example', 'Content-Type', 'application/json', 'Cookie', 'sid=abc', 'X-Trace', 't1'],
    body: { mediaType: 'application/json', contentType: 'application/json; charset=utf-8', bytes: Buffer.from('{"note":"leave at door"}') },
  };
  const result = extractFields(input, DEFAULT_EXTRACT_LIMITS);
  assert.deepEqual(result.fields.map((field) => `${field.kind} ${field.location}`), [
    'path path[0]', 'path path[1]', 'query query.expand#name', 'query query.expand',
    'header header.host', 'header header.content-type', 'header header.x-trace#name', 'header header.x-trace',
    'cookie cookie.sid#name', 'cookie cookie.sid', 'body body.$.note#name', 'body body.$.note',
  ]);
  assert.equal(result.truncated, false);
  assert.deepEqual(result.problems, []);
});

test('the body extractor follows the media type', () => {
  assert.deepEqual(locations(request('application/vnd.api+json', '{"data":"x"}')), ['body.$.data#name', 'body.$.data']);
  assert.deepEqual(locations(request('application/x-www-form-urlencoded', 'a=1')), ['body.form.a#name', 'body.form.a']);
  assert.deepEqual(locations(request('application/soap+xml', '<Envelope><Body>x</Body></Envelope>')), ['body.xml./Envelope/Body']);
  assert.deepEqual(locations(request('image/svg+xml', '<svg onload="alert(1)"/>')), ['body.xml./svg@onload']);
  assert.deepEqual(locations(request('text/xml', '<a>1</a>')), ['body.xml./a']);
  assert.deepEqual(locations(request('application/graphql', '{ a(b: "c") }')), ['body.graphql.query.a.b']);
  assert.deepEqual(locations(request('application/json', '{"query":"{ a(b: \\"c\\") }"}')), ['body.graphql.query.a.b']);
  assert.deepEqual(locations(request('text/plain', 'hello')), ['body.raw']);
  assert.deepEqual(locations(request('', 'hello')), ['body.raw']);
  const multipart = request('multipart/form-data', '--b\r\nContent-Disposition: form-data; name="f"\r\n\r\nv\r\n--b--');
  assert.deepEqual(locations({ ...multipart, body: { ...multipart.body!, contentType: 'multipart/form-data; boundary=b' } }), ['body.multipart.f#name', 'body.multipart.f']);
});

test('JSON is read from its bytes; a parse the caller memoised serves a GraphQL body', () => {
  const input = request('application/json', '{"from":"bytes"}');
  const memoised: InspectRequest = { ...input, body: { ...input.body!, json: () => ({ ok: true, value: { from: 'memo' } }) } };
  assert.deepEqual(extractFields(memoised, DEFAULT_EXTRACT_LIMITS).fields.map((field) => field.value), ['from', 'bytes']);
  const graphql = request('application/json', '{"query":"{ a }"}');
  const memoisedGraphql: InspectRequest = { ...graphql, body: { ...graphql.body!, json: () => ({ ok: true, value: { query: '{ a(b: "memo") }' } }) } };
  assert.deepEqual(extractFields(memoisedGraphql, DEFAULT_EXTRACT_LIMITS).fields.map((field) => field.value), ['memo']);
});

test('every value of a repeated JSON key is inspected, in document order', () => {
  const result = extractFields(request('application/json', '{"role":"user","role":"admin"}'), DEFAULT_EXTRACT_LIMITS);
  assert.deepEqual(result.fields.map((field) => [field.location, field.value]), [
    ['body.$.role#name', 'role'], ['body.$.role', 'user'], ['body.$.role#name', 'role'], ['body.$.role', 'admin'],
  ]);
});

test('invalid JSON or GraphQL is inspected as text, and says so', () => {
  const result = extractFields(request('application/json', '{"a": \' OR 1=1'), DEFAULT_EXTRACT_LIMITS);
  assert.deepEqual(result.fields.map((field) => [field.location, field.source, field.value]), [['body.raw', 'raw', '{"a": \' OR 1=1']]);
  assert.deepEqual(result.problems, ['the body is not valid JSON and was inspected as text']);
  assert.equal(result.truncated, false);
  assert.deepEqual(locations(request('application/graphql', "' OR 1=1")), ['body.raw']);
});

test('binary bodies are not inspected; text under a binary label is', () => {
  const png = Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', 'latin1');
  assert.deepEqual(locations(request('image/png', png)), []);
  assert.deepEqual(locations(request('application/octet-stream', Buffer.from([1, 2, 0, 3]))), []);
  assert.deepEqual(locations(request('application/octet-stream', '<?php system($_GET[1]); ?>')), ['body.raw']);
});

test('never throws: a failing memoised parse or a broken body still yields fields and a problem', () => {
  const input = request('application/json', '{"query":"{ a }"}');
  const throwing: InspectRequest = { ...input, body: { ...input.body!, json: () => { throw new Error('boom'); } } };
  const result = extractFields(throwing, DEFAULT_EXTRACT_LIMITS);
  assert.deepEqual(result.fields.map((field) => [field.location, field.value]), [['body.raw', '{"query":"{ a }"}']]);
  assert.deepEqual(result.problems, ['the body could not be read by its extractor']);
  assert.equal(result.truncated, true);
});

test('limits span the whole request: padding the query pushes the body out, and that is reported', () => {
  const input = request('application/json', '{"attack":"x"}', { query: 'a=1&'.repeat(10) });
  const result = extractFields(input, { ...DEFAULT_EXTRACT_LIMITS, maxFields: 8 });
  assert.equal(result.fields.length, 8);
  assert.ok(result.fields.every((field) => field.kind === 'query'));
  assert.equal(result.truncated, true);
  assert.deepEqual(result.problems, ['more than 8 inputs: the rest was not inspected']);
});

test('the default limits are frozen', () => {
  assert.equal(Object.isFrozen(DEFAULT_EXTRACT_LIMITS), true);
  assert.deepEqual(DEFAULT_EXTRACT_LIMITS, { maxFields: 2000, maxFieldChars: 65_536, maxTotalChars: 4_194_304, maxRawBytes: 1_048_576, maxPartBytes: 65_536, maxDepth: 64 });
});
