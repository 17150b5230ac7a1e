import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIpv6 } from './ipv6.js';

test('reads the RFC 4291 text forms', () => {
  assert.deepEqual(parseIpv6('::1'), [0, 0, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(parseIpv6('::'), [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(parseIpv6('0:0:0:0:0:0:0:1'), [0, 0, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(parseIpv6('fd00:ec2::254'), [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254]);
  assert.deepEqual(parseIpv6('::ffff:127.0.0.1'), [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
  assert.deepEqual(parseIpv6('0:0:0:0:0:ffff:127.0.0.1'), [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
  assert.deepEqual(parseIpv6('::127.0.0.1'), [0, 0, 0, 0, 0, 0, 0x7f00, 1], 'compatible form keeps its meaning');
  assert.deepEqual(parseIpv6('fe80::1%eth0'), [0xfe80, 0, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(parseIpv6('FE80::1%25eth0'), [0xfe80, 0, 0, 0, 0, 0, 0, 1]);
});

test('refuses malformed literals', () => {
  for (const text of ['', ':', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::1', 'g::1', '1:2:3:4:5:6:7', '::ffff:1.2.3', '::1.2.3.4:1', ':::', 'x'.repeat(100)]) {
    assert.equal(parseIpv6(text), undefined, text);
  }
});
