import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyLineStart } from './line-start.js';

test('classifies what starts a line', () => {
  const cases: [string, string][] = [
    ['Set-Cookie: a=b', 'response-header'], ['content-length: 0', 'response-header'], ['Access-Control-Allow-Origin: *', 'response-header'],
    ['Location: /x', 'response-header'], ['Location: Berlin', 'label-header'], ['Host: a', 'label-header'], ['Host: api.example.com', 'response-header'],
    ['Refresh: 0; url=https://e.example/', 'response-header'], ['Refresh: soon', 'label-header'], ['Link: <https://e.example/>; rel=preload', 'response-header'],
    ['Cookie: a=b', 'response-header'], ['Cookie: with milk', 'label-header'], ['Authorization: Bearer abc', 'response-header'],
    ['Connection: close', 'response-header'], ['Upgrade: h2c', 'response-header'], ['Location: https://e.example/', 'response-header'],
    ['X-Anything: 1', 'extension-header'], ['Note: x', 'header'], ['  Set-Cookie: a', 'response-header'],
    ['127.0.0.1 - - [01/Jun/2025:12:00:00 +0000] "GET / HTTP/1.1" 200 2', 'log-entry'], ['10.0.0.1', 'other'], ['1.2.3 x', 'other'],
    ['2025-06-01T12:00:00Z INFO started', 'log-entry'], ['2025-06-01 12:00:00 started', 'log-entry'], ['2025-06-01 12:00 meeting', 'other'],
    ['[10/Oct/2025:13:55:36 +0000] x', 'log-entry'], ['[2025-06-01 12:00:00] x', 'log-entry'], ['[INFO] user admin logged in', 'log-level'],
    ['INFO: User logged out', 'log-level'], ['WARN [main] x', 'log-level'], ['Info: x', 'header'], ['[1] footnote', 'other'], ['[x] done', 'other'],
    ['{"admin": true}', 'json'], ['{ "a": 1 }', 'json'], ['[{"a": 1}]', 'json'], ['{x}', 'other'], ['{{name}}', 'other'],
    ['HTTP/1.1 200 OK', 'status-line'], ['http/2 200', 'status-line'], ['GET /admin HTTP/1.1', 'request-line'], ['GET /admin', 'other'],
    ['<html>', 'markup'], ['Name : x', 'other'], ['http://example.com', 'other'], ['1st: x', 'other'], ['', 'other'], ['Hello world', 'other'],
  ];
  for (const [line, expected] of cases) assert.equal(classifyLineStart(`\n${line}`, 1), expected, line);
});

test('a request line must carry its version on the same line', () => {
  assert.equal(classifyLineStart('POST /x\nHTTP/1.1', 0), 'other');
});
