import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectionForms } from '../../normalize/index.js';
import { XSS_RULES, xssDetector } from './index.js';
import { profileOf } from '../../text-profile.js';
import { ruleIds as ids, scoredVectorSuite } from '../vector-suite.js';

const { vectors, detect } = scoredVectorSuite(xssDetector, new URL('./xss.vectors.json', import.meta.url), {
  minAttacks: 60, minBenign: 100,
  field: { kind: 'body', source: 'json', location: 'body.$.comment', name: 'comment', isName: false, value: '' },
});

test('every rule is exercised by an attack vector', () => {
  const matched = new Set(vectors.attacks.flatMap((vector) => vector.rules ?? []));
  for (const rule of xssDetector.rules) assert.ok(matched.has(rule.id), rule.id);
});

test('rule ids are unique and belong to the xss class; paranoia 1 rules are critical', () => {
  const seen = new Set(xssDetector.rules.map((rule) => rule.id));
  assert.equal(seen.size, xssDetector.rules.length);
  for (const rule of xssDetector.rules) {
    assert.match(rule.id, /^xss\.[a-z-]+$/);
    assert.equal(rule.attackClass, 'xss');
    if (rule.paranoia === 1) assert.equal(rule.severity, 'critical', rule.id);
  }
});

test('higher paranoia adds rules without losing the paranoia 1 ones', () => {
  assert.deepEqual(ids(detect('<svg onload=alert(1)>', {}, 3)), ['xss.event-handler', 'xss.generic-tag', 'xss.js-sink']);
  assert.deepEqual(ids(detect('<iframe src=javascript:alert(1)>', {}, 2)), ['xss.html-injection', 'xss.javascript-url', 'xss.js-sink']);
  assert.deepEqual(ids(detect('<button onClick={handleClick}>Save</button>', {}, 3)), ['xss.generic-tag'], 'a JSX reference is never a handler');
});

test('a javascript: value is judged by the field it sits in', () => {
  assert.deepEqual(ids(detect('javascript: the good parts', { name: 'title' })), []);
  assert.deepEqual(ids(detect('javascript: the good parts', { name: 'link' })), ['xss.javascript-url']);
  assert.deepEqual(ids(detect('javascript:alert(1)', { name: 'title' })), ['xss.javascript-url'], 'a call is code wherever it sits');
});

test('fragments show the matched markup', () => {
  const [handler] = detect('<p>hi</p><img src=x onerror=alert(1)>');
  assert.equal(handler?.fragment, 'onerror=alert(1)');
  const [script] = detect('text <script>alert(1)</script>');
  assert.ok(script?.fragment.startsWith('<script>'));
});

