import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBulwarkError } from '../../core/errors.js';
import { readHar, samplesFromHar } from './har.js';

const BROWSER_HAR = fileURLToPath(new URL('fixtures/browser.har', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bulwark-har-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function writeTemp(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A minimal valid entry, with `patch` merged into request / response / the entry itself. */
function entry(patch: { request?: object; response?: object; [key: string]: unknown } = {}): Record<string, unknown> {
  const { request, response, ...rest } = patch;
  return {
    startedDateTime: '2024-05-01T12:00:00.000Z',
    time: 10,
    request: { method: 'GET', url: 'https://api.example.com/v1/items', headers: [], ...request },
    response: { status: 200, headers: [], content: { size: 0, mimeType: '' }, ...response },
    ...rest,
  };
}

const har = (...entries: unknown[]) => ({ log: { version: '1.2', entries } });

function rejectsWith(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(isBulwarkError(error), String(error));
    assert.equal(error.code, 'DISCOVERY_SOURCE_INVALID');
    assert.match(error.message, pattern);
    return true;
  };
}

test('a browser HAR: request, response, query, headers and bodies', async () => {
  const result = await readHar(BROWSER_HAR);
  assert.equal(result.format, 'har');
  assert.equal(result.isTruncated, false);
  const [get, post, form, websocket, pdf] = result.samples;
  assert.deepEqual(get, {
    requestId: `${BROWSER_HAR}#0`,
    time: '2024-05-01T12:00:00.123Z',
    route: '',
    method: 'GET',
    path: '/v1/users/42/orders',
    status: 200,
    durationMs: 41.5,
    requestHeaders: {
      accept: 'application/json',
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlIn0.c2ln',
      'x-trace': 'a, b',
      host: 'api.example.com',
      cookie: 'sessionid=s3cr3t',
    },
    responseHeaders: { 'content-type': 'application/json; charset=utf-8', 'set-cookie': 'a=1; Path=/\nb=2; Expires=Wed, 21 Oct 2025 07:28:00 GMT' },
    host: 'api.example.com',
    source: 'har',
    query: [['status', 'open'], ['tag', 'café'], ['q', 'a b'], ['empty', ''], ['flag', '']],
    responseBody: { contentType: 'application/json', size: 22, value: [{ id: 1, total: 9.5 }] },
  });
  assert.equal(post?.time, '2024-05-01T12:00:01.000Z');
  assert.equal(post?.query, undefined);
  assert.deepEqual(post?.requestBody, { contentType: 'application/json', size: 32, value: { name: 'Ada', roles: ['admin'] } });
  assert.deepEqual(post?.responseBody, { contentType: 'application/json', size: 21, value: { id: 7, name: 'Ada' } });
  assert.equal(form?.host, 'api.example.com:8080');
  assert.deepEqual(form?.requestBody, { contentType: 'application/x-www-form-urlencoded', size: 32, value: { user: 'ada', password: 'pw' } });
  assert.deepEqual(form?.responseHeaders, { location: '/home', 'set-cookie': 'sid=new' });
  assert.equal(form?.responseBody, undefined);
  assert.deepEqual([websocket?.method, websocket?.path, websocket?.status, websocket?.query], ['GET', '/v1/stream', 101, [['topic', 'orders']]]);
  assert.deepEqual(pdf?.responseBody, { contentType: 'application/pdf', size: 52011 });
  assert.equal(result.samples.length, 5);
});

test('entries that are not API calls are skipped with their reason', async () => {
  const result = await readHar(BROWSER_HAR);
  assert.equal(result.skippedCount, 3);
  assert.deepEqual(result.skipped, [
    { entry: 3, problem: 'log.entries[3].request.url: a data: URL, not HTTP' },
    { entry: 5, problem: 'log.entries[5].response.status: 0, no response was received' },
    { entry: 6, problem: 'log.entries[6].request.method: CONNECT opens a tunnel, not an API call' },
  ]);
});

test('bad entries name the key; the good ones are still read', () => {
  const bad = [
    [42, 'log.entries[0]: not an object'],
    [{ ...entry(), request: undefined }, 'log.entries[1].request: missing or not an object'],
    [{ ...entry(), response: 'x' }, 'log.entries[2].response: missing or not an object'],
    [entry({ request: { method: 'GE T' } }), 'log.entries[3].request.method: not an HTTP method'],
    [entry({ request: { url: 7 } }), 'log.entries[4].request.url: missing or not a string'],
    [entry({ request: { url: '/relative' } }), 'log.entries[5].request.url: not a URL'],
    [entry({ request: { url: 'http://exa mple.com/' } }), 'log.entries[6].request.url: not a URL'],
    [entry({ response: { status: '200' } }), 'log.entries[7].response.status: not an HTTP status'],
    [entry({ response: { status: 700 } }), 'log.entries[8].response.status: not an HTTP status'],
    [entry({ startedDateTime: 'soon' }), 'log.entries[9].startedDateTime: not a date'],
    [entry({ startedDateTime: 1714564800 }), 'log.entries[10].startedDateTime: not a date'],
  ] as const;
  const document = har(...bad.map(([value]) => value), entry());
  const result = samplesFromHar(document, 'mixed.har');
  assert.equal(result.samples.length, 1);
  assert.equal(result.samples[0]?.requestId, `mixed.har#${bad.length}`);
  assert.equal(result.skippedCount, bad.length);
  assert.deepEqual(result.skipped.map((skip) => skip.problem), bad.map(([, problem]) => problem));
});

test('optional parts of the wrong type are ignored, not fatal', () => {
  const result = samplesFromHar(har(entry({
    time: -5,
    request: { headers: [{ name: 'A', value: 1 }, 'x', null, { name: 'B', value: 'ok' }], cookies: 'nope', postData: { mimeType: 'application/json', text: 5 } },
    response: { headers: { name: 'x' }, content: { size: 'big', mimeType: 'application/json', text: { a: 1 } } },
  })), 'types.har');
  const [sample] = result.samples;
  assert.deepEqual(sample?.requestHeaders, { b: 'ok' });
  assert.deepEqual(sample?.responseHeaders, {});
  assert.equal(sample?.durationMs, 0);
  assert.equal(sample?.requestBody, undefined);
  assert.equal(sample?.responseBody, undefined);
});

test('headers named like Object.prototype members stay plain headers', () => {
  const [sample] = samplesFromHar(har(entry({ request: { headers: [{ name: 'constructor', value: 'a' }, { name: 'Constructor', value: 'b' }, { name: '__proto__', value: 'c' }] } })), 'p.har').samples;
  assert.deepEqual(Object.entries(sample?.requestHeaders ?? {}), [['constructor', 'a, b'], ['__proto__', 'c']]);
});

test('percent-encoding and UTF-8 edge cases in URLs', () => {
  const [sample] = samplesFromHar(har(entry({ request: { url: 'https://api.example.com/caf\u00e9/a b/%zz/%2F?x=%FF&y=%E2%82&z=%&w=%e2%82%ac' } })), 'u.har').samples;
  assert.equal(sample?.path, '/caf%C3%A9/a%20b/%25zz/%2F');
  assert.deepEqual(sample?.query, [['x', '\ufffd'], ['y', '\ufffd'], ['z', '%'], ['w', '€']]);
});

test('a body over maxBodyBytes keeps its size and says truncated', () => {
  const text = JSON.stringify({ data: 'x'.repeat(2000) });
  const [sample] = samplesFromHar(har(entry({ response: { content: { size: text.length, mimeType: 'application/json', text: Buffer.from(text).toString('base64'), encoding: 'base64' } } })), 'b.har', { maxBodyBytes: 1000 }).samples;
  assert.deepEqual(sample?.responseBody, { contentType: 'application/json', size: text.length, truncated: true });
});

test('unknown content encodings are not decoded', () => {
  const [sample] = samplesFromHar(har(entry({ response: { content: { size: 3, mimeType: 'application/json', text: '{}', encoding: 'gzip' } } })), 'e.har').samples;
  assert.deepEqual(sample?.responseBody, { contentType: 'application/json', size: 3 });
});

test('a document that is not a HAR is refused, naming what is missing', () => {
  const cases: [unknown, RegExp][] = [
    [null, /^x\.har: not a HAR: the document is not a JSON object$/],
    [[], /not a JSON object/],
    [{ openapi: '3.1.0' }, /^x\.har: not a HAR: log is missing or not an object$/],
    [{ log: { entries: {} } }, /log\.entries is missing or not an array/],
    [{ log: { entries: [] } }, /^x\.har: log\.entries is empty$/],
    [har(entry({ request: { url: 'nope' } })), /^x\.har: no entry could be used \(1 skipped; log\.entries\[0\]\.request\.url: not a URL\)$/],
  ];
  for (const [document, pattern] of cases) assert.throws(() => samplesFromHar(document, 'x.har'), rejectsWith(pattern));
});

test('readHar: files that cannot be used at all', async () => {
  await assert.rejects(readHar(writeTemp('broken.har', '{\n  "log": {\n    "entries": [,]\n  }\n}')), rejectsWith(/broken\.har: line 3, column 17: not JSON$/));
  await assert.rejects(readHar(writeTemp('cut.har', '{"log": {"entries": [')), rejectsWith(/cut\.har: not JSON: it ends early/));
  await assert.rejects(readHar(writeTemp('empty.har', '')), rejectsWith(/empty\.har: the file is empty$/));
  await assert.rejects(readHar(writeTemp('blank.har', ' \n\t')), rejectsWith(/the file is empty/));
  await assert.rejects(readHar(join(dir, 'missing.har')), rejectsWith(/missing\.har: cannot read the file \(ENOENT\)$/));
  await assert.rejects(readHar(dir), rejectsWith(/not a regular file$/));
});

test('readHar refuses files over maxFileBytes or maxValues before parsing them', async () => {
  const path = writeTemp('big.har', JSON.stringify(har(entry(), entry())));
  await assert.rejects(readHar(path, { maxFileBytes: 100 }), rejectsWith(/over the 100-byte limit for a HAR/));
  await assert.rejects(readHar(path, { maxValues: 20 }), rejectsWith(/holds more than 20 JSON values/));
  assert.equal((await readHar(path)).samples.length, 2);
});

test('readHar reads a BOM and survives bytes that are not UTF-8', async () => {
  const text = JSON.stringify(har(entry({ request: { headers: [{ name: 'X-Name', value: 'caf__' }] } })));
  const bytes = Buffer.from(`\uFEFF${text}`);
  const at = bytes.indexOf('__');
  bytes[at] = 0xff;
  bytes[at + 1] = 0xfe;
  const [sample] = (await readHar(writeTemp('latin.har', bytes))).samples;
  assert.equal(sample?.requestHeaders['x-name'], 'caf\ufffd\ufffd');
});

test('limits must be positive integers', () => {
  assert.throws(() => samplesFromHar(har(entry()), 'x.har', { maxBodyBytes: 0 }), RangeError);
  assert.throws(() => samplesFromHar(har(entry()), 'x.har', { maxValues: Number.NaN }), RangeError);
});
