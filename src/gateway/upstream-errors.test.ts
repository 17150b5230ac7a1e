import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyUpstreamError } from './upstream-errors.js';

const withCode = (code: string, cause?: unknown) => Object.assign(new Error('x'), { code, ...(cause === undefined ? {} : { cause }) });

test('timeouts are 504, everything else 502', () => {
  assert.deepEqual([classifyUpstreamError(withCode('UND_ERR_CONNECT_TIMEOUT')).status, classifyUpstreamError(withCode('UND_ERR_HEADERS_TIMEOUT')).status], [504, 504]);
  assert.equal(classifyUpstreamError(withCode('ECONNREFUSED')).ruleId, 'gateway.upstream-unavailable');
  assert.equal(classifyUpstreamError(withCode('ECONNRESET')).ruleId, 'gateway.upstream-reset');
  assert.equal(classifyUpstreamError(withCode('UND_ERR_SOCKET')).ruleId, 'gateway.upstream-reset');
  assert.equal(classifyUpstreamError(withCode('DEPTH_ZERO_SELF_SIGNED_CERT')).ruleId, 'gateway.upstream-tls');
  assert.equal(classifyUpstreamError(withCode('ERR_TLS_CERT_ALTNAME_INVALID')).kind, 'tls');
  assert.equal(classifyUpstreamError(Object.assign(new Error('bad'), { name: 'HTTPParserError' })).ruleId, 'gateway.upstream-invalid-response');
  assert.equal(classifyUpstreamError(new Error('?')).ruleId, 'gateway.upstream-error');
  assert.equal(classifyUpstreamError('not an error').status, 502);
});

test('a socket error is classified by its cause', () => {
  assert.equal(classifyUpstreamError(withCode('UND_ERR_SOCKET', withCode('ECONNREFUSED'))).ruleId, 'gateway.upstream-unavailable');
});

test('details never name the upstream', () => {
  for (const code of ['ECONNREFUSED', 'UND_ERR_HEADERS_TIMEOUT', 'CERT_HAS_EXPIRED', 'HPE_INVALID_CONSTANT']) {
    assert.doesNotMatch(classifyUpstreamError(withCode(code)).detail, /\d+\.\d+|localhost|ECONN/);
  }
});
