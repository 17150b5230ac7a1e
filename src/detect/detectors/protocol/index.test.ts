import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { RequestDetection } from '../../detector.js';
import type { InspectRequest } from '../../request.js';
import { SEVERITY_SCORE, type Paranoia } from '../../rule.js';
import { isUnambiguousTransferEncoding, judgeContentLength } from './framing.js';
import { protocolDetector } from './index.js';
import { isValidHost } from './target.js';

interface RequestVector {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly rawHeaders: readonly string[];
  readonly body?: string;
}

interface Vector {
  readonly name: string;
  readonly request: RequestVector;
  /** Every rule the vector must match, and no others. */
  readonly rules?: readonly string[];
  readonly paranoia?: Paranoia;
  /** False for a paranoia-1 signal that must add up with others rather than block on its own. */
  readonly blocks?: boolean;
}

const vectors = JSON.parse(readFileSync(new URL('./protocol.vectors.json', import.meta.url), 'utf8')) as { attacks: Vector[]; benign: Vector[] };

function inspectRequest(vector: RequestVector): InspectRequest {
  const { body, ...rest } = vector;
  if (body === undefined) return rest;
  return { ...rest, body: { mediaType: 'application/json', contentType: 'application/json', bytes: Buffer.from(body) } };
}

function detect(request: InspectRequest, paranoia: Paranoia = 1): RequestDetection[] {
  const found: RequestDetection[] = [];
  protocolDetector.detectRequest(request, paranoia, found);
  return found;
}

const ids = (found: readonly RequestDetection[]): string[] => found.map((detection) => detection.rule.id).sort();
const request = (rawHeaders: readonly string[], overrides: Partial<InspectRequest> = {}): InspectRequest =>
  ({ method: 'POST', path: '/v1/orders', query: '', rawHeaders: ['Host', 'api.example.com', ...rawHeaders], ...overrides });

test('attack vectors match exactly their rules; paranoia-1 smuggling signals block on their own', () => {
  assert.ok(vectors.attacks.length >= 20);
  for (const vector of vectors.attacks) {
    const paranoia = vector.paranoia ?? 1;
    const found = detect(inspectRequest(vector.request), paranoia);
    assert.deepEqual(ids(found), [...(vector.rules ?? [])].sort(), vector.name);
    if (paranoia === 1) {
      const score = found.reduce((sum, detection) => sum + SEVERITY_SCORE[detection.rule.severity], 0);
      assert.equal(score >= 5, vector.blocks ?? true, `${vector.name}: score ${score}`);
    } else {
      assert.deepEqual(detect(inspectRequest(vector.request), (paranoia - 1) as Paranoia), [], `${vector.name}: nothing below paranoia ${paranoia}`);
    }
  }
});

test('benign vectors match nothing at paranoia 1', () => {
  assert.ok(vectors.benign.length >= 15);
  for (const vector of vectors.benign) assert.deepEqual(ids(detect(inspectRequest(vector.request))), [], vector.name);
});

test('findings carry the location of the header or the request line', () => {
  const [framing] = detect(request(['Transfer-Encoding', 'chunked, identity']));
  assert.equal(framing?.location, 'header.transfer-encoding');
  assert.equal(framing?.fragment, 'chunked, identity');
  const [control] = detect(request(['X-Note', 'a\r\nb']));
  assert.equal(control?.location, 'header.x-note');
  const [target] = detect(request([], { path: '/a b' }));
  assert.equal(target?.location, 'request-line');
});

test('Transfer-Encoding: only a final chunked after known codings, in one header', () => {
  for (const value of ['chunked', 'CHUNKED', 'gzip, chunked', 'gzip,chunked', 'chunked\t', 'br, gzip, chunked']) {
    assert.equal(isUnambiguousTransferEncoding([value]), true, value);
  }
  for (const value of ['chunked, identity', 'identity', 'xchunked', 'chunked;', 'chunked, chunked', ',chunked', 'chunk ed', '\u00a0chunked', '\fchunked', '']) {
    assert.equal(isUnambiguousTransferEncoding([value]), false, JSON.stringify(value));
  }
  assert.equal(isUnambiguousTransferEncoding(['chunked', 'chunked']), false);
});

test('Content-Length: digits only; repeats must agree as numbers', () => {
  assert.equal(judgeContentLength(['42']), 'valid');
  assert.equal(judgeContentLength(['42', '42']), 'repeated');
  assert.equal(judgeContentLength(['42, 042']), 'repeated', 'leading zeros are the same number');
  assert.equal(judgeContentLength(['42', '43']), 'conflicting');
  for (const value of ['-1', '1e3', '4 2', '', ' ', '\u00a05', '٤٢']) assert.equal(judgeContentLength([value]), 'invalid', JSON.stringify(value));
});

test('Host: a name or address and an optional numeric port', () => {
  for (const host of ['example.com', 'example.com.', 'my_host.internal:8443', '10.0.0.1:80', '[2001:db8::1]', '[::1]:443', '']) assert.equal(isValidHost(host), true, host);
  for (const host of ['example.com/x', 'a@b', 'a b', 'example.com:80:80', '[::1', '[::1]x', 'example.com:123456', 'exa\\mple.com', 'a,b']) {
    assert.equal(isValidHost(host), false, host);
  }
});

test('method override counts only when it asks for another method', () => {
  assert.deepEqual(ids(detect(request(['X-HTTP-Method-Override', 'post']), 2)), []);
  assert.deepEqual(ids(detect(request(['X-Method-Override', 'PUT']), 2)), ['protocol.method-override']);
});

test('a GET body is seen from the headers and from a recorded body', () => {
  assert.deepEqual(ids(detect(request(['Transfer-Encoding', 'chunked'], { method: 'GET' }), 2)), ['protocol.body-on-get']);
  const recorded = request([], { method: 'HEAD', body: { mediaType: 'text/plain', contentType: 'text/plain', bytes: Buffer.from('x') } });
  assert.deepEqual(ids(detect(recorded, 2)), ['protocol.body-on-get']);
});

test('each rule is reported once per request', () => {
  const found = detect(request(['X-A', 'a\nb', 'X-B', 'c\nd', 'Bad Name', 'x', 'Worse Name', 'y']));
  assert.deepEqual(ids(found), ['protocol.header-control-character', 'protocol.header-name-invalid']);
});

test('rule ids are unique and belong to the protocol class', () => {
  const seen = new Set(protocolDetector.rules.map((rule) => rule.id));
  assert.equal(seen.size, protocolDetector.rules.length);
  for (const rule of protocolDetector.rules) assert.match(rule.id, /^protocol\.[a-z0-9-]+$/);
});

test('large and hostile requests complete', () => {
  const many = Array.from({ length: 2000 }, (_, index) => [`X-H${index}`, 'v'.repeat(100)]).flat();
  detect(request(many), 4);
  detect(request(['Transfer-Encoding', `${'gzip,'.repeat(20000)}chunked`, 'Content-Length', '1,'.repeat(20000)]), 4);
  detect(request(['Host', `${'a'.repeat(50000)}:`, 'Connection', ','.repeat(50000)], { path: `http://${'a'.repeat(50000)}`, query: 'q'.repeat(50000) }), 4);
  assert.deepEqual(ids(detect(request(Array.from({ length: 500 }, () => ['Cookie', 'a=1']).flat()), 4)), []);
});
