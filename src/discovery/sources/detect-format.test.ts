import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBulwarkError } from '../../core/errors.js';
import { formatOfHead } from './detect-format.js';

const detect = (head: string, isWholeFile = true) => formatOfHead(head, isWholeFile, 'f.log');

function refused(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(isBulwarkError(error), String(error));
    assert.equal(error.code, 'DISCOVERY_SOURCE_INVALID');
    assert.match(error.message, pattern);
    return true;
  };
}

test('a JSON object whose first key is log is a HAR, pretty-printed, minified or cut off', () => {
  assert.equal(detect('{\n  "log": {\n    "version": "1.2",'), 'har');
  assert.equal(detect('\uFEFF  {"log":{"entries":[]}}'), 'har');
  assert.equal(detect('{"log": {"entries": [{"request": ', false), 'har');
  assert.equal(detect('{"entries":[],"log":{}}'), 'har');
});

test('another single JSON document goes to the HAR reader, which says what is wrong', () => {
  assert.equal(detect('{\n  "openapi": "3.1.0",\n  "info": {}\n}\n'), 'har');
});

test('JSON lines are told apart by the keys only one of the formats uses', () => {
  assert.equal(detect('{"time_iso8601":"x","request_method":"GET","request_uri":"/","status":"200"}\n'), 'nginx');
  assert.equal(detect('{"request":"GET / HTTP/1.1","time_local":"x","status":"200"}\n{"msec":"1"}\n'), 'nginx');
  assert.equal(detect('{"start_time":"x","method":"GET","path":"/","response_code":"200"}\n'), 'envoy');
  assert.equal(detect('{":authority":"a","x-envoy-origin-path":"/","method":"GET"}\n'), 'envoy');
  // A broken first line does not decide anything.
  assert.equal(detect('{"start_time":\n{"start_time":"x","method":"GET"}\n'), 'envoy');
});

test('the last, incomplete line of a head is not looked at', () => {
  assert.equal(detect('{"request_uri":"/","status":"200"}\n{"response_code":"20', false), 'nginx');
});

test('ambiguous keys ask for the format instead of guessing', () => {
  assert.throws(() => detect('{"method":"GET","path":"/","status":200,"duration":12}\n'), refused(/f\.log: cannot tell an nginx log from an Envoy log by its keys \(method, path, status, duration\); give the format: 'nginx' or 'envoy' \(--format\)$/));
  assert.throws(() => detect('{"request_uri":"/","response_code":"200"}\n'), refused(/\(request_uri, response_code\)/));
});

test('empty files, plain-text logs and broken JSON lines are refused', () => {
  assert.throws(() => detect(''), refused(/f\.log: the file is empty$/));
  assert.throws(() => detect('\uFEFF \n\n'), refused(/the file is empty/));
  assert.throws(() => detect('127.0.0.1 - - [01/May/2024:12:00:00 +0000] "GET / HTTP/1.1" 200 612\n'), refused(/does not start with "\{"/));
  assert.throws(() => detect('{"a":\n{"b":\n{"c"\n'), refused(/none of the first 3 lines that start with "\{" is a JSON object/));
});
