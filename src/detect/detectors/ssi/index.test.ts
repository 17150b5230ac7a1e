import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SSI_RULES, ssiDetector } from './index.js';
import { profileOf } from '../../text-profile.js';
import { ruleIds as ids, scoredVectorSuite } from '../vector-suite.js';

const { vectors, detect } = scoredVectorSuite(ssiDetector, new URL('./ssi.vectors.json', import.meta.url), {
  minAttacks: 12, minBenign: 15,
  field: { kind: 'body', source: 'form', location: 'body.form.comment', name: 'comment', isName: false, value: '' },
});

test('every rule is exercised by an attack vector; ids are unique and in the ssi class', () => {
  const matched = new Set(vectors.attacks.flatMap((vector) => vector.rules ?? []));
  const seen = new Set(ssiDetector.rules.map((rule) => rule.id));
  assert.equal(seen.size, ssiDetector.rules.length);
  for (const rule of ssiDetector.rules) {
    assert.ok(matched.has(rule.id), rule.id);
    assert.match(rule.id, /^ssi\.[a-z-]+$/);
    assert.equal(rule.attackClass, 'ssi');
  }
  assert.deepEqual(Object.values(SSI_RULES), [...ssiDetector.rules]);
});

test('a directive name must end where Apache and nginx end it', () => {
  assert.deepEqual(ids(detect('<!--#exec-->')), ['ssi.exec']);
  assert.deepEqual(ids(detect('<!--#execute cmd="id"-->')), []);
  assert.deepEqual(ids(detect('<!--#execute cmd="id"-->', {}, 3)), ['ssi.unknown-directive']);
});

test('the trigger gate lets through only text with `<` or `$`', () => {
  const gate = (text: string): boolean => (profileOf(text) & ssiDetector.triggers) !== 0;
  for (const text of ["O'Neil", 'https://example.com/a?b=c#d', 'a (b) {c} [d] # e', 'jane@example.com']) assert.equal(gate(text), false, text);
  for (const text of ['<!--#exec cmd="id"-->', '<esi:include src="x"/>', '$(HTTP_COOKIE)']) assert.equal(gate(text), true, text);
});

test('fragments start at the directive', () => {
  const [match] = detect('hello <!--#include virtual="/etc/passwd"--> bye');
  assert.equal(match?.fragment.startsWith('<!--#include'), true);
});

test('adversarial near-matches complete', () => {
  const values = [
    '<!--#'.repeat(30_000), '<!-- # '.repeat(20_000), '<esi:'.repeat(30_000), '<!--'.repeat(30_000), '$('.repeat(50_000),
    '<'.repeat(100_000), `<!--#${'a'.repeat(100_000)}`,
  ];
  for (const value of values) {
    for (const paranoia of [1, 4] as const) detect(value, {}, paranoia);
  }
  assert.deepEqual(ids(detect(`${'<!--'.repeat(30_000)}#exec cmd="id"-->`)), ['ssi.exec']);
});
