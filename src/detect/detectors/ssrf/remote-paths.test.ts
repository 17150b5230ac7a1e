import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRemotePath } from './remote-paths.js';

const read = (text: string): [string, boolean] | undefined => {
  const remote = readRemotePath(text);
  return remote === undefined ? undefined : [remote.host, remote.isUnc];
};

test('protocol-relative references need a network host: dotted with a top-level label, or an IP literal', () => {
  assert.deepEqual(read('//evil.example/shell.php'), ['evil.example', false]);
  assert.deepEqual(read('  //203.0.113.66:8080/x'), ['203.0.113.66', false]);
  assert.deepEqual(read('//user@evil.example/x'), ['evil.example', false]);
  assert.deepEqual(read('//[::1]/x'), ['[::1]', false]);
  assert.deepEqual(read('//2130706433/'), ['2130706433', false]);
  assert.deepEqual(read('//0x7f000001'), ['0x7f000001', false]);
  for (const text of ['//var/www', '//2024/05/post', '//v1.2/notes', '//**bold**', '//', '///etc/passwd', '//a..b/x', '//x./y']) assert.equal(read(text), undefined, text);
});

test('UNC paths: two backslashes (any host) or one left by an unescaping layer (network host only)', () => {
  assert.deepEqual(read('\\\\203.0.113.66\\share\\shell.php'), ['203.0.113.66', true]);
  assert.deepEqual(read('\\\\fileserver\\share'), ['fileserver', true]);
  assert.deepEqual(read('\\/evil.example/x'), ['evil.example', true]);
  assert.deepEqual(read('\\203.0.113.66\\share\\shell.php'), ['203.0.113.66', true]);
  for (const text of ['\\templates\\header.php', '\\\\n', '\\\\fileserver', 'C:\\x\\y', '\\evil.example']) assert.equal(read(text), undefined, text);
});

test('bounded: a host longer than a DNS name is none', () => {
  assert.equal(read(`//${'a'.repeat(100_000)}.com/x`), undefined);
  assert.equal(read(`\\\\${'\\'.repeat(100_000)}`), undefined);
});
