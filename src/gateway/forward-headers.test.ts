import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptableRequestId, clientResponseHeaders, upstreamRequestHeaders } from './forward-headers.js';

const info = { requestId: 'rid', remoteAddress: '10.0.0.2', protocol: 'https' as const, isPeerTrusted: false, host: 'api.test' };

test('untrusted peer: forwarding headers replaced, hop-by-hop and Connection-listed headers dropped', () => {
  const out = upstreamRequestHeaders({
    host: 'api.test', connection: 'close, x-hop', 'x-hop': '1', te: 'trailers', expect: '100-continue', 'x-forwarded-for': '1.1.1.1',
    'x-forwarded-proto': 'http', 'x-request-id': 'spoof', accept: 'application/json', 'set-cookie': ['a', 'b'],
  }, info, 'upstream:8080');
  assert.deepEqual(out, {
    accept: 'application/json', 'set-cookie': ['a', 'b'], host: 'upstream:8080', 'x-request-id': 'rid',
    'x-forwarded-for': '10.0.0.2', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'api.test',
  });
});

test('trusted peer: the X-Forwarded-For chain is extended and its proto / host kept', () => {
  const out = upstreamRequestHeaders({ host: 'internal', 'x-forwarded-for': '198.51.100.1, 10.0.0.9', 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'shop.test' },
    { ...info, isPeerTrusted: true, protocol: 'http' }, 'up');
  assert.equal(out['x-forwarded-for'], '198.51.100.1, 10.0.0.9, 10.0.0.2');
  assert.equal(out['x-forwarded-proto'], 'https');
  assert.equal(out['x-forwarded-host'], 'shop.test');
});

test('response headers lose hop-by-hop ones', () => {
  assert.deepEqual(clientResponseHeaders({ connection: 'keep-alive', 'keep-alive': 'timeout=5', 'transfer-encoding': 'chunked', 'content-type': 'text/plain' }), { 'content-type': 'text/plain' });
  assert.deepEqual(clientResponseHeaders({ connection: 'x-internal', 'x-internal': 'secret', a: '1' }), { a: '1' });
});

test('request ids are kept only when well-formed', () => {
  assert.equal(acceptableRequestId('lb-1234.abc:9'), 'lb-1234.abc:9');
  assert.equal(acceptableRequestId('has space'), undefined);
  assert.equal(acceptableRequestId('x'.repeat(129)), undefined);
  assert.equal(acceptableRequestId(['a', 'b']), undefined);
  assert.equal(acceptableRequestId('line\r\nbreak'), undefined);
});
