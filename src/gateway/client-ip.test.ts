import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientIpFrom } from './client-ip.js';
import { createIpMatcher } from './ip-matcher.js';

const trusted = createIpMatcher(['10.0.0.0/8', '2001:db8:ffff::/48'], 'server.trustedProxies');
const isTrusted = (ip: string): boolean => trusted.matches(ip);

interface Vector { peer: string; xff?: string | string[]; client: string; why: string }

const vectors: Vector[] = [
  { peer: '203.0.113.5', client: '203.0.113.5', why: 'no proxy, no header' },
  { peer: '203.0.113.5', xff: '198.51.100.1', client: '203.0.113.5', why: 'untrusted peer: X-Forwarded-For is spoofable, ignored' },
  { peer: '::ffff:203.0.113.5', xff: '198.51.100.1', client: '203.0.113.5', why: 'untrusted mapped peer is unwrapped' },
  { peer: '10.0.0.2', client: '10.0.0.2', why: 'trusted peer without header is the client' },
  { peer: '10.0.0.2', xff: '', client: '10.0.0.2', why: 'empty header' },
  { peer: '10.0.0.2', xff: '198.51.100.1', client: '198.51.100.1', why: 'one trusted proxy' },
  { peer: '::ffff:10.0.0.2', xff: '198.51.100.1', client: '198.51.100.1', why: 'trusted mapped peer' },
  { peer: '10.0.0.2', xff: '6.6.6.6, 198.51.100.1', client: '198.51.100.1', why: 'client-written entry left of the real one is ignored' },
  { peer: '10.0.0.2', xff: '6.6.6.6, 198.51.100.1, 10.0.0.3', client: '198.51.100.1', why: 'trusted hops skipped from the right' },
  { peer: '10.0.0.2', xff: '10.0.0.5,10.0.0.4, 10.0.0.3', client: '10.0.0.5', why: 'all trusted: leftmost' },
  { peer: '10.0.0.2', xff: ['6.6.6.6, 198.51.100.1', '10.0.0.3'], client: '198.51.100.1', why: 'several headers joined in order' },
  { peer: '10.0.0.2', xff: ['198.51.100.1', '10.0.0.3, 10.0.0.4'], client: '198.51.100.1', why: 'several headers, trusted on the right' },
  { peer: '10.0.0.2', xff: '198.51.100.1:5678', client: '198.51.100.1', why: 'IPv4 with port' },
  { peer: '10.0.0.2', xff: '[2001:db8::1]:443', client: '2001:db8::1', why: 'bracketed IPv6 with port' },
  { peer: '10.0.0.2', xff: '[2001:db8::1]', client: '2001:db8::1', why: 'bracketed IPv6' },
  { peer: '10.0.0.2', xff: '2001:DB8:0::1', client: '2001:db8::1', why: 'bare IPv6, canonicalised' },
  { peer: '10.0.0.2', xff: '::ffff:198.51.100.1', client: '198.51.100.1', why: 'mapped entry unwrapped' },
  { peer: '2001:db8:ffff::9', xff: '198.51.100.1', client: '198.51.100.1', why: 'trusted IPv6 peer' },
  { peer: '10.0.0.2', xff: '198.51.100.1, [2001:db8:ffff::7]:80', client: '198.51.100.1', why: 'trusted bracketed hop skipped' },
  { peer: '10.0.0.2', xff: 'unknown', client: '10.0.0.2', why: 'garbage: last trusted hop (the peer)' },
  { peer: '10.0.0.2', xff: '198.51.100.1, garbage, 10.0.0.3', client: '10.0.0.3', why: 'garbage stops the walk at the last trusted hop' },
  { peer: '10.0.0.2', xff: '198.51.100.1,, 10.0.0.3', client: '10.0.0.3', why: 'empty element stops the walk' },
  { peer: '10.0.0.2', xff: '198.51.100.1, ', client: '10.0.0.2', why: 'trailing empty element' },
  { peer: '10.0.0.2', xff: '1.2.3.4:99999x', client: '10.0.0.2', why: 'bad port' },
  { peer: '10.0.0.2', xff: '1.2.3.4:', client: '10.0.0.2', why: 'empty port' },
  { peer: '10.0.0.2', xff: '[2001:db8::1', client: '10.0.0.2', why: 'unclosed bracket' },
  { peer: '10.0.0.2', xff: '[2001:db8::1]x', client: '10.0.0.2', why: 'junk after bracket' },
  { peer: '10.0.0.2', xff: '[1.2.3.4:80]', client: '10.0.0.2', why: 'port inside brackets' },
  { peer: '10.0.0.2', xff: '001.2.3.4', client: '10.0.0.2', why: 'leading zeros are ambiguous, garbage' },
  { peer: '10.0.0.2', xff: '198.51.100.1 , 10.0.0.3 ', client: '198.51.100.1', why: 'spaces around entries' },
  { peer: '', xff: '198.51.100.1', client: '', why: 'unknown peer is never trusted' },
];

for (const vector of vectors) {
  test(`client ip: ${vector.why}`, () => {
    assert.equal(clientIpFrom(vector.peer, vector.xff, isTrusted), vector.client);
  });
}

test('X-Forwarded-For is never read when the peer is not trusted', () => {
  let calls = 0;
  const result = clientIpFrom('203.0.113.5', '10.0.0.1', (ip) => {
    calls++;
    return ip.startsWith('10.');
  });
  assert.equal(result, '203.0.113.5');
  assert.equal(calls, 1);
});

test('a long header is walked in linear time', () => {
  const header = Array.from({ length: 2000 }, () => '10.0.0.9').join(', ');
  const start = performance.now();
  assert.equal(clientIpFrom('10.0.0.2', `198.51.100.1, ${header}`, isTrusted), '198.51.100.1');
  assert.ok(performance.now() - start < 500);
});
