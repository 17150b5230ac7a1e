import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SQLI_RULES, sqliDetector } from './index.js';
import { ruleIds as ids, scoredVectorSuite } from '../vector-suite.js';

const { vectors, detect } = scoredVectorSuite(sqliDetector, new URL('./sqli.vectors.json', import.meta.url), {
  minAttacks: 120, minBenign: 150,
  field: { kind: 'body', source: 'json', location: 'body.$.comment', name: 'comment', isName: false, value: '' },
});

test('every rule is exercised by at least one attack vector', () => {
  const matched = new Set(vectors.attacks.flatMap((vector) => vector.rules ?? []));
  for (const rule of sqliDetector.rules) assert.ok(matched.has(rule.id), rule.id);
});

test('rule ids are unique, belong to the sqli class, and paranoia-1 rules block alone', () => {
  const seen = new Set(sqliDetector.rules.map((rule) => rule.id));
  assert.equal(seen.size, sqliDetector.rules.length);
  for (const rule of sqliDetector.rules) {
    assert.match(rule.id, /^sqli\.[a-z-]+$/);
    assert.equal(rule.attackClass, 'sqli');
    if (rule.paranoia === 1) assert.equal(rule.severity, 'critical', rule.id);
  }
});

test('the fragment starts where the evidence does, and each rule is reported once', () => {
  const union = detect('abc\' union select 1,2 union select 3,4--');
  assert.deepEqual(ids(union), ['sqli.union-select']);
  assert.equal(union[0]?.fragment, "' union select 1,2 union select 3,4--");
  const inside = detect('x union select 1,2 union select 3,4');
  assert.equal(inside[0]?.fragment, 'union select 1,2 union select 3,4');
  const breakout = detect("admin' or 1=1--");
  assert.equal(breakout[0]?.fragment, "' or 1=1--");
  const long = detect(`1 union select ${'a,'.repeat(200)}b from t`);
  assert.equal(long[0]?.fragment.length, 120);
});

test('UN/**/ION is not SQL (a comment splits a keyword in every dialect), so it is no UNION', () => {
  assert.deepEqual(ids(detect('1 UN/**/ION SEL/**/ECT 1,2')), []);
  assert.deepEqual(ids(detect('1 UNION/**/SELECT 1,2')), ['sqli.union-select']);
});

test('a whole statement in documentation is no injection at paranoia 1 and 2, and is reported from paranoia 3', () => {
  for (const text of ['SELECT * FROM users', 'Example: SELECT name FROM users WHERE id = 1']) {
    assert.deepEqual(ids(detect(text)), [], text);
    assert.deepEqual(ids(detect(text, {}, 2)), [], text);
    assert.deepEqual(ids(detect(text, {}, 3)), ['sqli.statement-text'], text);
  }
  // Stacked after `;`, the same words are an attack at any level.
  assert.deepEqual(ids(detect('x; DROP TABLE users')), ['sqli.stacked-query']);
});

test('names and header values are read like any other value', () => {
  const name = { kind: 'query', source: 'query', location: "query.id' or 1=1--#name", name: "id' or 1=1--", isName: true } as const;
  assert.deepEqual(ids(detect("id' or 1=1--", name)), ['sqli.tautology']);
  const header = { kind: 'header', source: 'header', location: 'header.user-agent', name: 'user-agent', isName: false } as const;
  assert.deepEqual(ids(detect("Mozilla/5.0' and sleep(5)#", header)), ['sqli.time-based']);
});

test('no state leaks from one call to the next', () => {
  // The grammar looks ahead past the last token: a longer previous value's tokens must not be read.
  assert.deepEqual(ids(detect('https://app.example.org/account/settings#profile')), []);
  assert.deepEqual(ids(detect("' OR '1'='1")), ['sqli.tautology']);
  assert.deepEqual(ids(detect("' union select 1,2--")), ['sqli.union-select']);
  assert.deepEqual(ids(detect("it's fine")), []);
  assert.deepEqual(ids(detect("1' and sleep(5)#")), ['sqli.time-based']);
  assert.deepEqual(ids(detect('hello')), []);
});

test('rules above the paranoia are neither reported nor cost a breakout reading', () => {
  assert.deepEqual(ids(detect('@@version', {}, 1)), []);
  assert.deepEqual(ids(detect('@@version', {}, 3)), [SQLI_RULES.systemObjectMention.id]);
});

test('adversarial inputs complete (single pass, bounded look-ahead, no recursion on input length)', () => {
  const values = [
    "' or ".repeat(20000),
    "' or 1=1 or ".repeat(10000),
    "' or 1=1 or '".repeat(10000),
    '('.repeat(50000),
    `${'('.repeat(25000)}${')'.repeat(25000)}`,
    '(select '.repeat(10000),
    'union select '.repeat(10000),
    "'".repeat(50000),
    '"\''.repeat(25000),
    '/*!'.repeat(20000),
    '/*'.repeat(25000),
    'case '.repeat(20000),
    'having 1=1 '.repeat(10000),
    "' having 1=1 ".repeat(10000),
    '--\n'.repeat(20000),
    '1 or 1=1 and '.repeat(10000),
    'sleep('.repeat(20000),
    ';drop table x'.repeat(5000),
    `1 or ${'-'.repeat(50000)}1`,
    `${'a.'.repeat(25000)}b`,
    `1${' '.repeat(50000)}or 1=1`,
    '1 in ('.repeat(20000),
    "' or 1 between ".repeat(10000),
    'a'.repeat(100000),
  ];
  for (const value of values) for (const paranoia of [1, 4] as const) detect(value, {}, paranoia);
  assert.deepEqual(ids(detect("' or 1=1 or '".repeat(10000))), ['sqli.tautology']);
  assert.deepEqual(ids(detect("' or 1=1 or ' x")), ['sqli.tautology']);
  assert.deepEqual(ids(detect('union select '.repeat(10000))), []);
  assert.deepEqual(ids(detect(`1${' '.repeat(50000)}or 1=1`)), ['sqli.tautology']);
});
