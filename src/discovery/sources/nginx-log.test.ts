import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBulwarkError } from '../../core/errors.js';
import type { TrafficSample } from '../../core/types.js';
import { readNginxLog, scanNginxLog } from './nginx-log.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const RECOMMENDED = fixture('nginx-bulwark.log');
const OTHER_KEYS = fixture('nginx-other-keys.log');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-nginx-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function writeTemp(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function invalid(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(isBulwarkError(error), String(error));
    assert.equal(error.code, 'DISCOVERY_SOURCE_INVALID');
    assert.match(error.message, pattern);
    return true;
  };
}

const line = (fields: Record<string, unknown>) => JSON.stringify({ time_iso8601: '2024-05-01T12:00:00+00:00', request_method: 'GET', request_uri: '/a', status: '200', request_time: '0.001', ...fields });

test('the recommended format: every fact of a line', async () => {
  const result = await readNginxLog(RECOMMENDED);
  assert.equal(result.format, 'nginx');
  assert.equal(result.samples.length, 4);
  const [get, post, missing, deleted] = result.samples;
  assert.deepEqual(get, {
    requestId: '5f0c6b5d2a1e4c0e9a7b3d2c1b0a9f8e',
    time: '2024-05-01T12:00:00.000Z',
    route: '',
    method: 'GET',
    path: '/v1/users/42/orders',
    status: 200,
    durationMs: 12,
    requestHeaders: { authorization: 'Bearer' },
    responseHeaders: { 'content-type': 'application/json' },
    source: 'nginx',
    query: [['status', 'open'], ['tag', 'café'], ['q', 'a b'], ['bad', '\ufffd%A']],
    host: 'api.example.com',
    responseBody: { contentType: 'application/json', size: 27 },
  });
  assert.deepEqual(post?.requestHeaders, { 'x-api-key': 'present', 'content-type': 'application/json; charset=utf-8', authorization: 'Basic' });
  assert.deepEqual(post?.requestBody, { contentType: 'application/json', size: 32, value: { name: 'Ada', roles: ['admin'] } });
  assert.equal(post?.clientCertificate, true);
  assert.equal(post?.durationMs, 34);
  assert.equal(missing?.path, '/missing/a%20b/../c');
  assert.equal(missing?.status, 404);
  assert.equal(missing?.requestHeaders.authorization, 'no-scheme');
  assert.equal(missing?.clientCertificate, undefined);
  assert.deepEqual(missing?.responseBody, { contentType: 'text/html', size: 153 });
  // Numbers instead of strings, no request id, host in capitals.
  assert.deepEqual([deleted?.status, deleted?.durationMs, deleted?.host, deleted?.requestId, deleted?.responseBody], [204, 2, 'api.example.com', `${RECOMMENDED}:10`, undefined]);
});

test('bad lines are counted and listed with their line number and key', async () => {
  const result = await readNginxLog(RECOMMENDED);
  assert.equal(result.skippedCount, 5);
  assert.deepEqual(result.skipped, [
    { line: 3, problem: 'not JSON at column 1' },
    { line: 6, problem: 'method: missing (looked for request_method, method)' },
    { line: 7, problem: 'status: not an HTTP status' },
    { line: 8, problem: 'time_iso8601: not a time' },
    { line: 9, problem: 'not a JSON object' },
  ]);
});

test('other common key names, a request line, $time_local and $msec', async () => {
  const [put, patch, absolute] = (await readNginxLog(OTHER_KEYS)).samples;
  assert.deepEqual(put, {
    requestId: `${OTHER_KEYS}:1`,
    time: '2024-05-01T12:00:00.000Z',
    route: '',
    method: 'PUT',
    path: '/v2/items/7',
    status: 200,
    durationMs: 1500,
    requestHeaders: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'curl/8.0', authorization: 'Bearer' },
    responseHeaders: {},
    source: 'nginx',
    query: [['dry_run', '1']],
    host: 'shop.example.com',
    requestBody: { contentType: 'application/x-www-form-urlencoded', size: 31, value: { name: 'Lamp', price: '12.5' } },
  });
  assert.deepEqual([patch?.time, patch?.method, patch?.query, patch?.durationMs, patch?.requestHeaders.authorization], ['2024-05-01T12:00:00.250Z', 'PATCH', [['fields', 'name,price']], 500, 'no-scheme']);
  assert.deepEqual([absolute?.host, absolute?.path, absolute?.query], ['shop.example.com:8080', '/v2/items', [['page', '2']]]);
});

test('a logged Authorization value is reduced to its scheme and never passed on', async () => {
  const path = writeTemp('secrets.log', [
    line({ http_authorization: 'Bearer abc.def.ghi' }),
    line({ authorization: 'sk_live_0123456789' }),
    line({ request_headers: { Authorization: 'Basic dXNlcjpwYXNz' } }),
    line({ auth_scheme: 'Bearer abc.def' }),
  ].join('\n'));
  const { samples } = await readNginxLog(path);
  assert.deepEqual(samples.map((sample) => sample.requestHeaders.authorization), ['Bearer', 'no-scheme', 'Basic', 'no-scheme']);
  const text = JSON.stringify(samples);
  for (const secret of ['abc.def', 'sk_live', 'dXNlcjpwYXNz']) assert.ok(!text.includes(secret), secret);
});