test('encoded payloads are caught once the engine has decoded them', () => {
  const encoded: Array<[string, string]> = [
    ['%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'xss.script-tag'],
    ['<a href="&#x6A;ava&#x09;script&colon;alert(1)">x</a>', 'xss.javascript-url'],
    ['\\u003cimg src=x onerror=alert(1)\\u003e', 'xss.event-handler'],
    ['%253Csvg%252Fonload%253Dalert(1)%253E', 'xss.event-handler'],
    ['<a href="&#14;javascript:alert(1)">x</a>', 'xss.javascript-url'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;', 'xss.script-tag'],
    // Named references for punctuation (`&commat;`, `&hyphen;`, `&lcub;`), as encoders spell every character.
    ['&lt;style&gt;&commat;import &apos;https&colon;&sol;&sol;evil&period;example&sol;x&period;css&apos;&semi;&lt;&sol;style&gt;', 'xss.style-expression'],
    ['&quot;&hyphen;alert&lpar;1&rpar;&hyphen;&quot;', 'xss.js-context-breakout'],
    ['&lcub;&lcub;&apos;a&apos;&period;constructor&period;prototype&period;charAt&equals;&lbrack;&rbrack;&period;join&semi;&dollar;eval&lpar;&apos;x&equals;alert&lpar;1&rpar;&apos;&rpar;&semi;&rcub;&rcub;', 'xss.template-injection'],
    // Form feed and vertical tab separate an attribute from the tag name as a space does.
    ['<svg%0Conload=alert(1)>', 'xss.event-handler'],
    ['<img%0Bsrc=x%0Conerror=alert(1)>', 'xss.event-handler'],
  ];
  for (const [raw, rule] of encoded) {
    const forms = inspectionForms(raw, 'query');
    const found = forms.flatMap((form) => detect(form, { kind: 'query', source: 'query' }));
    assert.ok(ids(found).includes(rule), `${raw}: ${ids(found).join(',')}`);
  }
});

test('escaped markup that only names a tag passes once decoded', () => {
  for (const raw of ['<p>Use the &lt;script&gt; tag to add analytics</p>', 'Type &lt;b&gt;bold&lt;/b&gt; for bold']) {
    const forms = inspectionForms(raw, 'json');
    assert.deepEqual(forms.flatMap((form) => ids(detect(form))), [], raw);
  }
});

test('the trigger gate lets through only text with markup, URL, handler, call or template characters', () => {
  const gate = (text: string): boolean => (profileOf(text) & xssDetector.triggers) !== 0;
  for (const text of ["O'Neil", 'jane.oneil@example.com', 'Please leave it at the back door, thanks!', '3f2c5a4e-8a1b-4c3d', '+44 20 7946 0958', "It's *great* - see #12 & [docs]"]) {
    assert.equal(gate(text), false, text);
  }
  for (const text of ['<b>', 'javascript:x', 'a=b', 'alert(1)', 'alert`1`', '{{x}}']) assert.equal(gate(text), true, text);
});

test('prose, URLs and timestamps that pass the gate are judged without a finding', () => {
  for (const text of [
    'https://www.example.com/products/running-shoes?utm_source=newsletter&utm_campaign=june', '2025-06-01T12:34:56Z', 'en-US,en;q=0.9',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)', "I'd say it's good (really) - see [the docs](https://example.com/a_b)",
    'Note: the data: field, the format: json', 'if (count == 3) { run(); }', 'onions = 3; on=1',
  ]) {
    assert.deepEqual(ids(detect(text)), [], text);
  }
});

test('the rules object lists every rule of the detector', () => {
  assert.deepEqual(Object.values(XSS_RULES), [...xssDetector.rules]);
});

test('adversarial near-matches complete (single-pass tokenizer, bounded look-arounds)', () => {
  const values = [
    `<${'a '.repeat(50_000)}`,
    '<a '.repeat(50_000),
    '<a x="'.repeat(20_000),
    '<a x="<a x=\'<a x="'.repeat(10_000),
    '<a<a<a<a'.repeat(20_000),
    '"'.repeat(100_000),
    `"${' onload=x'.repeat(20_000)}`,
    "';".repeat(50_000),
    `'${'-'.repeat(100_000)}alert(1)`,
    'javascript:'.repeat(20_000),
    'java\tscript:'.repeat(20_000),
    '{{'.repeat(50_000),
    `{{${'constructor'.repeat(20_000)}`,
    '${'.repeat(50_000),
    '<style>'.repeat(20_000),
    `<div style="${'/*'.repeat(50_000)}">`,
    `<div style="${'\\'.repeat(50_000)}">`,
    ':'.repeat(100_000),
    '='.repeat(100_000),
    ' onload='.repeat(20_000),
    'alert('.repeat(20_000),
    '</'.repeat(50_000),
    '<!--'.repeat(50_000),
    `<img src="${'x'.repeat(100_000)}`,
    ' onabcdefgh'.repeat(20_000) + '=',
    `x ${'o'.repeat(100_000)}n=`,
    'a=b=c'.repeat(30_000),
    'data'.repeat(30_000) + ':',
    'at:'.repeat(50_000),
  ];
  for (const value of values) {
    for (const paranoia of [1, 4] as const) detect(value, {}, paranoia);
  }
  assert.deepEqual(ids(detect('<a x="'.repeat(20_000) + '"><script>')), ['xss.script-tag']);
});
