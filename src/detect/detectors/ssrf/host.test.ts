import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ORDINARY_HOST, classifyHost } from './host.js';

const summary = (host: string): string => {
  const reading = classifyHost(host);
  return `${reading.addressClass}${reading.isObfuscated ? '+obfuscated' : ''}${reading.service === 'none' ? '' : `+${reading.service}`}`;
};

test('names that resolve to the local host or a metadata service', () => {
  for (const host of ['localhost', 'LOCALHOST', 'localhost.', 'api.localhost', 'localhost.localdomain', 'ip6-localhost', 'localtest.me', 'a.b.localtest.me', 'lvh.me', 'spoofed.burpcollaborator.net']) {
    assert.equal(summary(host), 'loopback', host);
  }
  for (const host of ['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal', 'metadata.tencentyun.com']) {
    assert.equal(summary(host), 'metadata', host);
  }
  assert.equal(summary('notlocalhost'), 'public');
  assert.equal(summary('localhost.example.com'), 'public');
  assert.equal(summary('other.google.internal'), 'private', 'an internal name all the same');
});

test('names under top-level labels that only internal resolvers answer are private', () => {
  for (const host of ['kubernetes.default.svc', 'redis.cache.svc.cluster.local', 'printer.local', 'ip-10-0-0-1.ec2.internal', 'x.c.project.internal', 'nas.lan', 'wiki.corp', 'router.home.arpa', 'box.localdomain']) {
    assert.equal(summary(host), 'private', host);
  }
  for (const host of ['svc.example.com', 'local.example.com', 'example.home.example', 'internal', 'lan', 'example.arpa']) assert.equal(summary(host), 'public', host);
});

test('readings are cached and stay the same object', () => {
  assert.equal(classifyHost('kubernetes.default.svc'), classifyHost('kubernetes.default.svc'));
});

test('wildcard DNS carries its address in three forms', () => {
  assert.equal(summary('127.0.0.1.nip.io'), 'loopback+wildcard-dns');
  assert.equal(summary('app.10.0.0.1.nip.io'), 'private+wildcard-dns');
  assert.equal(summary('app-192-168-1-1.sslip.io'), 'private+wildcard-dns');
  assert.equal(summary('magic-a9fea9fe.nip.io'), 'metadata+wildcard-dns');
  assert.equal(summary('8.8.8.8.nip.io'), 'public+wildcard-dns');
  assert.equal(summary('nip.io'), 'public+wildcard-dns');
});

test('rebinding and out-of-band services', () => {
  assert.equal(summary('7f000001.c0a80001.rbndr.us'), 'public+rebinding');
  assert.equal(summary('x.oastify.com'), 'public+oast');
  assert.equal(summary('abc.burpcollaborator.net'), 'public+oast');
});

test('IP literals: class, spelling, IPv4 inside IPv6', () => {
  assert.equal(summary('127.0.0.1'), 'loopback');
  assert.equal(summary('0x7f.1'), 'loopback+obfuscated');
  assert.equal(summary('0.0.0.0'), 'loopback');
  assert.equal(summary('0.0.0.1'), 'public', 'only 0.0.0.0 itself reaches the local host');
  assert.equal(summary('[::1]'), 'loopback');
  assert.equal(summary('[::ffff:10.0.0.1]'), 'private+obfuscated');
  assert.equal(summary('[fd00:ec2::254]'), 'metadata');
  assert.equal(summary('[2001:db8::1]'), 'public');
  assert.equal(summary('172.15.0.1'), 'public');
  assert.equal(summary('172.32.0.1'), 'public');
  assert.equal(summary('100.63.255.255'), 'public');
  assert.equal(summary('100.128.0.1'), 'public');
  assert.equal(summary('8.8.8.8'), 'public');
  assert.equal(summary('127\u30020\u30020\u30021'), 'loopback', 'IDNA full stops');
});

test('ordinary names, and hosts too long to be names, are the shared ordinary reading', () => {
  assert.equal(classifyHost('www.example.com'), ORDINARY_HOST);
  assert.equal(classifyHost(''), ORDINARY_HOST);
  assert.equal(classifyHost(`${'a.'.repeat(200)}localhost`), ORDINARY_HOST);
});