test('wrong types, bad targets and odd values are skipped with a reason', async () => {
  const path = writeTemp('types.log', [
    line({ status: { code: 200 } }),
    line({ status: '0' }),
    line({ request_method: 'G E T' }),
    line({ request_method: 'CONNECT', request_uri: 'example.com:443' }),
    line({ request_uri: '*' }),
    line({ request_uri: 42 }),
    line({ request_uri: ['/a'] }),
    line({ time_iso8601: 1e300 }),
    JSON.stringify({ request_method: 'GET', request_uri: '/a', status: '200' }),
    line({ request_time: 'fast', request_headers: 'x-a: 1', content_length: '-5', body_bytes_sent: [1] }),
  ].join('\n'));
  const result = await readNginxLog(path);
  assert.deepEqual(result.skipped.map((skip) => skip.problem), [
    'status: not an HTTP status',
    'status: 0, no response was sent',
    'request_method: not an HTTP method',
    'request_uri: CONNECT opens a tunnel, not an API call',
    'request_uri: not a path',
    'request_uri: not a path',
    'path: missing (looked for request_uri, uri, path, url)',
    'time_iso8601: not a time',
    'time: missing (looked for time_iso8601, time, timestamp, @timestamp, time_local, msec)',
  ]);
  assert.equal(result.samples.length, 1);
  assert.deepEqual([result.samples[0]?.durationMs, result.samples[0]?.requestHeaders, result.samples[0]?.requestBody], [0, {}, undefined]);
});

test('invalid UTF-8 and control characters in a logged URI do not cost the line', async () => {
  const bytes = Buffer.concat([
    Buffer.from('{"time_iso8601":"2024-05-01T12:00:00+00:00","request_method":"GET","request_uri":"/caf'),
    Buffer.from([0xc3, 0xa9, 0xff]),
    Buffer.from('/\\u0001\\"x?q=%FF&r=\\\\","status":"200"}\n'),
  ]);
  const [sample] = (await readNginxLog(writeTemp('bytes.log', bytes))).samples;
  assert.equal(sample?.path, '/caf%C3%A9%EF%BF%BD/%01%22x');
  assert.deepEqual(sample?.query, [['q', '\ufffd'], ['r', '\\']]);
});

test('a huge line is skipped without being held, and the rest is read', async () => {
  const path = writeTemp('huge.log', `${line({ request_body: 'x'.repeat(3 * 1024 * 1024) })}\n${line({})}\n`);
  const result = await readNginxLog(path);
  assert.deepEqual(result.skipped, [{ line: 1, problem: 'longer than 1048576 bytes' }]);
  assert.equal(result.samples.length, 1);
});

test('a log in which no line gives a sample is an error', async () => {
  await assert.rejects(readNginxLog(writeTemp('empty.log', '')), invalid(/empty\.log: the file has no lines$/));
  await assert.rejects(readNginxLog(writeTemp('blank.log', '\n\n  \n')), invalid(/the file has no lines/));
  await assert.rejects(readNginxLog(writeTemp('text.log', '127.0.0.1 - - [01/May/2024:12:00:00 +0000] "GET / HTTP/1.1" 200 612\n')), invalid(/text\.log: no line could be used \(1 skipped; line 1: not JSON at column 6\)$/));
  await assert.rejects(readNginxLog(writeTemp('noescape.log', '{"request_uri":"/a\\x22b"}\n')), invalid(/escape=json/));
  await assert.rejects(readNginxLog(join(dir, 'nope.log')), invalid(/cannot read the file \(ENOENT\)/));
  await assert.rejects(readNginxLog(dir), invalid(/not a regular file/));
  try {
    await readNginxLog(writeTemp('bad.log', '{}\n{}\n'));
    assert.fail('expected an error');
  } catch (error) {
    assert.ok(isBulwarkError(error));
    assert.deepEqual(error.details, { skipped: [{ line: 1, problem: 'method: missing (looked for request_method, method)' }, { line: 2, problem: 'method: missing (looked for request_method, method)' }], skippedCount: 2 });
  }
});

test('only the first 20 skipped lines are listed; all are counted', async () => {
  const path = writeTemp('many.log', `${'nope\n'.repeat(50)}${line({})}\n`);
  const result = await readNginxLog(path);
  assert.equal(result.skippedCount, 50);
  assert.equal(result.skipped.length, 20);
});

test('reading stops at maxFileBytes and says so; scanning reads it all', async () => {
  const path = writeTemp('long.log', `${Array.from({ length: 100 }, () => line({})).join('\n')}\n`);
  const lineBytes = line({}).length + 1;
  const read = await readNginxLog(path, { maxFileBytes: lineBytes * 10 });
  assert.equal(read.samples.length, 10);
  assert.equal(read.isTruncated, true);
  const seen: TrafficSample[] = [];
  const summary = await scanNginxLog(path, (sample) => seen.push(sample), { maxFileBytes: lineBytes * 10 });
  assert.equal(summary.sampleCount, 100);
  assert.equal(seen.length, 100);
  assert.equal(summary.isTruncated, false);
});

test('request bodies share the value budget and respect maxBodyBytes', async () => {
  const body = JSON.stringify({ items: [1, 2, 3] });
  const path = writeTemp('bodies.log', [
    line({ content_type: 'application/json', request_body: body }),
    line({ content_type: 'application/json', request_body: body }),
    line({ content_type: 'application/json', request_body: JSON.stringify({ big: 'y'.repeat(200) }) }),
  ].join('\n'));
  const { samples } = await readNginxLog(path, { maxValues: 6, maxBodyBytes: 100 });
  assert.deepEqual(samples.map((sample) => sample.requestBody?.value !== undefined), [true, false, false]);
  assert.deepEqual(samples.map((sample) => sample.requestBody?.truncated), [undefined, true, true]);
});
