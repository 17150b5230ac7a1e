import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIpv4Host } from './ipv4.js';

const LOOPBACK = 0x7f000001;

test('reads every inet_aton / WHATWG spelling of an address', () => {
  const cases: [string, number, string, number][] = [
    ['127.0.0.1', LOOPBACK, 'canonical', 4],
    ['2130706433', LOOPBACK, 'decimal', 1],
    ['127.1', LOOPBACK, 'decimal', 2],
    ['127.0.1', LOOPBACK, 'decimal', 3],
    ['127.0.0.1.', LOOPBACK, 'decimal', 4],
    ['0177.0.0.1', LOOPBACK, 'octal', 4],
    ['017700000001', LOOPBACK, 'octal', 1],
    ['0x7f000001', LOOPBACK, 'hex', 1],
    ['0X7F.0.0.1', LOOPBACK, 'hex', 4],
    ['0x7f.1', LOOPBACK, 'hex', 2],
    ['0x', 0, 'hex', 1],
    ['0', 0, 'decimal', 1],
  ];
  for (const [text, address, spelling, parts] of cases) {
    const parsed = parseIpv4Host(text);
    assert.ok(parsed, text);
    assert.deepEqual([parsed.address, parsed.spelling, parsed.parts], [address, spelling, parts], text);
  }
});

test('keeps the decimal reading of leading-zero parts (CVE-2021-29921 parsers)', () => {
  const parsed = parseIpv4Host('0127.0.0.1');
  assert.equal(parsed?.address, 0x57000001, 'octal 0127 is 87');
  assert.equal(parsed?.decimalReading, LOOPBACK);
  assert.equal(parseIpv4Host('127.0.0.1')?.decimalReading, undefined);
  assert.equal(parseIpv4Host('0177.0.0.1')?.decimalReading, 0xb1000001, '177.0.0.1');
});

test('refuses what is not an address: names, out-of-range parts, bad digits, too many parts', () => {
  for (const text of ['', 'example.com', '1.2.3.4.5', '256.0.0.1', '1.2.65536', '4294967296', '08.0.0.1', '0x7g.0.0.1', '1e3', '..', '1..2', '99999999999999999999', 'a'.repeat(100)]) {
    assert.equal(parseIpv4Host(text), undefined, text);
  }
});

test('the last part fills the remaining bytes, up to their range', () => {
  assert.equal(parseIpv4Host('1.16777215')?.address, 0x01ffffff);
  assert.equal(parseIpv4Host('1.16777216'), undefined);
  assert.equal(parseIpv4Host('4294967295')?.address, 0xffffffff);
});
