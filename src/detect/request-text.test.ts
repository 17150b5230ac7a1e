import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestText } from './request-text.js';

test('reads an HTTP/1.1 message with CRLF or bare LF line ends', () => {
  for (const eol of ['\r\n', '\n']) {
    const text = ['POST /api/users?id=1&x=%27 HTTP/1.1', 'Host: api.example.com', 'Content-Type: application/json; charset=utf-8', '', '{"name":"a"}'].join(eol);
    const parsed = parseRequestText(text);
    assert.ok(parsed.ok);
    assert.equal(parsed.request.method, 'POST');
    assert.equal(parsed.request.path, '/api/users');
    assert.equal(parsed.request.query, 'id=1&x=%27');
    assert.deepEqual(parsed.request.rawHeaders, ['Host', 'api.example.com', 'Content-Type', 'application/json; charset=utf-8']);
    assert.equal(parsed.request.body?.mediaType, 'application/json');
    assert.equal(parsed.request.body?.bytes.toString(), '{"name":"a"}');
  }
});

test('a message without a body has none', () => {
  const parsed = parseRequestText('GET /x HTTP/1.1\nHost: a\n');
  assert.ok(parsed.ok);
  assert.equal(parsed.request.body, undefined);
});

test('reads a JSON description, body as text, as JSON or as base64', () => {
  const parsed = parseRequestText(JSON.stringify({ method: 'post', path: '/p', query: 'q=1', headers: { 'content-type': 'application/json', 'x-a': ['1', '2'] }, body: { a: 1 } }));
  assert.ok(parsed.ok);
  assert.equal(parsed.request.method, 'POST');
  assert.equal(parsed.request.query, 'q=1');
  assert.deepEqual(parsed.request.rawHeaders, ['content-type', 'application/json', 'x-a', '1', 'x-a', '2']);
  assert.equal(parsed.request.body?.bytes.toString(), '{"a":1}');
  const binary = parseRequestText(JSON.stringify({ path: '/u', bodyBase64: Buffer.from([0, 1, 2]).toString('base64') }));
  assert.ok(binary.ok);
  assert.deepEqual([...(binary.request.body?.bytes ?? [])], [0, 1, 2]);
});

test('problems name what is wrong', () => {
  const cases: [string, RegExp][] = [
    ['hello', /line 1: expected a request line/],
    ['GET /x HTTP/1.1\nno colon here\n\n', /line 2: expected "Name: value"/],
    ['{"method": 1}', /method:/],
    ['{"path": ""}', /path:/],
    ['{"headers": {"a": 1}}', /headers\.a:/],
    ['{not json', /not valid JSON/],
    ['[1]', /expected a JSON object/],
  ];
  for (const [text, problem] of cases) {
    const parsed = parseRequestText(text);
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) assert.match(parsed.problem, problem);
  }
});
