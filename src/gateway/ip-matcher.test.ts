import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalIp, createIpMatcher, isIpAddress } from './ip-matcher.js';
import { isBulwarkError } from '../core/errors.js';

interface Vector { entries: string[]; ip: string; matches: boolean; why: string }

const vectors: Vector[] = [
  { entries: ['10.0.0.1'], ip: '10.0.0.1', matches: true, why: 'exact IPv4' },
  { entries: ['10.0.0.1'], ip: '10.0.0.2', matches: false, why: 'other IPv4' },
  { entries: ['10.0.0.1'], ip: '::ffff:10.0.0.1', matches: true, why: 'mapped IPv4 as Node reports it' },
  { entries: ['10.0.0.1'], ip: '::FFFF:10.0.0.1', matches: true, why: 'mapped IPv4, upper case' },
  { entries: ['10.0.0.1'], ip: '::ffff:a00:1', matches: true, why: 'mapped IPv4 in hex groups' },
  { entries: ['10.0.0.1'], ip: '::10.0.0.1', matches: false, why: 'IPv4-compatible is not IPv4-mapped' },
  { entries: ['10.0.0.1'], ip: '010.0.0.1', matches: false, why: 'leading zero (octal in inet_aton) is not an address' },
  { entries: ['10.0.0.1'], ip: '167772161', matches: false, why: 'integer form is not an address' },
  { entries: ['10.0.0.0/8'], ip: '10.255.1.2', matches: true, why: 'inside /8' },
  { entries: ['10.0.0.0/8'], ip: '11.0.0.0', matches: false, why: 'outside /8' },
  { entries: ['10.0.0.0/8'], ip: '::ffff:10.9.9.9', matches: true, why: 'mapped inside /8' },
  { entries: ['192.168.1.77/24'], ip: '192.168.1.1', matches: true, why: 'host bits in the entry are masked' },
  { entries: ['192.168.1.0/31'], ip: '192.168.1.1', matches: true, why: '/31 upper' },
  { entries: ['192.168.1.0/31'], ip: '192.168.1.2', matches: false, why: '/31 outside' },
  { entries: ['0.0.0.0/0'], ip: '203.0.113.9', matches: true, why: '/0 covers all IPv4' },
  { entries: ['0.0.0.0/0'], ip: '2001:db8::1', matches: false, why: 'IPv4 /0 does not cover IPv6' },
  { entries: ['255.255.255.255/32'], ip: '255.255.255.255', matches: true, why: 'top address' },
  { entries: ['128.0.0.0/1'], ip: '200.1.1.1', matches: true, why: 'sign bit range' },
  { entries: ['128.0.0.0/1'], ip: '127.255.255.255', matches: false, why: 'below sign bit range' },
  { entries: ['2001:db8::1'], ip: '2001:db8::1', matches: true, why: 'exact IPv6' },
  { entries: ['2001:db8::1'], ip: '2001:DB8:0:0:0:0:0:1', matches: true, why: 'exact IPv6, other spelling' },
  { entries: ['2001:DB8::1'], ip: '2001:db8::1', matches: true, why: 'entry upper case' },
  { entries: ['2001:db8::1'], ip: '2001:db8::2', matches: false, why: 'other IPv6' },
  { entries: ['2001:db8::1'], ip: 'fe80::1%eth0', matches: false, why: 'zoned, other address' },
  { entries: ['fe80::1'], ip: 'fe80::1%eth0', matches: true, why: 'zone id ignored at match time' },
  { entries: ['2001:db8::/32'], ip: '2001:db8:ffff::1', matches: true, why: 'inside /32' },
  { entries: ['2001:db8::/32'], ip: '2001:db9::1', matches: false, why: 'outside /32' },
  { entries: ['2001:db8:abcd::/36'], ip: '2001:db8:abcf::1', matches: true, why: 'partial group inside' },
  { entries: ['2001:db8:abcd::/36'], ip: '2001:db8:bbcd::1', matches: false, why: 'partial group outside' },
  { entries: ['::/0'], ip: '2001:db8::1', matches: true, why: '::/0 covers IPv6' },
  { entries: ['::/0'], ip: '1.2.3.4', matches: true, why: '::/0 covers ::ffff:0:0/96 hence IPv4' },
  { entries: ['2001:db8::/32'], ip: '1.2.3.4', matches: false, why: 'IPv6 range outside the mapped block' },
  { entries: ['::ffff:1.2.3.4'], ip: '1.2.3.4', matches: true, why: 'mapped entry matches IPv4 client' },
  { entries: ['::ffff:10.0.0.0/104'], ip: '10.1.2.3', matches: true, why: 'mapped CIDR is an IPv4 /8' },
  { entries: ['::ffff:10.0.0.0/104'], ip: '11.1.2.3', matches: false, why: 'mapped CIDR outside' },
  { entries: ['::ffff:0:0/96'], ip: '8.8.8.8', matches: true, why: 'the whole mapped block' },
  { entries: ['10.0.0.1', '2001:db8::/48'], ip: 'not-an-ip', matches: false, why: 'garbage never matches' },
  { entries: ['10.0.0.1'], ip: '', matches: false, why: 'empty never matches' },
  { entries: ['0.0.0.0/0', '::/0'], ip: '[::1]', matches: false, why: 'brackets are not part of an address' },
  { entries: [], ip: '10.0.0.1', matches: false, why: 'empty list' },
];

