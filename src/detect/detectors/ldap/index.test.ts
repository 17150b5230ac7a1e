import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ldapDetector } from './index.js';
import { ruleIds, vectorSuite } from '../vector-suite.js';

const { detect, fieldOf, vectors } = vectorSuite(ldapDetector, new URL('./ldap.vectors.json', import.meta.url), {
  minAttacks: 20, minBenign: 30, fallback: { kind: 'query', source: 'query', name: 'user' },
});

test('the fragment shows the breakout with some context', () => {
  assert.deepEqual(detect('jdoe*)(uid=*))(|(uid=*', fieldOf(), 1).map((detection) => [detection.rule.id, detection.fragment]), [
    ['ldap.filter-injection', 'jdoe*)(uid=*))(|(uid=*'],
    ['ldap.wildcard-breakout', 'jdoe*)(uid=*))(|(uid=*'],
  ]);
});

test('adversarial inputs complete', () => {
  const inputs = ['${'.repeat(50_000), '\r\n'.repeat(50_000), '('.repeat(50_000), '0x'.repeat(50_000), ')('.repeat(50_000), '*))'.repeat(30_000),
    ',a='.repeat(40_000), `)(${'a'.repeat(100_000)}`, ')(&'.repeat(30_000), '(|'.repeat(50_000), `)(a:${'b:'.repeat(50_000)}`, `(${')'.repeat(100_000)}`,
    ')(!(&(1'.repeat(20_000), `(|(${'1'.repeat(100_000)}=0)`];
  for (const input of inputs) {
    assert.ok(Array.isArray(detect(input, fieldOf(), 4)));
    assert.ok(Array.isArray(detect(input, fieldOf({ name: 'filter' }), 4)));
  }
});

test('triggers: a parenthesis or `=` is in every attack vector; text with neither is never inspected', () => {
  for (const vector of vectors.attacks) assert.ok(/[()=]/.test(vector.text), vector.text);
  assert.deepEqual(ruleIds(detect('*|&!,ou,dc', fieldOf(), 4)), []);
});

test('rules: unique ids under ldap., attack class ldapi', () => {
  const ids = ldapDetector.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of ldapDetector.rules) {
    assert.match(rule.id, /^ldap\.[a-z]+(-[a-z]+)*$/);
    assert.equal(rule.attackClass, 'ldapi');
  }
});
