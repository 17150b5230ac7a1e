import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xxeDetector } from './index.js';
import { ruleIds as ids, scoredVectorSuite } from '../vector-suite.js';

const { detect } = scoredVectorSuite(xxeDetector, new URL('./xxe.vectors.json', import.meta.url), {
  minAttacks: 20, minBenign: 20,
  field: { kind: 'body', source: 'json', location: 'body.$.data', name: 'data', isName: false, value: '' },
});

test('quadratic blowup: one oversized entity, or a small one referenced over and over', () => {
  const large = `<!DOCTYPE k [<!ENTITY a "${'x'.repeat(5000)}">]><k>${'&a;'.repeat(10)}</k>`;
  assert.deepEqual(ids(detect(large)), ['xxe.entity-expansion', 'xxe.internal-entity']);
  const many = `<!DOCTYPE k [<!ENTITY a "xxxxxxxx">]><k>${'&a;'.repeat(64)}</k>`;
  assert.deepEqual(ids(detect(many)), ['xxe.entity-expansion', 'xxe.internal-entity']);
  const few = `<!DOCTYPE k [<!ENTITY a "xxxxxxxx">]><k>${'&a;'.repeat(3)}</k>`;
  assert.deepEqual(ids(detect(few)), ['xxe.internal-entity']);
});

test('character references and predefined entities inside a literal are not nesting', () => {
  assert.deepEqual(ids(detect('<!DOCTYPE k [<!ENTITY a "Tom &amp; Jerry &#169;">]><k>&a;</k>')), ['xxe.internal-entity']);
});

test('the fragment is the declaration that matched', () => {
  const [first] = detect('<foo/><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>');
  assert.equal(first?.fragment, '<!ENTITY xxe SYSTEM "file:///etc/passwd">');
});

test('each rule is reported once per call, and not again when another detector already pushed it', () => {
  const twice = '<!DOCTYPE a [<!ENTITY b SYSTEM "file:///a"><!ENTITY c SYSTEM "file:///b">]>';
  assert.deepEqual(ids(detect(twice)), ['xxe.external-entity']);
});

test('rules above the paranoia level stay silent', () => {
  assert.deepEqual(ids(detect('<!DOCTYPE foo><foo/>', {}, 1)), []);
  assert.deepEqual(ids(detect('<!DOCTYPE foo><foo/>', {}, 4)), ['xxe.doctype']);
  assert.deepEqual(ids(detect('<!DOCTYPE html><p>x</p>', {}, 4)), [], 'an HTML doctype is never an XML concern');
});

test('rule ids are unique and belong to the xxe class', () => {
  const seen = new Set(xxeDetector.rules.map((rule) => rule.id));
  assert.equal(seen.size, xxeDetector.rules.length);
  for (const rule of xxeDetector.rules) assert.match(rule.id, /^xxe\.[a-z-]+$/);
});

test('adversarial near-matches complete (linear scan, no backtracking)', () => {
  const inputs = [
    '<!ENTITY '.repeat(20000),
    '<!ENTITY a "'.repeat(20000),
    `<!ENTITY a '${'<!ENTITY b "'.repeat(20000)}`,
    '<!DOCTYPE a PUBLIC "'.repeat(20000),
    `<!DOCTYPE a [<!ENTITY b "c">]>${'&b'.repeat(50000)}`,
    `<!DOCTYPE a [<!ENTITY b "${'&c'.repeat(50000)}`,
    '<!<!<!'.repeat(20000),
    `${'xsl:'.repeat(20000)}<`,
  ];
  for (const input of inputs) for (const paranoia of [1, 4] as const) detect(input, {}, paranoia);
  assert.ok(ids(detect('<!ENTITY '.repeat(20000), {}, 4)).length <= xxeDetector.rules.length);
});
