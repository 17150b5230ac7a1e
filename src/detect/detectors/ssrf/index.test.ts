import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputField } from '../../field.js';
import { ssrfDetector } from './index.js';
import { ruleIds, vectorSuite } from '../vector-suite.js';

const { detect, fieldOf, vectors } = vectorSuite(ssrfDetector, new URL('./ssrf.vectors.json', import.meta.url), {
  minAttacks: 70, minBenign: 80, fallback: { kind: 'query', source: 'query', name: 'q' },
});

test('every IPv4 spelling of the loopback address is read as loopback and as obfuscated', () => {
  const spellings = ['2130706433', '0177.0.0.1', '017700000001', '0x7f000001', '0x7f.0.0.1', '127.1', '127.0.1', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[0:0:0:0:0:ffff:127.0.0.1]'];
  for (const spelling of spellings) {
    assert.deepEqual(ruleIds(detect(`http://${spelling}/`, fieldOf(), 1)), ['ssrf.loopback-url', 'ssrf.obfuscated-ip'], spelling);
  }
});

test('rules are reported once per string, with the URL as fragment, and none above the paranoia asked', () => {
  const found = detect('http://127.0.0.1/ and http://localhost/ and http://[::1]/', fieldOf({ kind: 'body', source: 'json', name: 'url' }), 1);
  assert.deepEqual(found.map((detection) => [detection.rule.id, detection.fragment]), [['ssrf.loopback-url', 'http://127.0.0.1/']]);
  assert.deepEqual(ruleIds(detect('server 10.0.0.5 restarted', fieldOf({ name: 'message' }), 1)), []);
  assert.deepEqual(ruleIds(detect('server 10.0.0.5 restarted', fieldOf({ name: 'message' }), 2)), ['ssrf.internal-address']);
});

test('addressing headers are skipped entirely; Origin and Referer only for attacker-only targets', () => {
  const header = (name: string): InputField => fieldOf({ kind: 'header', source: 'header', name });
  assert.deepEqual(ruleIds(detect('127.0.0.1', header('x-forwarded-for'), 4)), []);
  assert.deepEqual(ruleIds(detect('http://localhost:3000', header('origin'), 4)), []);
  assert.deepEqual(ruleIds(detect('http://0x7f000001/', header('referer'), 1)), ['ssrf.obfuscated-ip']);
  assert.deepEqual(ruleIds(detect('http://localhost:3000', header('x-target'), 1)), ['ssrf.loopback-url']);
});

test('triggers: a letter, a digit or a colon is in every target (`localhost`, `2130706433` and `[::]` have one kind only)', () => {
  for (const vector of vectors.attacks) assert.ok(/[a-z0-9:]/i.test(vector.text), vector.text);
  assert.deepEqual(ruleIds(detect('[::]', fieldOf({ name: 'host' }), 1)), ['ssrf.loopback-url']);
  assert.deepEqual(ruleIds(detect('//[::]/', fieldOf({ name: 'url' }), 1)), ['ssrf.loopback-url']);
  assert.deepEqual(ruleIds(detect('localhost', fieldOf({ name: 'host' }), 1)), ['ssrf.loopback-url']);
  assert.deepEqual(ruleIds(detect('2130706433', fieldOf({ name: 'host' }), 1)), ['ssrf.loopback-url', 'ssrf.obfuscated-ip']);
});

test('a URL in a JSON key counts like one in a value', () => {
  assert.deepEqual(ruleIds(detect('http://169.254.169.254/latest', fieldOf({ kind: 'body', source: 'json', name: 'http://169.254.169.254/latest', isName: true }), 1)), ['ssrf.cloud-metadata']);
});

test('adversarial inputs complete (linear scanners, bounded URL count)', () => {
  const inputs = ['${'.repeat(50_000), '\r\n'.repeat(50_000), '('.repeat(50_000), '0x'.repeat(50_000), 'http://'.repeat(20_000), 'a://'.repeat(25_000),
    `http://${'0x7f.'.repeat(20_000)}/`, `http://${'['.repeat(50_000)}`, '1.'.repeat(50_000), `http://${'@'.repeat(50_000)}127.0.0.1/`, `${'.'.repeat(50_000)}x`,
    '\\'.repeat(50_000), `\\\\${'a'.repeat(100_000)}\\x.php`, `//${'a.'.repeat(50_000)}com/x.php`, `http://x/${'#.php'.repeat(20_000)}`, `http://x/a${'?'.repeat(100_000)}`,
    `${'7'.repeat(100_000)}:80`, `${'a'.repeat(100_000)}.b`, `localhost${'x'.repeat(100_000)}`, 'dict:'.repeat(20_000)];
  for (const input of inputs) {
    for (const name of ['q', 'url', 'page']) assert.ok(Array.isArray(detect(input, fieldOf({ name }), 4)));
    for (const name of ['x-api-version', 'referer']) assert.ok(Array.isArray(detect(input, fieldOf({ name, kind: 'header', source: 'header' }), 4)));
    assert.ok(Array.isArray(detect(input, fieldOf({ name: '', kind: 'path', source: 'path' }), 4)));
  }
  assert.deepEqual(ruleIds(detect(`${'x://a '.repeat(40)}http://127.0.0.1/`, fieldOf(), 1)), [], 'only the first MAX_URLS URLs are read');
});

test('rules: unique ids under ssrf. and rfi., with matching attack classes', () => {
  const ids = ssrfDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of ssrfDetector.rules) {
    assert.match(rule.id, /^(ssrf|rfi)\.[a-z]+(-[a-z]+)*$/);
    assert.equal(rule.attackClass, rule.id.split('.')[0]);
  }
  assert.equal(ssrfDetector.name, 'ssrf');
});