for (const vector of vectors) {
  test(`${vector.entries.join(',') || '(none)'} ${vector.matches ? 'matches' : 'does not match'} ${JSON.stringify(vector.ip)}: ${vector.why}`, () => {
    assert.equal(createIpMatcher(vector.entries, 'list').matches(vector.ip), vector.matches);
  });
}

const invalidEntries = [
  '10.0.0', '10.0.0.256', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/08', '10.0.0.0/-1', '2001:db8::/129',
  '2001:db8::1::1', 'fe80::1%eth0', 'example.com', '', '010.0.0.1', '::ffff:10.0.0.0/129', '10.0.0.0/8/8',
];
for (const entry of invalidEntries) {
  test(`invalid entry ${JSON.stringify(entry)} throws CONFIG_INVALID naming its key`, () => {
    assert.throws(() => createIpMatcher(['10.0.0.1', entry], 'deny'), (error: unknown) => {
      assert.ok(isBulwarkError(error));
      assert.equal(error.code, 'CONFIG_INVALID');
      assert.ok(error.message.startsWith('deny[1]: '));
      return true;
    });
  });
}

test('size counts the entries', () => {
  assert.equal(createIpMatcher(['10.0.0.1', '10.0.0.0/8', '::1'], 'allow').size, 3);
  assert.equal(createIpMatcher([], 'allow').size, 0);
});

test('isIpAddress', () => {
  for (const yes of ['1.2.3.4', '0.0.0.0', '::', '::1', '::ffff:1.2.3.4', '2001:db8::1', 'fe80::1%eth0']) assert.equal(isIpAddress(yes), true, yes);
  for (const no of ['1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.4/32', '[::1]', 'localhost', '', ' 1.2.3.4', '1.2.3.4:80']) assert.equal(isIpAddress(no), false, no);
});

test('canonicalIp unwraps mapped IPv4 and writes IPv6 in RFC 5952 form', () => {
  assert.equal(canonicalIp('::ffff:1.2.3.4'), '1.2.3.4');
  assert.equal(canonicalIp('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
  assert.equal(canonicalIp('::1.2.3.4'), '::102:304');
  assert.equal(canonicalIp('1.2.3.4'), '1.2.3.4');
  assert.equal(canonicalIp('nope'), undefined);
});

test('a large list stays fast', () => {
  const entries = Array.from({ length: 10_000 }, (_, i) => `10.${(i >> 8) & 0xff}.${i & 0xff}.1`);
  const matcher = createIpMatcher(entries, 'deny');
  const start = performance.now();
  for (let i = 0; i < 100_000; i++) matcher.matches('::ffff:10.0.5.1');
  assert.ok(performance.now() - start < 1000);
  assert.equal(matcher.matches('10.39.15.1'), true);
  assert.equal(matcher.matches('10.39.15.2'), false);
});
